import MARCRecord
import Testing
import Validate

@Test func anUndefinedTagIsAWarningAndALocalTagIsFine() {
    var r = cleanRecord()
    r.appendDataField("601", indicators: "  ", subfields: [("a", "x")])
    r.appendDataField("690", indicators: "  ", subfields: [("a", "local")])
    r.appendDataField("950", indicators: "  ", subfields: [("a", "local")])
    let found = problems(r).filter { $0.rule == "marc21.undefined-tag" }
    #expect(found.map(\.tag) == ["601"])
    #expect(found.first?.severity == .warning)
}

@Test func obsolete440IsReported() {
    var r = cleanRecord()
    r.appendDataField("440", indicators: " 0", subfields: [("a", "Series")])
    #expect(rules(problems(r)).contains("marc21.obsolete-tag"))
}

@Test func aRepeatedNonRepeatableFieldIsAnError() {
    var r = cleanRecord()
    r.appendDataField("100", indicators: "1 ", subfields: [("a", "Again.")])
    let p = problems(r)
    #expect(p.contains { $0.rule == "marc21.non-repeatable-field" && $0.tag == "100" })
    #expect(p.contains { $0.rule == "marc21.1xx-count" })
}

@Test func an880CountsWithTheTagItLinksTo() {
    var r = cleanRecord()
    r.appendDataField("880", indicators: "14", subfields: [("6", "245-01"), ("a", "The title in another script.")])
    #expect(!rules(problems(r)).contains("marc21.non-repeatable-field"))
    r.appendDataField("880", indicators: "14", subfields: [("6", "245-02"), ("a", "A second one.")])
    #expect(problems(r).contains { $0.rule == "marc21.non-repeatable-field" && $0.tag == "880/245" })
    r.appendDataField("880", indicators: "  ", subfields: [("a", "No link.")])
    #expect(rules(problems(r)).contains("marc21.880-link"))
}
