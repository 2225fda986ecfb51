import KatalogIO
import MARCRecord
import MARCText
import Testing
import _KatalogTestSupport

private let leader = "=LDR  00000nam\\a2200000\\a\\4500\n"

/// Every lenient repair of the MARCBreaker reader.
@Suite struct MRKRepairTests {
    @Test(arguments: [
        ("00000nam\\a2200000\\a\\450", "00000nam a2200000 a 450 ", Finding.Severity.warning),
        ("00000nam\\a2200000\\a\\4500xyz", "00000nam a2200000 a 4500", .warning),
        ("00000nam a2200000 a 4500   ", "00000nam a2200000 a 4500", .info),
    ])
    func leaderOfTheWrongLengthIsFitted(text: String, fitted: String, severity: Finding.Severity) throws {
        let out = try readMRK("\n=LDR  \(text)\n=001  a\n")
        #expect(out.codes == ["mrk.bad-leader"])
        #expect(out.findings.first?.severity == severity)
        #expect(out.findings.first?.recordOffset == 6 && out.findings.first?.streamOffset == 7)
        #expect(out.records.first?.lines.first == fitted)
    }

    @Test func missingLeaderGetsTheStructuralBlankLeader() throws {
        let out = try readMRK("=001  a\n=245  10$aT\n")
        #expect(out.codes == ["mrk.missing-leader"])
        #expect(out.records.first?.lines == ["00000     2200000   4500", "001 a", "245 10$aT"])
        #expect(out.findings.first?.controlNumber == "a")
    }

    @Test func badTagsDropTheirLineOnly() throws {
        let out = try readMRK(leader + "=24\n=2 5  10$aX\n=001  a\n=245  10$aT\n")
        #expect(out.codes == ["mrk.bad-tag", "mrk.bad-tag"])
        #expect(out.findings.allSatisfy { $0.severity == .error && $0.action == "line dropped" })
        #expect(out.findings.map(\.message).allSatisfy { $0.contains("line 2") || $0.contains("line 3") })
        #expect(out.records.first?.lines.dropFirst() == ["001 a", "245 10$aT"])
    }

    @Test func tagSeparatorOfOneBlankOrNone() throws {
        let out = try readMRK(leader + "=001 a\n=245 10$aT\n=500\\\\$aN\n")
        #expect(out.codes == ["mrk.tag-separator", "mrk.tag-separator", "mrk.tag-separator"])
        #expect(out.records.first?.lines.dropFirst() == ["001 a", "245 10$aT", "500   $aN"])
    }

    @Test func missingAndMultibyteIndicatorsBecomeBlanks() throws {
        let out = try readMRK(leader + "=245  $aNone\n=246  1$aOne\n=247  \n=248  á0$aWide\n")
        #expect(out.codes == ["mrk.missing-indicators", "mrk.missing-indicators", "mrk.missing-indicators",
            "mrk.missing-indicators"])
        #expect(out.findings.map(\.tag) == ["245", "246", "247", "248"])
        #expect(out.records.first?.fields.map { Array($0.content) } == [
            Array("  \u{1F}aNone".utf8), Array("1 \u{1F}aOne".utf8), Array("  ".utf8), Array(" 0\u{1F}aWide".utf8),
        ])
    }

    @Test func textBeforeTheFirstSubfieldIsKept() throws {
        let out = try readMRK(leader + "=500  \\\\loose$aT\n")
        #expect(out.codes == ["mrk.data-before-first-subfield"])
        #expect(out.records.first?.lines.last == "500   loose$aT")
    }

    @Test func delimitersWithoutACodeAreRemoved() throws {
        let out = try readMRK(leader + "=500  \\\\$aT$$bU$\n")
        #expect(out.codes == ["mrk.empty-subfield"])
        #expect(out.findings.first?.message.hasPrefix("2 '$'") == true)
        #expect(out.records.first?.lines.last == "500   $aT$bU")
    }

    @Test func wrappedLinesAreJoinedAndStrayLinesDropped() throws {
        let text = "stray before\n\n" + leader + "=500  \\\\$aA long note\n that goes on\n=001  x\n\\\\more\n"
        let out = try readMRK(text)
        #expect(out.codes == ["mrk.bad-line", "mrk.continuation-line", "mrk.continuation-line"])
        #expect(out.findings[0].recordNumber == nil && out.findings[0].severity == .error)
        #expect(out.findings[1].recordNumber == 1 && out.findings[1].tag == "500")
        #expect(out.records.first?.lines.dropFirst() == ["500   $aA long note that goes on", "001 x  more"])
    }

    @Test func recordWithNothingUsableIsSkipped() throws {
        let out = try readMRK("=2\n\n" + leader + "=001  b\n")
        #expect(out.codes == ["mrk.bad-tag", "mrk.missing-leader"])
        #expect(out.findings[1].severity == .error && out.findings[1].action == "record skipped")
        #expect(out.controlNumbers == ["b"] && out.skipped == 1)
        #expect(out.findings.map(\.recordNumber) == [1, 1])
    }

    @Test func overlongLineIsReadInPieces() throws {
        // The second piece starts with "=LDR", the third with "#": both are still the rest of the 500.
        let value = String(repeating: "x", count: 31) + "=LDR" + String(repeating: "y", count: 36) + "# z"
        let text = leader + "=500  \\\\$a" + value + "\n=001  next\n"
        var reader = MRKReader(source: MemoryByteSource(Array(text.utf8), chunkSize: 7), chunkSize: 7, maxLineBytes: 40)
        let out = try readAll(&reader)
        #expect(out.codes.filter { $0 == "mrk.line-too-long" }.count == 2)
        #expect(out.records.first?.firstField("500")?.value("a") == value)
        #expect(out.records.first?.firstField("001")?.value == "next")
    }

    @Test(arguments: [
        ("=LDR  00000nam\\a2200000\\a\\450\n", "mrk.bad-leader", 1),
        ("=001  a\n", "mrk.missing-leader", 1),
        ("=LDR  00000nam a2200000 a 4500\n=24\n", "mrk.bad-tag", 1),
        ("=LDR  00000nam a2200000 a 4500\n=245 10$aT\n", "mrk.tag-separator", 1),
        ("=LDR  00000nam a2200000 a 4500\n=245  $aT\n", "mrk.missing-indicators", 1),
        ("=LDR  00000nam a2200000 a 4500\n=245  10x$aT\n", "mrk.data-before-first-subfield", 1),
        ("=LDR  00000nam a2200000 a 4500\n=245  10$aT$\n", "mrk.empty-subfield", 1),
        ("=LDR  00000nam a2200000 a 4500\n=245  10$aT\nwrapped\n", "mrk.continuation-line", 1),
        ("junk\n=LDR  00000nam a2200000 a 4500\n", "mrk.bad-line", nil),
    ])
    func strictModeStopsAtTheFirstProblem(text: String, code: String, record: Int?) throws {
        do {
            _ = try readMRK(text, mode: .strict)
            Issue.record("strict mode read \(text.debugDescription) without stopping")
        } catch let error as ReadError {
            #expect(error.kind == .strictStop)
            #expect(error.finding.code.rawValue == code)
            #expect(error.finding.recordNumber == record)
            #expect(error.finding.file == "test.mrk")
            #expect(error.finding.streamOffset != nil)
        }
    }
}
