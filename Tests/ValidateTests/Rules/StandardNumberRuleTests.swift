import MARCRecord
import Testing
import Validate

@Test(arguments: [
    ("9780306406157", nil), ("0306406152", nil), ("0-306-40615-2 (pbk.)", nil), ("080442957X", nil),
    ("9780306406158", "wrong check digit"), ("0306406153", "wrong check digit"),
    ("03064061", "does not start with"), ("080442957x", "lowercase"), ("0306406152pbk", "without a blank"),
] as [(String, String?)])
func isbnCheckDigits(_ isbn: String, _ expected: String?) {
    let r = replacing("020", in: cleanRecord(), indicators: "  ", subfields: [("a", isbn)])
    let found = problems(r).filter { $0.rule == "marc21.isbn" }
    if let expected {
        #expect(found.count == 1 && found[0].message.contains(expected), "\(isbn): \(found.map(\.message))")
    } else {
        #expect(found.isEmpty, "\(isbn): \(found.map(\.message))")
    }
}

@Test func aValidISBNInSubfieldZIsAWarning() {
    let r = replacing("020", in: cleanRecord(), indicators: "  ", subfields: [("z", "0306406152")])
    #expect(problems(r).contains { $0.rule == "marc21.isbn" && $0.severity == .warning && $0.position == "$z" })
}

@Test(arguments: [("0378-5955", true), ("2049-3630", true), ("0378-5954", false), ("03785955", false)])
func issnCheckCharacters(_ issn: String, _ valid: Bool) {
    var r = cleanRecord()
    r.appendDataField("022", indicators: "  ", subfields: [("a", issn)])
    #expect(problems(r).contains { $0.rule == "marc21.issn" } == !valid)
}
