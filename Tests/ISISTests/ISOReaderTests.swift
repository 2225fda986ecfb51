import Foundation
import ISIS
import KatalogIO
import MARCRecord
import Testing
import _KatalogTestSupport

/// Builds an ISIS ISO 2709 export the way CISIS `iso_write` does, for the reader tests.
struct ISOExport {
    var fieldTerminator: UInt8 = UInt8(ascii: "#")
    var recordTerminator: UInt8 = UInt8(ascii: "#")
    var lineWidth: Int? = 80
    var lineEnd: [UInt8] = [0x0A]
    var leaderMiddle = Array("0000000".utf8)  // leader/05–11
    var leaderTail = Array("000".utf8)  // leader/17–19

    func record(_ fields: some Collection<ISISRecord.Field>) -> [UInt8] {
        var directory: [UInt8] = []
        var data: [UInt8] = []
        for f in fields {
            directory += Array(String(format: "%03d%04d%05d", f.tag, f.bytes.count + 1, data.count).utf8)
            data += f.bytes + [fieldTerminator]
        }
        let base = 24 + directory.count + 1
        let length = base + data.count + 1
        var out = Array(String(format: "%05d", length).utf8) + leaderMiddle + Array(String(format: "%05d", base).utf8)
            + leaderTail + Array("4500".utf8)
        out += directory + [fieldTerminator] + data + [recordTerminator]
        guard let lineWidth else { return out }
        var wrapped: [UInt8] = []
        for (i, b) in out.enumerated() {
            if i > 0 && i % lineWidth == 0 { wrapped += lineEnd }
            wrapped.append(b)
        }
        return wrapped + lineEnd
    }

    func file(_ records: [ISISRecord]) -> [UInt8] { records.flatMap { record($0.fields) } }
}

func readISISISO(_ bytes: [UInt8], chunkSize: Int = 1 << 18, mode: ReadMode = .lenient, leaderTagBase: Int? = nil)
    throws -> ISISOutcome
{
    var reader = ISISISOReader(source: MemoryByteSource(bytes, chunkSize: chunkSize), fileName: "t.iso", mode: mode,
        leaderTagBase: leaderTagBase, chunkSize: 4096)
    return try readAllISIS(&reader)
}

@Suite struct ISOReaderTests {
    static let records: [ISISRecord] = (1...40).map { mfn in
        ISISRecord(mfn: mfn, fields: [
            field(24, "Title \(mfn) " + String(repeating: "long text ", count: mfn * 3)),
            field(245, "10^aHash # inside ## data"), field(8, "      s  #  "), .init(tag: 70, bytes: []),
            field(1101, "").withTag(110), field(3, "Br-PaFDR"),
        ])
    }

    @Test(arguments: [1, 7, 81, 4096])
    func hashTerminatedLFWrappedExportsReadInAnyChunking(_ chunk: Int) throws {
        let out = try readISISISO(ISOExport().file(Self.records), chunkSize: chunk)
        #expect(out.records == Self.records)
        #expect(out.findings.isEmpty, "\(out.findings.map(\.line))")
    }

    @Test func crlfAndMARCTerminatorsAsInWinISISExports() throws {
        let export = ISOExport(fieldTerminator: 0x1E, recordTerminator: 0x1D, lineEnd: [0x0D, 0x0A])
        let out = try readISISISO(export.file(Self.records), chunkSize: 13)
        #expect(out.records == Self.records)
        #expect(out.findings.isEmpty)
    }

    @Test func unwrappedExportKeepsLineFeedsInsideData() throws {
        let records = [ISISRecord(mfn: 1, fields: [field(50, "line one\nline two\r\nthree")]),
            ISISRecord(mfn: 2, fields: [field(24, String(repeating: "x", count: 200))])]
        let out = try readISISISO(ISOExport(lineWidth: nil, lineEnd: []).file(records))
        #expect(out.records == records)
        #expect(out.findings.isEmpty)
    }

    @Test func linesOfAnotherWidthAreLearnt() throws {
        var bytes = ISOExport(lineWidth: 80).record(Self.records[5].fields)
        bytes += ISOExport(lineWidth: 64, lineEnd: [0x0D, 0x0A]).record(Self.records[6].fields)
        bytes += ISOExport(lineWidth: 64).record(Self.records[7].fields)
        let out = try readISISISO(bytes)
        #expect(out.records.map(\.fields) == Self.records[5...7].map(\.fields))
        #expect(out.findings.isEmpty)
    }

    @Test func irregularLineBreaksAreRemovedWithAFinding() throws {
        var bytes = ISOExport(lineWidth: nil).record(Self.records[9].fields)
        for at in [150, 77, 31] { bytes.insert(0x0A, at: at) }  // a text editor's doing
        let out = try readISISISO(bytes + [0x0A])
        #expect(out.records.map(\.fields) == [Self.records[9].fields])
        #expect(out.findings.map(\.code) == [.isisISOLineBreaks])
    }

