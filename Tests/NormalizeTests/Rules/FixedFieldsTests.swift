import MARCRecord
import Normalize
import Testing

@Suite("Rule: fixed-fields")
struct FixedFieldsTests {
    let rule = try! FixedFields(settings: RuleSettings.defaults("fixed-fields"))

    @Test("blank Date 1 and language filled from 264 and 041; length fixed to 40")
    func fill() {
        let record = RuleTesting.record([
            "=008  230115         io            000 0     ",  // 39 characters, date and language blank
            "=041  0\\$aind$beng",
            "=264  \\1$aJakarta :$bGramedia,$c[2019]",
        ])
        let (out, changes) = RuleTesting.apply(rule, record)
        let value = String(decoding: out.firstField("008")!.content, as: UTF8.self)
        #expect(value.count == 40)
        #expect(value == "230115s2019    io            000 0 ind  ")
        #expect(changes.count == 1)
        #expect(RuleTesting.secondRunChanges(rule, record).isEmpty)
    }

    @Test("260 $c with a copyright year; coded values are never overwritten")
    func keepCoded() {
        let record = RuleTesting.record([
            "=008  000101s1900    nyu           000 0 eng  ",
            "=260  \\\\$aNew York,$bMacmillan,$cc1998.",
        ])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == RuleTesting.lines(record))
        #expect(changes.isEmpty)
        let blank = RuleTesting.record([
            "=008  000101         nyu           000 0 eng d", "=260  \\\\$aNew York,$bMacmillan,$cc1998.",
        ])
        let filled = String(decoding: RuleTesting.apply(rule, blank).0.firstField("008")!.content, as: UTF8.self)
        #expect(filled == "000101s1998    nyu           000 0 eng d")
    }

    @Test("an 008 longer than 40 is cut to 40, the cut recorded in the change")
    func tooLong() {
        let record = RuleTesting.record(["=008  000101s1900    nyu           000 0 eng dEXTRA"])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(out.firstField("008")!.content.count == 40)
        #expect(changes.first?.before?.hasSuffix("EXTRA") == true)
    }

    @Test("a record without 008 (an ISIS profile, Dublin Core) gets one, in tag order, same on every run")
    func created() {
        let record = RuleTesting.record([
            "=001  isis-17", "=005  20240301101010.0", "=041  0\\$aind", "=245  00$aJudul",
            "=260  \\\\$aBandung :$bPenerbit ITB,$c1987.",
        ])
        let (out, _) = RuleTesting.apply(rule, record)
        #expect(out.fields.map(\.tag.description) == ["001", "005", "008", "041", "245", "260"])
        let value = String(decoding: out.firstField("008")!.content, as: UTF8.self)
        #expect(value == "240301s1987    xx |||||||||||||| ||ind d")
        #expect(RuleTesting.secondRunChanges(rule, record).isEmpty)
        let unknown = RuleTesting.record(["=245  00$aJudul"])
        let made = String(decoding: RuleTesting.apply(rule, unknown).0.firstField("008")!.content, as: UTF8.self)
        #expect(made == "      nuuuu    xx |||||||||||||| ||und d")
    }
}
