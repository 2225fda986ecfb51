import MARCRecord
import Normalize
import Testing

@Suite("Rule: oclc")
struct OCLCRuleTests {
    let rule = try! OCLCRule(settings: RuleSettings.defaults("oclc"))

    @Test("prefixes and leading zeros go; other libraries' numbers stay")
    func numbers() {
        #expect(OCLCNumber("(OCoLC)ocm00012345")?.description == "(OCoLC)12345")
        #expect(OCLCNumber("(OCoLC)on1234567890")?.description == "(OCoLC)1234567890")
        #expect(OCLCNumber("ocn123456789")?.description == "(OCoLC)123456789")
        #expect(OCLCNumber("(OCOLC) 0034987929")?.description == "(OCoLC)34987929")
        #expect(OCLCNumber("(DLC)   00000002") == nil)
        #expect(OCLCNumber("12345") == nil)
        #expect(OCLCNumber("12345", requireOrganization: false)?.digits == "12345")
    }

    @Test("LC slice 035s, 019, and a repeat removed after normalizing")
    func fields() {
        let record = RuleTesting.record([
            "=019  \\\\$aocm0045$a77",
            "=035  \\\\$a(OCoLC)ocm34987929",
            "=035  \\\\$a(OCoLC)34987929",
            "=035  \\\\$a(IdJaUI)000123",
            "=035  \\\\$z(OCoLC)ocn000099",
        ])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == [
            "019 ## $a45$a77", "035 ## $a(OCoLC)34987929", "035 ## $a(IdJaUI)000123", "035 ## $z(OCoLC)99",
        ])
        #expect(changes.count == 4)
        #expect(changes.contains { $0.after == nil && $0.before == "## $a(OCoLC)34987929" })
        #expect(RuleTesting.secondRunChanges(rule, record).isEmpty)
    }
}
