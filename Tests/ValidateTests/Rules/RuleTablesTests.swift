import MARCRecord
import Testing
import Validate

@Test func ruleFamiliesParse() throws {
    #expect(try RuleFamily.parse("marc21, schema").get() == [.marc21, .schema])
    #expect(throws: UnknownRuleFamily.self) { try RuleFamily.parse("structure,lint").get() }
}

/// The tables are data embedded in the binary: a clean record passing and a broken one failing shows
/// they were parsed, and this pins that every family of table is reachable (fields, 008, 007, languages,
/// countries, articles).
@Test func everyTableIsLoaded() {
    var r = cleanRecord()
    r.appendControlField("007", "q?")
    r.appendDataField("044", indicators: "  ", subfields: [("a", "qq")])
    r.appendDataField("041", indicators: "0 ", subfields: [("a", "zzz")])
    r.appendDataField("246", indicators: "30", subfields: [("a", "x")])
    r.appendDataField("830", indicators: " 0", subfields: [("a", "The series")])
    r.appendDataField("999", indicators: "  ", subfields: [("a", "local")])
    let found = Set(rules(problems(r)))
    #expect(found == ["marc21.007", "marc21.country", "marc21.language", "marc21.non-filing"])
}
