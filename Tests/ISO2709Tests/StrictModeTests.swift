import ISO2709
import MARCRecord
import Testing
import _KatalogTestSupport

@Suite struct StrictModeTests {
    @Test func cleanFileReadsInStrictMode() throws {
        let out = try readFixture("good-three-records.mrc", mode: .strict)
        #expect(out.records.count == 3)
    }

    @Test(arguments: [
        ("length-in-characters.mrc", "iso2709.length-in-characters", 2),
        ("junk-between-records.mrc", "iso2709.junk-between-records", 2),
        ("unrecoverable-record.mrc", "iso2709.stray-bytes", 2),
        ("bad-indicators.mrc", "iso2709.missing-indicators", 2),
    ])
    func stopsAtTheFirstProblemWithItsLocation(fixture: String, code: String, record: Int) throws {
        do {
            _ = try readFixture(fixture, mode: .strict)
            Issue.record("strict mode read \(fixture) without stopping")
        } catch let error as ReadError {
            #expect(error.kind == .strictStop)
            #expect(error.finding.code.rawValue == code)
            #expect(error.finding.recordNumber == record)
            #expect(error.finding.file == fixture)
            #expect(error.finding.streamOffset != nil)
        }
    }
}
