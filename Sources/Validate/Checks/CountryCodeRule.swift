import MARCRecord

/// Country codes from the MARC Code List for Countries in 008/15-17 and 044 $a. A two-letter code is followed
/// by a blank in 008. An obsolete code is a warning, an unknown one an error.
struct CountryCodeRule: RecordRule {
    fileprivate static let rule = "marc21.country"
    let tables: RuleTables
    private var codes: CodeListLookup { CodeListLookup(rule: Self.rule, noun: "country", codes: tables.countries) }

    func check(_ c: inout RecordCheck) {
        for (i, entry) in c.record.entries.enumerated() {
            if entry.tag == Tags.t008 {
                let content = c.fields[i].content
                guard content.count == 40 else { continue }
                var code = content[content.startIndex + 15..<content.startIndex + 18]
                if code.allSatisfy({ $0 == UInt8(ascii: "|") }) { continue }
                if code.last == UInt8(ascii: " ") { code = code.dropLast() }
                codes.judge(code, tag: "008", position: "/15-17", at: content.startIndex + 15, &c)
            } else if entry.tag == Tags.t044 {
                for subfield in c.fields[i].subfields where subfield.code == UInt8(ascii: "a") {
                    codes.judge(subfield.value, tag: "044", position: "$a", at: subfield.value.startIndex - 2, &c)
                }
            }
        }
    }
}