    @Test func leaderPositionsBecomeFieldsAsCISISImportsThem() throws {
        var export = ISOExport()
        export.leaderMiddle = Array("nam a22".utf8)
        export.leaderTail = Array("4a ".utf8)
        let out = try readISISISO(export.file([Self.records[0]]), leaderTagBase: 3000)
        let record = try #require(out.records.first)
        #expect(Array(record.fields.prefix(3)) == [.init(tag: 3005, bytes: [0x6E]), .init(tag: 3009, bytes: [0x61]),
            .init(tag: 3017, bytes: [0x34])])
        #expect(Array(record.fields.dropFirst(3)) == Array(Self.records[0].fields))
    }

    @Test func junkBetweenRecordsIsSkippedAndReported() throws {
        let export = ISOExport()
        let bytes = export.record(Self.records[0].fields) + Array("garbage!\n".utf8) + export.record(Self.records[1].fields)
            + [0x1A]
        let out = try readISISISO(bytes)
        #expect(out.records.map(\.fields) == [Self.records[0].fields, Self.records[1].fields])
        #expect(out.records.map(\.mfn) == [1, 2])
        #expect(out.findings.map(\.code) == [.isisISOJunk])
        #expect(out.findings.first?.streamOffset == Int64(export.record(Self.records[0].fields).count))
    }

    @Test func truncatedExportKeepsTheWholeFieldsItHas() throws {
        let bytes = ISOExport().file(Array(Self.records.prefix(2)))
        let out = try readISISISO(Array(bytes.dropLast(60)))
        #expect(out.records.count == 2)
        #expect(out.records[0] == Self.records[0])
        #expect(out.findings.first?.code == .isisISOTruncated && out.findings.first?.recordNumber == 2)
        #expect(out.records[1].fields.count < Self.records[1].fields.count)
    }

    @Test func badDirectoryEntriesDropTheirFieldWithAFinding() throws {
        var bytes = ISOExport(lineWidth: nil).record(Self.records[0].fields)
        bytes[24] = UInt8(ascii: "X")  // first tag
        bytes[24 + 12 + 3] = UInt8(ascii: "9")  // second entry's length: 9xxx, far past the record
        let out = try readISISISO(bytes)
        let record = try #require(out.records.first)
        #expect(record.fields.map(\.tag) == [245, 8, 70, 110, 3])
        #expect(record.fields[0].bytes.starts(with: Array("10^aHash # inside ## data#".utf8)))
        #expect(out.findings.map(\.code) == [.isisISOBadTag, .isisISOFieldPastRecord])
        #expect(out.findings.map(\.severity) == [.error, .error])
        let strict = try #require(throws: ReadError.self) { _ = try readISISISO(bytes, mode: .strict) }
        #expect(strict.finding.code == .isisISOBadTag && strict.finding.recordOffset == 24)
    }

    @Test func garbageNeverCrashes() throws {
        var rng = SplitMix(seed: 7)
        let clean = ISOExport().file(Array(Self.records.prefix(6)))
        for _ in 0..<200 {
            var bytes = clean
            for _ in 0..<4 { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            let out = try readISISISO(bytes, chunkSize: 1 + Int(rng.next() % 300))
            #expect(out.records.count <= 7)
        }
    }
}

extension ISISRecord.Field {
    func withTag(_ tag: Int) -> Self { .init(tag: tag, bytes: bytes) }
}

/// ISIS-ISO samples give the same fields, record by record, as the master file of the same database.
@Suite(.enabled(if: Paths.hasCorpus, "../shared/corpus is absent"))
struct CorpusISOTests {
    @Test(arguments: [("cds-cisis-linux-isis20/CDS.iso", "cds-cisis-linux-isis20/CDS.mst"),
        ("lilacs30/lilacs30.iso", "lilacs30/lilacs30.mst")])
    func isoExportMatchesTheMasterFile(_ iso: String, _ mst: String) throws {
        let isoPath = try #require(Paths.corpusFile("isis/" + iso))
        var reader = ISISISOReader(source: try FileByteSource(path: isoPath), fileName: iso)
        let fromISO = try readAllISIS(&reader)
        var master = try ISISMasterReader(path: try #require(Paths.corpusFile("isis/" + mst)))
        let fromMST = try readAllISIS(&master)
        #expect(fromISO.findings.isEmpty, "\(fromISO.findings.map(\.line))")
        #expect(fromISO.records.count == fromMST.records.count)
        #expect(fromISO.records == fromMST.records)
    }

    /// cds.iso (CR LF, 0x1E/0x1D) was exported from a modified copy of winisis-cds.mst (PROVENANCE):
    /// it must read cleanly, with as many records as the master file has live ones.
    @Test func winISISExportReadsCleanly() throws {
        let isoPath = try #require(Paths.corpusFile("isis/cds-winisis/cds.iso"))
        var reader = ISISISOReader(source: try FileByteSource(path: isoPath), fileName: "cds.iso")
        let fromISO = try readAllISIS(&reader)
        #expect(fromISO.findings.isEmpty)
        #expect(fromISO.records.count == 150)
        var master = try ISISMasterReader(path: try #require(Paths.corpusFile("isis/cds-winisis/winisis-cds.mst")))
        let fromMST = try readAllISIS(&master)
        let same = zip(fromISO.records, fromMST.records).filter { $0.fields == $1.fields }.count
        #expect(same >= 140, "only \(same) of 150 records agree")
    }
}
