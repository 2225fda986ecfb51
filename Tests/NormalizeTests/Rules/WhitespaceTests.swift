import MARCRecord
import Normalize
import Testing

@Suite("Rule: whitespace")
struct WhitespaceTests {
    let rule = try! Whitespace(settings: RuleSettings.defaults("whitespace"))

    @Test("LC slice cases: double blanks collapse, blanks after a code and at the end go")
    func lcCases() {
        let record = RuleTesting.record([
            "=245  10$aJames Henry Lane,$bthe \"Grim chieftain\" of Kansas,$cby  William E. Connelley.",
            "=300  \\\\$a cviii, 498 p.$c24 cm. ",
            "=100  1\\$aOpdyke, George Howard,$d1877- $ecomp.",
        ])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == [
            "245 10 $aJames Henry Lane,$bthe \"Grim chieftain\" of Kansas,$cby William E. Connelley.",
            "300 ## $acviii, 498 p.$c24 cm.",
            "100 1# $aOpdyke, George Howard,$d1877-$ecomp.",
        ])
        #expect(changes.map(\.tag) == ["245", "300", "100"])
        #expect(RuleTesting.secondRunChanges(rule, record).isEmpty)
    }

    @Test("tabs and line breaks become blanks; other control characters (C0, DEL, C1) are removed")
    func controls() {
        let record = RuleTesting.record(["=520  \\\\$aLine one\r\nline\ttwo\u{7}\u{7F} end\u{85}."])
        let (out, _) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == ["520 ## $aLine one line two end."])
    }

    @Test("blanks that mean something stay: 010, $w, open dates, control fields")
    func significantBlanks() {
        let record = RuleTesting.record([
            "=001     00000002 ",
            "=008  000101s1900    nyu           000 0 eng  ",
            "=010  \\\\$a   00000002 ",
            "=785  00$tContract law in Wisconsin.$w(DLC)  2007018218",
            "=100  1\\$aPosey, William Campbell,$d1866-    ,$eed.",
        ])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == RuleTesting.lines(record))
        #expect(changes.isEmpty)
    }

    @Test("an empty subfield goes, and a field left empty goes, each recorded")
    func empties() {
        let record = RuleTesting.record(["=040  \\\\$aDLC$cDLC$d$dDLC", "=500  \\\\$a   ", "=245  00$aKept"])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == ["040 ## $aDLC$cDLC$dDLC", "245 00 $aKept"])
        #expect(changes.count == 2)
        #expect(changes[1].after == nil)
    }

    @Test("a field without subfields (RUSMARC, leader/11 = 0) is never removed")
    func subfieldlessField() {
        let record = RuleTesting.record(["=076  ~N  9-10"])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == ["076 ~N   9-10"])
        #expect(changes.isEmpty)
    }

    @Test("bytes before the first delimiter are kept when a field is rebuilt")
    func leadingBytes() {
        let record = RuleTesting.record(["=245  10junk$aTitle  here"])
        let (out, _) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out) == ["245 10 junk$aTitle here"])
    }
}
