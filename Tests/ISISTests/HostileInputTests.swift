import ISIS
import KatalogIO
import MARCRecord
import Testing
import _KatalogTestSupport

/// ISIS ISO exports frame by their leader's five-digit length, so a record is bounded by it; junk
/// between records is consumed as it is scanned.
struct HostileInputTests {
    /// Found writing this test: 50 MB without a leader was rescanned from its start at every chunk
    /// and held whole (many minutes); now one pass, one finding.
    @Test func fiftyMegabytesWithoutALeaderEndInFindingsNotMemory() throws {
        var bytes = Array("99999".utf8) + [UInt8](repeating: UInt8(ascii: "q"), count: 50 << 20)
        bytes += Array("#".utf8)
        var reader = ISISISOReader(source: MemoryByteSource(bytes, chunkSize: 1 << 18), fileName: "huge.iso")
        let outcome = try readAllISIS(&reader)
        #expect(outcome.records.isEmpty)
        // One finding for the whole run (scanned once as it arrived, only a sample kept).
        #expect(outcome.findings.map(\.code) == [.isisISOJunk])
        #expect(outcome.findings.first?.message.hasPrefix("\(bytes.count) byte(s)") == true)
    }
}

/// Inputs fuzzing found (Fixtures/fuzz-regressions/).
struct ISISFuzzRegressionTests {
    /// fuzz-isis-master: a control record whose MFTYPE high byte (the MSTXL shift) is over 11 made
    /// the XRF block unit zero: division by zero.
    @Test func mstxlOutOfRangeIsReportedNotATrap() throws {
        for mode in [ReadMode.lenient, .strict] {
            var findings: [Finding] = []
            do {
                var reader = try ISISMasterReader(path: Paths.fixture("fuzz-regressions/isis-mstxl-out-of-range.mst"),
                    mode: mode, includeLogicallyDeleted: true)
                let outcome = try readAllISIS(&reader)
                findings = outcome.findings
            } catch let error as ReadError {
                findings = [error.finding]
            }
            // Strict mode stops at the first finding (the guessed byte order); lenient reports the shift.
            #expect(findings.contains { $0.code == (mode == .lenient ? .isisShiftMismatch : .isisByteOrderGuessed) },
                "\(mode): \(findings.map(\.code))")
        }
    }
}
