import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import MARCText
import Testing
import _KatalogTestSupport

private func readISO(_ path: String) throws -> [MARCRecord] {
    var reader = ISO2709Reader(source: try FileByteSource(path: path), fileName: path)
    return try readAll(&reader).records
}

private func readJSON(_ bytes: [UInt8]) throws -> ReadOutcome {
    var reader = MARCJSONReader(source: MemoryByteSource(bytes), fileName: "json")
    return try readAll(&reader)
}

private func writeJSON(_ records: [MARCRecord]) throws -> [UInt8] {
    let dir = Paths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out.json").path
    let output = try OutputFile(path: path)
    var writer = MARCJSONWriter(output: output)
    for record in records { #expect(try writer.write(record).isEmpty) }
    try writer.finish()
    try output.commit()
    return try Paths.bytes(path)
}

private let yaz = "/usr/bin/yaz-marcdump"

/// MARC-in-JSON against yaz and pymarc on the Library of Congress slice.
@Suite(.enabled(if: Paths.hasCorpus, "../shared/corpus is absent"), .serialized)
struct JSONInteropTests {
    static var lcPath: String? { Paths.corpusFile("marc/lc-books/lc-books-25k.mrc") }

    @Test func ourJSONRoundTripsEveryRecord() throws {
        let original = try readISO(try #require(Self.lcPath))
        let back = try readJSON(try writeJSON(original))
        // The stray 0x1F ending 001 of record 23,523 travels as \u001f and is reported on the way back in.
        #expect(back.findings.map(\.code.rawValue) == ["json.structure-byte"])
        #expect(back.findings.first?.recordNumber == 23_523)
        #expect(back.records == original)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: yaz), "yaz-marcdump is not installed"))
    func weReadYazJSONToTheSameRecords() throws {
        let path = try #require(Self.lcPath)
        let original = try readISO(path)
        let result = try run(yaz, ["-i", "marc", "-o", "json", path])
        #expect(result.status == 0)
        let ours = try readJSON(result.stdout)
        #expect(ours.records.count == 25_000)
        #expect(ours.records == original)
    }

    /// yaz reads one MARC-in-JSON record per file (neither NDJSON nor an array), so it is fed a
    /// sample of our records one at a time.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: yaz), "yaz-marcdump is not installed"))
    func yazReadsOurJSONToTheSameRecords() throws {
        let original = try readISO(try #require(Self.lcPath))
        let sample = stride(from: 0, to: original.count, by: 100).map { original[$0] }
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("one.json").path
        for record in sample {
            try Data(try writeJSON([record])).write(to: URL(fileURLWithPath: path))
            let result = try run(yaz, ["-i", "json", "-o", "marc", path])
            #expect(result.status == 0)
            var reader = ISO2709Reader(source: MemoryByteSource(result.stdout), fileName: "yaz")
            #expect(try readAll(&reader).records == [record])
        }
    }

    @Test(.enabled(if: Paths.pymarcPython != nil, "needs .venv-pymarc"))
    func pymarcReadsOurJSONAndWeReadItsJSON() throws {
        let path = try #require(Self.lcPath)
        let original = try readISO(path)
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ours = dir.appendingPathComponent("ours.json").path
        try Data(try writeJSON(original)).write(to: URL(fileURLWithPath: ours))
        let viaPymarc = dir.appendingPathComponent("pymarc.mrc").path
        #expect(try Paths.pymarcConvert("json", "marc", ours, viaPymarc) == 0)
        #expect(try readISO(viaPymarc) == original)

        let theirs = dir.appendingPathComponent("pymarc.json").path
        #expect(try Paths.pymarcConvert("marc", "json", path, theirs) == 0)
        let read = try readJSON(try Paths.bytes(theirs))
        #expect(read.records.count == 25_000)
        #expect(read.records == original)
    }
}
