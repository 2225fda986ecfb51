import MARCRecord
import Testing
import Validate

@Test func languageCodesIn008And041() {
    let r008 = replacingControl("008", in: cleanRecord(), "240105s2023    enka     b    001 0 xxx d")
    #expect(problems(r008).contains { $0.rule == "marc21.language" && $0.position == "/35-37" && $0.severity == .error })
    let obsolete = replacing("041", in: cleanRecord(), indicators: "0 ", subfields: [("a", "scr")])
    #expect(problems(obsolete).contains { $0.rule == "marc21.language" && $0.severity == .warning })
    let together = replacing("041", in: cleanRecord(), indicators: "0 ", subfields: [("a", "engfre")])
    #expect(problems(together).map(\.rule) == ["marc21.language"])
    let otherSource = replacing("041", in: cleanRecord(), indicators: "07", subfields: [("a", "en"), ("2", "iso639-1")])
    #expect(problems(otherSource).isEmpty)
}

@Test func countryCodesIn008And044() {
    let bad = replacingControl("008", in: cleanRecord(), "240105s2023    zzza     b    001 0 eng d")
    #expect(problems(bad).contains { $0.rule == "marc21.country" && $0.severity == .error })
    let twoLetters = replacingControl("008", in: cleanRecord(), "240105s2023    fr a     b    001 0 eng d")
    #expect(problems(twoLetters).isEmpty)
    var r = cleanRecord()
    r.appendDataField("044", indicators: "  ", subfields: [("a", "xxu"), ("a", "ai")])
    #expect(problems(r).filter { $0.rule == "marc21.country" }.map(\.severity) == [.warning])
}

@Test(arguments: [
    ("The catalogue", "4", nil), ("The catalogue", "0", "article 'the'"), ("A priori", "0", nil),
    ("Catalogue", "4", "not a leading article"), ("L'homme", "2", nil), ("\"The Ring\"", "5", nil),
    ("Los Angeles", "0", nil), ("A land between", "2", nil), ("The  salt-box house", "5", nil),
    ("The  salt-box house", "4", "5 non-filing"), ("A is for America", "0", nil),
] as [(String, String, String?)])
func nonFilingIndicators(_ title: String, _ indicator: String, _ expected: String?) {
    let r = replacing("245", in: cleanRecord(), indicators: "1" + indicator, subfields: [("a", title)])
    let found = problems(r).filter { $0.rule == "marc21.non-filing" }
    if let expected {
        #expect(found.count == 1 && found[0].message.contains(expected), "\(title): \(found.map(\.message))")
    } else {
        #expect(found.isEmpty, "\(title): \(found.map(\.message))")
    }
}
