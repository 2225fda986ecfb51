import Catalog
import Foundation
import MARCRecord
import Testing
import _KatalogTestSupport

@Suite struct DumpWriterTests {
    typealias F = DumpFixtures

    static func dump(_ entries: [DumpEntry], _ options: DumpWriter.Options, name: String = "union.out")
        throws -> (dir: URL, summary: DumpSummary, findings: [Finding])
    {
        let dir = F.temporaryDirectory()
        var findings: [Finding] = []
        let summary = try DumpWriter.write(entries, to: dir.appendingPathComponent(name).path, options: options) {
            findings.append($0)
        }
        return (dir, summary, findings)
    }

    @Test(arguments: DumpFormat.allCases)
    func everyFormatReadsBackAsTheMergedAndDeletionRecords(format: DumpFormat) throws {
        let entries = F.entries(30, deletedEvery: 7)
        let (dir, summary, findings) = try Self.dump(entries, .init(format: format))
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(findings.isEmpty)
        #expect(summary.records == 30 && summary.deleted == 4)
        #expect(summary.files == [dir.appendingPathComponent("union.out").path])
        #expect(F.files(dir) == ["union.out"])  // no temporary file left behind
        let back = try F.readBack(try Paths.bytes(summary.files[0]), format)
        #expect(back.findings.isEmpty)
        #expect(back.records == F.expected(entries))
        #expect(back.records.map(\.controlNumber) == entries.map(\.clusterID))
    }

    @Test func aDeletedClusterIsAMinimalDeletionRecord() throws {
        let (dir, summary, _) = try Self.dump([DumpEntry(clusterID: "kat0000009", record: nil)],
            .init(format: .iso2709, unionAgency: "IdJaKAT"))
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = try Paths.bytes(summary.files[0])
        // Leader, three directory entries (001, 003 — no 005: the time is not known), no 245.
        #expect(String(decoding: bytes, as: UTF8.self)
            == "00069dam a2200049   4500001001100000003000800011\u{1E}kat0000009\u{1E}IdJaKAT\u{1E}\u{1D}")
        #expect(bytes.count == 69)
        let record = try #require(try F.readBack(bytes, .iso2709).records.first)
        #expect(record.leader.recordStatus == "d")
        #expect(record.fields.map(\.tag) == ["001", "003"])
    }

    @Test func marcXMLIsOneCollectionInTheSlimNamespace() throws {
        let (dir, summary, _) = try Self.dump(F.entries(5, deletedEvery: 5), .init(format: .marcxml))
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = String(decoding: try Paths.bytes(summary.files[0]), as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"http://www.loc.gov/MARC21/slim\">"))
        #expect(text.components(separatedBy: "<collection").count == 2)
        #expect(text.components(separatedBy: "<record>").count == 6)
        #expect(text.hasSuffix("</collection>\n"))
        #expect(text.contains("<leader>00069dam a2200049   4500</leader>\n  <controlfield tag=\"001\">kat0000005</controlfield>"))
    }

    @Test func jsonIsOneRecordPerLine() throws {
        let (dir, summary, _) = try Self.dump(F.entries(12, deletedEvery: 4), .init(format: .json))
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = String(decoding: try Paths.bytes(summary.files[0]), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"leader\":\"") && $0.hasSuffix("]}") })
    }

    @Test(arguments: DumpFormat.allCases)
    func anEmptyDumpIsStillOneReadableFile(format: DumpFormat) throws {
        let (dir, summary, _) = try Self.dump([], .init(format: format))
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(summary.files.count == 1 && summary.records == 0)
        let bytes = try Paths.bytes(summary.files[0])
        #expect(try F.readBack(bytes, format).records.isEmpty)
        if format == .marcxml { #expect(String(decoding: bytes, as: UTF8.self).contains("<collection")) }
        else { #expect(bytes.isEmpty) }
    }

    @Test func theSameEntriesGiveTheSameBytes() throws {
        for format in DumpFormat.allCases {
            let a = try Self.dump(F.entries(20, deletedEvery: 6), .init(format: format, gzip: true))
            let b = try Self.dump(F.entries(20, deletedEvery: 6), .init(format: format, gzip: true))
            defer { for d in [a.dir, b.dir] { try? FileManager.default.removeItem(at: d) } }
            #expect(try Paths.bytes(a.summary.files[0]) == Paths.bytes(b.summary.files[0]))
        }
    }

    @Test func findingsNameTheClusterAndTheFile() throws {
        // A C0 control MARCXML cannot carry: dropped by the writer, reported against the cluster.
        var record = F.entries(1)[0].record!
        record.appendDataField("500", subfields: [("a", "bell\u{07}here")])
        let (dir, summary, findings) = try Self.dump([DumpEntry(clusterID: "kat0000001", record: record)],
            .init(format: .marcxml))
        defer { try? FileManager.default.removeItem(at: dir) }
        let finding = try #require(findings.first)
        #expect(finding.controlNumber == "kat0000001")
        #expect(finding.recordNumber == 1)
        #expect(finding.file == summary.files[0])
        #expect(finding.tag == "500")
        #expect(summary.warnings == 1 && summary.errors == 0)
    }

    @Test func usageErrorsAreRefusedBeforeAnyFileIsMade() {
        #expect(throws: DumpError.self) { try DumpWriter(path: "-", options: .init(format: .json, chunkSize: 10)) }
        #expect(throws: DumpError.self) { try DumpWriter(path: "/tmp/x", options: .init(format: .json, chunkSize: 0)) }
        #expect(throws: DumpError.self) {
            try DumpWriter(path: "/tmp/x", options: .init(format: .json, compressionLevel: 0))
        }
    }
}
