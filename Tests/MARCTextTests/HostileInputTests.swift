import KatalogIO
import MARCRecord
import MARCText
import Testing
import _KatalogTestSupport

/// Limits that hold against hostile input, and inputs fuzzing found (README, "Hostile input and fuzzing").
struct HostileInputTests {
    static let record = #"{"leader":"00000nam a2200000 a 4500","fields":[{"001":"ok1"}]}"#

    @Test func hundredThousandDeepArraysAtTheTopAreRefused() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
            + Self.record + "\n"
        let outcome = try readJSON(text)
        #expect(outcome.findings.contains { $0.severity == .error })
    }

    @Test func hundredThousandDeepArraysInsideARecordAreASyntaxError() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let text = #"{"leader":"00000nam a2200000 a 4500","fields":[{"500":"# + deep + #"}]}"# + "\n" + Self.record
        let outcome = try readJSON(text)
        #expect(outcome.records.map(\.controlNumber) == ["ok1"])
        #expect(outcome.findings.contains { $0.code == .jsonSyntax && $0.message.contains("nested too deep") })
        #expect(outcome.skipped == 1)
    }

    @Test func aFiftyMegabyteRecordObjectIsSkipped() throws {
        var bytes = Array(#"{"leader":"00000nam a2200000 a 4500","fields":[{"500":{"subfields":[{"a":""#.utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "z"), count: 50 << 20)
        bytes += Array("\"}]}}]}\n".utf8) + Array(Self.record.utf8)
        let outcome = try readJSON(bytes, chunkSize: 1 << 18)
        #expect(outcome.records.map(\.controlNumber) == ["ok1"])
        #expect(outcome.findings.map(\.code).contains(.jsonRecordTooLarge))
    }

    @Test func aFiftyMegabyteMRKLineIsCutAndItsRecordRefused() throws {
        var bytes = Array("=LDR  00000nam  2200000 a 4500\n=500  \\\\$a".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "w"), count: 50 << 20)
        bytes += Array("\n=520  \\\\$amore\n\n=LDR  00000nam  2200000 a 4500\n=001  ok2\n".utf8)
        let outcome = try readMRK(bytes, chunkSize: 1 << 18)
        #expect(outcome.records.map(\.controlNumber) == ["ok2"])
        let codes = outcome.findings.map(\.code)
        #expect(codes.contains(.mrkLineTooLong))
        #expect(codes.contains(.mrkRecordTooLarge))
        #expect(outcome.skipped == 1)
    }

    @Test func aMRKRecordOfEndlessFieldLinesIsRefused() throws {
        var text = "=LDR  00000nam  2200000 a 4500\n"
        text += String(repeating: "=500  \\\\$ax\n", count: MARCTextLimits.maxMRKFieldsPerRecord + 10)
        text += "=LDR  00000nam  2200000 a 4500\n=001  ok3\n"
        let outcome = try readMRK(text)
        #expect(outcome.records.map(\.controlNumber) == ["ok3"])
        #expect(outcome.findings.filter { $0.code == .mrkRecordTooLarge }.count == 1)
    }

    /// Fuzzing (fuzz-marcjson): junk on the last line with no line feed after it trapped on a nil
    /// pending-junk after the junk had been reported.
    @Test func junkOnTheLastLineWithoutLineFeedIsReportedOnce() throws {
        let outcome = try readJSON(try Paths.bytes(Paths.fixture("fuzz-regressions/json-junk-last-line-no-newline.json")))
        #expect(outcome.records.map(\.controlNumber) == ["x1"])
        #expect(outcome.findings.map(\.code) == [.jsonJunk])
        let strict = try? readJSON(try Paths.bytes(Paths.fixture("fuzz-regressions/json-junk-last-line-no-newline.json")),
            chunkSize: 3, mode: .strict)
        #expect(strict == nil)
    }
}
