import Foundation
import ISIS
import MARCRecord
import Testing
import _KatalogTestSupport

/// Damaged master files: each problem is a finding with MFN and byte offset, nothing crashes, and
/// reading goes on with the next MFN (lenient) or stops at the first problem (strict).
@Suite struct BrokenMasterTests {
    /// Ten records, their start offsets, and the bytes of both files ready to be damaged.
    struct Database {
        var format: ISISMasterFormat
        var writer: ISISMasterWriter
        var starts: [Int] = [0]  // index = MFN
        var records: [ISISRecord] = []
        var mst: [UInt8] = []
        var xrf: [UInt8] = []

        init(_ format: ISISMasterFormat = .init(layout: .isis18, byteOrder: .little, shift: 0), count: Int = 10) {
            self.format = format
            writer = ISISMasterWriter(format: format)
            for mfn in 1...count {
                let record = ISISRecord(mfn: mfn, fields: [field(24, "Title \(mfn) " + String(repeating: "z", count: mfn * 40)),
                    field(70, "Author \(mfn)")])
                starts.append(Int(writer.append(record)))
                records.append(record)
            }
            (mst, xrf) = writer.files()
        }

        mutating func poke16(_ offset: Int, _ value: UInt16) {
            let b = format.byteOrder == .little ? [UInt8(value & 0xFF), UInt8(value >> 8)] : [UInt8(value >> 8), UInt8(value & 0xFF)]
            mst.replaceSubrange(offset..<offset + 2, with: b)
        }

        func read(mode: ReadMode = .lenient) throws -> (ISISOutcome, ISISStatusCounts) {
            var reader = try ISISMasterReader(path: try writeDatabase(mst: mst, xrf: xrf), fileName: "broken.mst", mode: mode)
            let out = try readAllISIS(&reader)
            return (out, reader.counts)
        }
    }

    @Test func truncatedMasterFileKeepsTheRecordsBeforeTheCut() throws {
        var db = Database()
        let cut = db.starts[6] + 30
        db.mst.removeSubrange(cut...)
        let (out, counts) = try db.read()
        #expect(out.records.map(\.mfn) == [1, 2, 3, 4, 5])
        let truncated = try #require(out.findings.first { $0.code == .isisRecordTruncated })
        #expect(truncated.recordNumber == 6 && truncated.streamOffset == Int64(cut))
        #expect(out.findings.filter { $0.code == .isisBadPointer }.compactMap(\.recordNumber) == [7, 8, 9, 10])
        #expect(counts.active == 5 && counts.unreadable == 5)
    }

    @Test func pointerPastTheEndIsSkippedAndTheNextMFNRead() throws {
        var db = Database()
        db.writer.setRawPointer(mfn: 3, 0x7FFF_0040)
        (db.mst, db.xrf) = db.writer.files()
        let (out, counts) = try db.read()
        #expect(out.records.map(\.mfn) == [1, 2, 4, 5, 6, 7, 8, 9, 10])
        let f = try #require(out.findings.first)
        #expect(f.code == .isisBadPointer && f.recordNumber == 3 && f.severity == .error)
        #expect(f.streamOffset == 12 && f.file?.hasSuffix(".xrf") == true)
        #expect(counts.unreadable == 1)
    }

    @Test func pointerToAnotherRecordIsAnMFNMismatch() throws {
        var db = Database()
        let five = db.starts[5]
        db.writer.setRawPointer(mfn: 4, Int32((five / 512 + 1) * 2048 + five % 512))
        (db.mst, db.xrf) = db.writer.files()
        let (out, _) = try db.read()
        #expect(out.records.map(\.mfn) == [1, 2, 3, 5, 6, 7, 8, 9, 10])
        let f = try #require(out.findings.first)
        #expect(f.code == .isisMFNMismatch && f.recordNumber == 4 && f.streamOffset == Int64(five))
    }

    @Test(arguments: ISISLayout.allCases)
    func wrongNVFOrBaseIsRepairedFromTheOther(_ layout: ISISLayout) throws {
        var db = Database(.init(layout: layout, byteOrder: .big, shift: 0))
        db.poke16(db.starts[2] + layout.leaderSize - 4, 7)  // NVF 2 → 7
        let baseAt = db.starts[3] + layout.leaderSize - 6 - (layout.isFFI ? 2 : 0)
        db.mst[baseAt + (layout.isFFI ? 3 : 1)] &+= 12  // BASE off by 12 (low byte, big-endian)
        let (out, _) = try db.read()
        #expect(out.records == db.records)
        #expect(out.findings.map(\.code) == [.isisBaseMismatch, .isisBaseMismatch])
        #expect(out.findings.map(\.recordNumber) == [2, 3])
        #expect(out.findings.allSatisfy { $0.severity == .warning })
    }

    @Test func baseAndNVFBothWrongSkipsTheRecord() throws {
        var db = Database()
        db.poke16(db.starts[2] + 12, 9_000)  // BASE
        db.poke16(db.starts[2] + 14, 5_000)  // NVF
        let (out, counts) = try db.read()
        #expect(out.records.map(\.mfn) == [1, 3, 4, 5, 6, 7, 8, 9, 10])
        #expect(out.findings.map(\.code) == [.isisBaseMismatch])
        #expect(out.findings.first?.severity == .error && counts.unreadable == 1)
    }

