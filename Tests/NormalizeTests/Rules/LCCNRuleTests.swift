import MARCRecord
import Normalize
import Testing

@Suite("Rule: lccn")
struct LCCNRuleTests {
    let rule = try! LCCNRule(settings: RuleSettings.defaults("lccn"))

    @Test("LC's normalization: blanks, hyphen with zero padding, revision suffix, prefixes")
    func normalization() {
        #expect(LCCN("85-2")?.description == "85000002")
        #expect(LCCN("   85000002 ")?.description == "85000002")
        #expect(LCCN("n 78-890351")?.description == "n78890351")
        #expect(LCCN("  2001000002")?.description == "2001000002")
        #expect(LCCN("   00000294 //r882")?.description == "00000294")
        #expect(LCCN("agr 25000003")?.structured == "agr25000003 ")
        #expect(LCCN("ISBN 123") == nil)
        #expect(LCCN("85-1234567") == nil)
    }

    @Test("010 $a in the structured form; LC's own form and revision suffixes unchanged")
    func structured() {
        let record = RuleTesting.record([
            "=010  \\\\$a85-2", "=010  \\\\$a   00000294 //r882", "=010  \\\\$a2001-12$zn 78-890351",
        ])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == [
            "010 ## $a   85000002 ", "010 ## $a   00000294 //r882", "010 ## $a  2001000012$zn  78890351 ",
        ])
        #expect(changes.count == 2)
        #expect(RuleTesting.secondRunChanges(rule, record).isEmpty)
    }

    @Test("an $a that is no LCCN moves to $z")
    func invalid() {
        let record = RuleTesting.record(["=010  \\\\$aunknown"])
        #expect(RuleTesting.lines(RuleTesting.apply(rule, record).0) == ["010 ## $zunknown"])
    }
}
