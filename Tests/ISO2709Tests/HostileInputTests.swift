import ISO2709
import KatalogIO
import MARCRecord
import Testing
import _KatalogTestSupport

/// Limits that hold against hostile input (README, "Hostile input and fuzzing").
struct HostileInputTests {
    static let good = Array("00043nam a2200037 a 4500001000500000\u{1E}kat1\u{1E}\u{1D}".utf8)

    @Test func aFiftyMegabyteRecordWithoutTerminatorIsRefusedNotSwallowed() throws {
        var bytes = Array("99999nam a2200025 a 4500".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 50 << 20)
        var reader = ISO2709Reader(source: MemoryByteSource(bytes, chunkSize: 1 << 18), fileName: "huge.mrc")
        let outcome = try readAll(&reader)
        #expect(outcome.records.isEmpty)
        #expect(outcome.skipped == 1)
        let codes = outcome.findings.map(\.code)
        #expect(codes == [.recordTooLarge])
        // Dropped as it arrived: the framer never held more than the limit and a chunk.
        #expect(reader.bytesConsumed == Int64(bytes.count))
    }

    @Test func readingGoesOnAtTheNextTerminatorAfterAnOversizedRun() throws {
        var bytes = Array("99999nam a2200025 a 4500".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20) + [0x1D]
        bytes += Self.good
        let outcome = try readISO(bytes, chunkSize: 1 << 16)
        #expect(outcome.records.count == 1)
        #expect(outcome.records.first?.controlNumber == "kat1")
        #expect(outcome.findings.map(\.code) == [.recordTooLarge])
        #expect(outcome.findings.first?.severity == .error)
    }

    @Test func strictModeStopsAtAnOversizedRun() throws {
        let bytes = Array("99999nam a2200025 a 4500".utf8) + [UInt8](repeating: 0x41, count: 2 << 20)
        #expect(throws: ReadError.self) { try readISO(bytes, chunkSize: 1 << 16, mode: .strict) }
    }

    @Test func aRecordArrivingInTinyChunksIsSearchedOnce() throws {
        // 900 KB in 64-byte chunks: quadratic re-searching made this take minutes.
        var bytes = Array("99999nam a2200025 a 4500".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "y"), count: 900_000) + [0x1E, 0x1D]
        bytes += Self.good
        let outcome = try readISO(bytes, chunkSize: 64)
        #expect(outcome.records.last?.controlNumber == "kat1")
    }
}