    @Test func fieldRunningPastItsRecordIsCutAndReported() throws {
        var db = Database()
        let entry2 = db.starts[4] + 18 + 6  // second directory entry of MFN 4
        db.poke16(entry2 + 4, 400)  // LEN of 070 "Author 4" (8 bytes) → 400
        let (out, _) = try db.read()
        #expect(out.records.map(\.mfn) == Array(1...10))
        let f = try #require(out.findings.first)
        #expect(f.code == .isisFieldPastRecord && f.recordNumber == 4 && f.tag == "070" && f.severity == .error)
        #expect(Array(out.records[3].fields[1].bytes) == Array("Author 4".utf8))  // what lies inside the record is kept
    }

    @Test func lockedRecordIsReadAsStoredWithAnInfoFinding() throws {
        let db = Database(.init(layout: .isis20, byteOrder: .big, shift: 6))
        var writer = ISISMasterWriter(format: db.format)
        writer.append(db.records[0], locked: true)
        let (mst, xrf) = writer.files()
        var reader = try ISISMasterReader(path: try writeDatabase(mst: mst, xrf: xrf), mode: .strict)
        let out = try readAllISIS(&reader)
        #expect(out.records == [db.records[0]])
        #expect(out.findings.map(\.code) == [.isisLockedRecord] && reader.counts.locked == 1)
    }

    @Test func xrfShorterThanTheControlRecordSays() throws {
        var db = Database(count: 200)
        db.xrf.removeSubrange(512...)
        let (out, counts) = try db.read()
        #expect(out.records.count == 127)
        #expect(out.findings.map(\.code) == [.isisXRFTooShort])
        #expect(out.findings.first?.recordNumber == 128)
        #expect(counts.unreadable == 73)
    }

    @Test func shiftThatDisagreesWithTheControlRecordIsFoundFromTheXRF() throws {
        var db = Database(.init(layout: .ffi24, byteOrder: .little, shift: 3))
        db.mst[15] = 0  // MFTYPE high byte: shift 0
        let (out, _) = try db.read()
        #expect(out.records == db.records)
        #expect(out.findings.map(\.code) == [.isisShiftMismatch])
    }

    @Test func strictModeStopsAtTheFirstProblem() throws {
        var db = Database()
        db.writer.setRawPointer(mfn: 3, 0x7FFF_0040)
        (db.mst, db.xrf) = db.writer.files()
        var reader = try ISISMasterReader(path: try writeDatabase(mst: db.mst, xrf: db.xrf), mode: .strict)
        #expect(try reader.next()?.mfn == 1)
        #expect(try reader.next()?.mfn == 2)
        let error = try #require(throws: ReadError.self) { try reader.next() }
        #expect(error.kind == .strictStop && error.finding.code == .isisBadPointer && error.finding.recordNumber == 3)
    }

    @Test func notAMasterFileIsRefused() throws {
        let text = Array("This is a plain text file, not a CDS/ISIS master file at all.\n".utf8)
        let error = try #require(throws: ReadError.self) {
            _ = try ISISMasterFile(path: try writeDatabase(mst: text, xrf: text))
        }
        #expect(error.kind == .unreadable && error.finding.code == .isisBadControlRecord)
        let short = try #require(throws: ReadError.self) {
            _ = try ISISMasterFile(path: try writeDatabase(mst: [0, 0, 0, 0, 1], xrf: []))
        }
        #expect(short.finding.code == .isisBadControlRecord)
    }

    @Test func missingXRFIsRefused() throws {
        let dir = Paths.temporaryDirectory()
        let path = dir.appendingPathComponent("alone.mst").path
        try Data(Database().mst).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ReadError.self) { _ = try ISISMasterFile(path: path) }
        #expect(error.kind == .unreadable && error.finding.code == .isisNoCrossReference)
    }

    /// Random damage anywhere: never a crash, and every MFN is accounted for.
    @Test(arguments: 0..<40)
    func randomDamageNeverCrashes(_ seed: Int) throws {
        var db = Database(.init(layout: ISISLayout.allCases[seed % 4], byteOrder: seed % 2 == 0 ? .little : .big,
            shift: [0, 3, 6][seed % 3]), count: 30)
        var rng = SplitMix(seed: UInt64(seed))
        for _ in 0..<(1 + seed % 8) {
            let at = 64 + Int(rng.next() % UInt64(db.mst.count - 64))
            db.mst[at] = UInt8(truncatingIfNeeded: rng.next())
        }
        if seed % 5 == 0 { db.xrf[4 + Int(rng.next() % 100) * 4] ^= 0x55 }
        guard let path = try? writeDatabase(mst: db.mst, xrf: db.xrf),
            var reader = try? ISISMasterReader(path: path)
        else { return }
        let out = try readAllISIS(&reader)
        #expect(reader.counts.total == 30)
        #expect(out.records.count == reader.counts.active)
        for f in out.findings where f.severity > .info { #expect(f.recordNumber != nil || f.code == .isisByteOrderGuessed || f.code == .isisShiftMismatch || f.code == .isisLayoutUndetected || f.code == .isisLayoutAmbiguous) }
    }
}

/// A tiny deterministic generator, so damage is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
