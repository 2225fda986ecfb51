import MARCRecord
import Normalize
import Testing

@Suite("Rule: isbn")
struct ISBNRuleTests {
    let rule = try! ISBNRule(settings: RuleSettings.defaults("isbn"))

    @Test("check digits: ISBN-10 with X, ISBN-13, Indonesian 979 ISBN-10, 979 ISBN-13")
    func checkDigits() {
        #expect(ISBN(digits: "013019963X")?.isbn13 == "9780130199638")
        #expect(ISBN(digits: "0130199631") == nil)
        #expect(ISBN(digits: "9780198526636")?.isbn10 == "0198526636")
        // An Indonesian ISBN-10 (group 979): ten digits starting 979 are an ISBN-10, and the ISBN-13
        // puts 978 in front of them.
        let indonesian = ISBN(digits: "9796556065")
        #expect(indonesian?.isbn10 == "9796556065")
        #expect(indonesian?.isbn13 == "9789796556069")
        // A 979 ISBN-13 (France's 979-10) has no ISBN-10 form.
        let french = ISBN(digits: "9791032300824")
        #expect(french != nil && french?.isbn10 == nil)
        // A pre-1970 SBN is the ISBN-10 with a leading 0.
        #expect(ISBN(digits: "345234561")?.isbn10 == "0345234561")
        #expect(ISBN(digits: "345234567") == nil)
    }

    @Test("LC's 020 with a parenthesised qualifier: $q split off, ISBN-13 added after it")
    func lcQualifier() {
        let record = RuleTesting.record(["=001  00012345", "=020  \\\\$a013019963X (alk. paper)", "=245  10$aTitle."])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out, tag: "020") == [
            "020 ## $a013019963X$qalk. paper",
            "020 ## $a9780130199638$qalk. paper",
        ])
        #expect(changes.count == 2)
        #expect(changes[0].before == "## $a013019963X (alk. paper)")
        #expect(RuleTesting.secondRunChanges(rule, record).isEmpty)
    }

    @Test("Indonesian ISBN-10 written with hyphens and a volume qualifier (SLiMS, INLISLite)")
    func indonesianHyphenated() {
        let record = RuleTesting.record(["=020  \\\\$a979-655-606-5 (jil. 1)"])
        let (out, _) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out, tag: "020") == [
            "020 ## $a9796556065$qjil. 1",
            "020 ## $a9789796556069$qjil. 1",
        ])
    }

    @Test("an ISBN-13 already present is not added twice")
    func noDuplicate13() {
        let record = RuleTesting.record(["=020  \\\\$a9789796556069", "=020  \\\\$a979-655-606-5"])
        let (out, _) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out, tag: "020") == ["020 ## $a9789796556069", "020 ## $a9796556065"])
    }

    @Test("an invalid check digit moves to $z, with its qualifier in $q; nothing is deleted")
    func invalidToZ() {
        let record = RuleTesting.record(["=020  \\\\$a979-655-606-3 (pbk.) :$cRp. 45.000"])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out, tag: "020") == ["020 ## $z9796556063$qpbk.$cRp. 45.000"])
        #expect(changes.count == 1)
        #expect(RuleTesting.secondRunChanges(rule, record).isEmpty)
    }

    @Test("several ISBNs packed in one $a (INLISLite 3.3) become one 020 each")
    func packed() {
        let record = RuleTesting.record(["=020  \\\\$a9789796556069; 9780198526636"])
        let (out, _) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out, tag: "020") == ["020 ## $a9789796556069", "020 ## $a9780198526636"])
        let spaced = RuleTesting.record(["=020  \\\\$a0198526636 9780198526636"])
        #expect(RuleTesting.lines(RuleTesting.apply(rule, spaced).0, tag: "020")
            == ["020 ## $a0198526636", "020 ## $a9780198526636"])
    }

    @Test("'ISBN' written in front, blanks between groups")
    func prefixAndBlanks() {
        let record = RuleTesting.record(["=020  \\\\$aISBN 979 655 606 5", "=020  \\\\$aISBN-13: 978-979-655-606-9"])
        let (out, _) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out, tag: "020") == ["020 ## $a9796556065", "020 ## $a9789796556069"])
    }

    @Test("an ISSN that SLiMS put in 020 is left for the issn rule, not called an invalid ISBN")
    func issnLeftAlone() {
        let record = RuleTesting.record(["=020  \\\\$a0317-8471"])
        let (out, changes) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out, tag: "020") == ["020 ## $a0317-8471"])
        #expect(changes.isEmpty)
    }

    @Test("a qualifier alone in $a becomes $q; $z qualifiers split too")
    func qualifierOnly() {
        let record = RuleTesting.record(["=020  \\\\$a(pbk.)", "=020  \\\\$z0761921435  (pbk. : acid-free paper)"])
        let (out, _) = RuleTesting.apply(rule, record)
        #expect(RuleTesting.lines(out, tag: "020") == ["020 ## $qpbk.", "020 ## $z0761921435$qpbk.$qacid-free paper"])
    }

    @Test("add-isbn13 = false keeps the record's own numbers only")
    func settingOff() throws {
        let off = try ISBNRule(settings: RuleSettings.from("[normalize.isbn]\nadd-isbn13 = false\n", rule: "isbn"))
        let record = RuleTesting.record(["=020  \\\\$a0-19-852663-6"])
        #expect(RuleTesting.lines(RuleTesting.apply(off, record).0, tag: "020") == ["020 ## $a0198526636"])
    }
}
