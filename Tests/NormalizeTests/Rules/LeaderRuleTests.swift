import ISO2709
import KatalogIO
import MARCRecord
import Normalize
import Testing
import _KatalogTestSupport

@Suite("Rule: leader")
struct LeaderRuleTests {
    let rule = try! LeaderRule(settings: RuleSettings.defaults("leader"))

    @Test("09, 10-11 and 20-23 set and recorded; length and base address equal what the writer writes")
    func leader() throws {
        let record = RuleTesting.record(["=001  x1", "=245  00$aTitle"], leader: "99999cam  0099999   0000")
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(changes.count == 1)
        #expect(changes[0].before == "99999cam  0099999   0000")
        let (written, findings) = try writeISO([out])
        #expect(findings.isEmpty)
        #expect(out.leader.bytes == Array(written.prefix(24)))
        #expect(out.leader.recordLength == written.count)
        #expect(RuleTesting.secondRunChanges(rule, record).isEmpty)
    }
}
