import MARCRecord
import Testing
import Validate

@Test func indicatorValuesComeFromTheTable() {
    let bad = replacing("650", in: cleanRecord(), indicators: "  ", subfields: [("a", "Cataloging.")])
    #expect(problems(bad).contains { $0.rule == "marc21.indicator" && $0.position == "ind2" })
    let good = replacing("650", in: cleanRecord(), indicators: "27", subfields: [("a", "Cataloging."), ("2", "x")])
    #expect(!rules(problems(good)).contains("marc21.indicator"))
}

@Test func undefinedAndRepeatedSubfieldsAreErrors() {
    let r = replacing("245", in: cleanRecord(), indicators: "14",
        subfields: [("a", "The catalogue :"), ("b", "one :"), ("b", "two /"), ("z", "?")])
    let p = problems(r)
    #expect(p.contains { $0.rule == "marc21.non-repeatable-subfield" && $0.position == "$b" })
    #expect(p.contains { $0.rule == "marc21.undefined-subfield" && $0.position == "$z" })
    // 650 $x repeats freely.
    let ok = replacing("650", in: cleanRecord(), indicators: " 0", subfields: [("a", "A"), ("x", "B"), ("x", "C")])
    #expect(problems(ok).isEmpty)
}

@Test func controlCharactersAndDelimitersInControlFields() {
    var r = replacing("650", in: cleanRecord(), indicators: " 0", subfields: [("a", "Tab\there.")])
    r = replacingControl("001", in: r, "t0001\u{1F}")
    let p = problems(r)
    #expect(p.contains { $0.rule == "marc21.control-character" && $0.severity == .warning })
    #expect(p.contains { $0.rule == "marc21.control-field-delimiter" && $0.tag == "001" })
}

@Test func theRecordNeedsExactlyOne245() {
    var r = cleanRecord()
    r.removeFields { $0.tag == "245" }
    #expect(problems(r).contains { $0.rule == "marc21.245-count" && $0.message.hasPrefix("no 245") })
}

@Test func authorityRecordsGetNoBibliographicRules() {
    var r = MARCRecord(leader: Leader("00000nz  a2200000n  4500")!)
    r.appendControlField("001", "a1")
    r.appendDataField("100", indicators: "1 ", subfields: [("a", "Name")])
    #expect(problems(r).isEmpty)
}
