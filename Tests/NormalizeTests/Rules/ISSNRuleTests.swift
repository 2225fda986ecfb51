import MARCRecord
import Normalize
import Testing

@Suite("Rule: issn")
struct ISSNRuleTests {
    let rule = try! ISSNRule(settings: RuleSettings.defaults("issn"))

    @Test("check digits, with X")
    func checkDigits() {
        #expect(ISSN("0317-8471")?.description == "0317-8471")
        #expect(ISSN("0317-8472") == nil)
        #expect(ISSN("2434-561X")?.digits == "2434561X")
        #expect(ISSN("ISSN 0084-9235")?.description == "0084-9235")
        #expect(ISSN("03178471")?.description == "0317-8471")
    }

    @Test("022 $a written with its hyphen, qualifier kept; invalid to $y; ISSN-L checked too")
    func field022() {
        let record = RuleTesting.record([
            "=022  0\\$a03178471 (Print)$l0317-8471", "=022  \\\\$a9780877146179",
        ])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out, tag: "022") == [
            "022 0# $a0317-8471 (Print)$l0317-8471",
            "022 ## $y9780877146179",  // an ISBN in 022 in the LC slice: not an ISSN, kept in $y
        ])
        #expect(changes.count == 2)
        #expect(RuleTesting.secondRunChanges(rule, record).isEmpty)
    }

    @Test("an ISSN that SLiMS exported in 020 moves to 022, price kept beside it")
    func fromSLiMS020() {
        let record = RuleTesting.record(["=020  \\\\$a1411-3201$cRp. 20.000", "=020  \\\\$a9796556065"])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == ["022 ## $a1411-3201 (Rp. 20.000)", "020 ## $a9796556065"])
        #expect(changes.first?.after == "022 ## $a1411-3201 (Rp. 20.000)")
    }
}
