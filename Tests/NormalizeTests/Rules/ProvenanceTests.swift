import MARCRecord
import Normalize
import Testing

@Suite("Rule: provenance")
struct ProvenanceTests {
    let rule = try! Provenance(settings: RuleSettings.defaults("provenance"))

    @Test("a member's own record: 003, 035 (CODE)001 and an 852 with the call number from 090")
    func ownRecord() {
        let record = RuleTesting.record([
            "=001  000123", "=008  230115s2019    io            000 0 ind d", "=090  \\\\$a297.2$bSUL p",
            "=245  10$aPendidikan agama Islam",
        ])
        let (out, changes) = RuleTesting.apply(rule, record, member: "UNAIR")
        #expect(RuleTesting.lines(out) == [
            "001 000123", "003 UNAIR", "008 230115s2019    io            000 0 ind d",
            "035 ## $a(UNAIR)000123", "090 ## $a297.2$bSUL p", "245 10 $aPendidikan agama Islam",
            "852 ## $aUNAIR$h297.2 SUL p",
        ])
        #expect(changes.map(\.tag) == ["003", "035", "852"])
        #expect(RuleTesting.secondRunChanges(rule, record, member: "UNAIR").isEmpty)
    }

    @Test("a record copied from LC keeps (DLC)001 in an 035 before 003 becomes the member's")
    func copiedRecord() {
        let record = RuleTesting.record(["=001     00000002 ", "=003  DLC", "=035  \\\\$a(OCoLC)12345", "=245  00$aT"])
        let (out, _) = RuleTesting.apply(rule, record, member: "PNRI")
        #expect(RuleTesting.lines(out, tag: "003") == ["003 PNRI"])
        #expect(RuleTesting.lines(out, tag: "035") == [
            "035 ## $a(OCoLC)12345", "035 ## $a(DLC)00000002", "035 ## $a(PNRI)00000002",
        ])
    }

    @Test("the local id the source knows (OAI identifier, MFN) wins over 001; existing 852s get $a")
    func localIDAndHoldings() {
        let record = RuleTesting.record(["=245  00$aT", "=852  \\\\$bRef$hQA76 .K3", "=852  \\\\$aOLD$bSirk"])
        let (out, changes) = RuleTesting.apply(rule, record, member: "UI", localID: "oai:lib.ui.ac.id:42")
        #expect(RuleTesting.lines(out) == [
            "003 UI", "035 ## $a(UI)oai:lib.ui.ac.id:42", "245 00 $aT",
            "852 ## $aUI$bRef$hQA76 .K3", "852 ## $aUI$bSirk",
        ])
        #expect(changes.last?.before == "## $aOLD$bSirk")
    }

    @Test("without a member code nothing happens")
    func noMember() {
        let record = RuleTesting.record(["=001  1", "=245  00$aT"])
        #expect(RuleTesting.apply(rule, record).1.isEmpty)
    }
}
