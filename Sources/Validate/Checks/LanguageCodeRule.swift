import MARCRecord

/// Language codes from the MARC Code List for Languages in 008/35-37 and in the code subfields of 041 (unless
/// 041 ind2 is 7, another source named in $2). An obsolete code is a warning, an unknown one an error; 041
/// codes run together in one subfield (`engfre`, the pre-2001 practice) are a warning and checked in threes.
struct LanguageCodeRule: RecordRule {
    fileprivate static let rule = "marc21.language"
    fileprivate static let codeSubfields = ByteSet(tableCell: "abdefghijkmnpqrt")
    let tables: RuleTables
    private var codes: CodeListLookup { CodeListLookup(rule: Self.rule, noun: "language", codes: tables.languages) }

    func check(_ c: inout RecordCheck) {
        for (i, entry) in c.record.entries.enumerated() {
            if entry.tag == Tags.t008 {
                let content = c.fields[i].content
                guard content.count == 40 else { continue }
                let code = content[content.startIndex + 35..<content.startIndex + 38]
                if code.allSatisfy({ $0 == UInt8(ascii: " ") }) || code.allSatisfy({ $0 == UInt8(ascii: "|") }) {
                    continue
                }
                codes.judge(code, tag: "008", position: "/35-37", at: content.startIndex + 35, &c)
            } else if entry.tag == Tags.t041 {
                let field = c.fields[i]
                if field.indicator2 == UInt8(ascii: "7") { continue }
                for subfield in field.subfields where Self.codeSubfields.contains(subfield.code) {
                    let name = "$" + String(Character(Unicode.Scalar(subfield.code)))
                    let value = subfield.value
                    if value.count != 3 {
                        c.add(value.count % 3 == 0 ? .warning : .error, Self.rule,
                            value.count % 3 == 0
                                ? "\(name) '\(value.shown)' runs several codes together; give each its own subfield"
                                : "\(name) '\(value.shown)' is not a three-letter code", tag: "041", position: name,
                            at: value.startIndex - 2)
                        if value.count % 3 != 0 { continue }
                    }
                    var start = value.startIndex
                    while start < value.endIndex {
                        codes.judge(value[start..<start + 3], tag: "041", position: name, at: value.startIndex - 2, &c)
                        start += 3
                    }
                }
            }
        }
    }
}
