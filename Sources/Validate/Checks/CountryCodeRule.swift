import MARCRecord

/// Country codes from the MARC Code List for Countries in 008/15-17 and 044 $a. A two-letter code is followed
/// by a blank in 008. An obsolete code is a warning, an unknown one an error.
struct CountryCodeRule: RecordRule {
    fileprivate static let rule = "marc21.country"
    let tables: RuleTables

    func check(_ c: inout RecordCheck) {
        for (i, entry) in c.record.entries.enumerated() {
            if entry.tag == Tags.t008 {
                let content = c.fields[i].content
                guard content.count == 40 else { continue }
                var code = content[content.startIndex + 15..<content.startIndex + 18]
                if code.allSatisfy({ $0 == UInt8(ascii: "|") }) { continue }
                if code.last == UInt8(ascii: " ") { code = code.dropLast() }
                judge(code, tag: "008", position: "/15-17", at: content.startIndex + 15, &c)
            } else if entry.tag == Tags.t044 {
                for subfield in c.fields[i].subfields where subfield.code == UInt8(ascii: "a") {
                    judge(subfield.value, tag: "044", position: "$a", at: subfield.value.startIndex - 2, &c)
                }
            }
        }
    }

    private func judge(_ code: ArraySlice<UInt8>, tag: String, position: String, at: Int, _ c: inout RecordCheck) {
        switch tables.countries[String(decoding: code, as: UTF8.self)] {
        case .current: break
        case .obsolete:
            c.add(.warning, Self.rule, "country code '\(code.shown)' is obsolete", tag: tag, position: position, at: at)
        case nil:
            c.add(.error, Self.rule, "'\(code.shown)' is not a MARC country code", tag: tag, position: position, at: at)
        }
    }
}
