import MARCRecord
import Normalize
import Testing

@Suite("Rule: nfc")
struct UnicodeNFCTests {
    let rule = try! UnicodeNFC(settings: RuleSettings.defaults("nfc"))

    @Test("decomposed LC text composes, subfield by subfield; a leading mark never joins the code")
    func compose() {
        // "Menchú" as LC writes it (u + U+0301), and a subfield that starts with a combining mark.
        let record = RuleTesting.record(["=600  00$aMenchu\u{301}, Rigoberta.$b\u{301}x"])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == ["600 00 $aMench\u{FA}, Rigoberta.$b\u{301}x"])
        #expect(changes.count == 1)
        #expect(RuleTesting.secondRunChanges(rule, record).isEmpty)
    }

    @Test("skipped when the reader already wrote NFC")
    func knownNFC() {
        var record = RuleTesting.record(["=245  00$ae\u{301}"])
        var context = NormalizationContext()
        context.isKnownNFC = true
        rule.apply(to: &record, &context)
        #expect(context.changes.isEmpty)
    }
}
