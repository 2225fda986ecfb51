import MARCRecord

/// Subfield codes each field allows and which of them may repeat; control characters (tab, CR, LF) in
/// subfield data; subfield delimiters inside control fields.
struct SubfieldRule: RecordRule {
    fileprivate static let undefined = "marc21.undefined-subfield"
    fileprivate static let repeated = "marc21.non-repeatable-subfield"
    fileprivate static let control = "marc21.control-character"
    fileprivate static let delimiter = "marc21.control-field-delimiter"
    let tables: RuleTables

    func check(_ c: inout RecordCheck) {
        for (i, field) in c.fields.enumerated() {
            if field.isControlField {
                if let d = field.content.firstIndex(of: 0x1F) {
                    c.add(.error, Self.delimiter, "control field \(field.tag) contains a subfield delimiter",
                        tag: field.tag.description, at: d)
                }
                continue
            }
            guard let (tag, definition) = FieldLookup.governing(field, tables: tables), let definition,
                !definition.isControlField
            else { continue }
            var seen = ByteSet()
            var index = Int(c.record.entries[i].start) + field.indicatorCount
            for subfield in field.subfields {
                index = subfield.value.startIndex - subfield.codeBytes.count - 1
                let code = subfield.code
                let name = "$" + (code >= 0x21 && code < 0x7F ? String(Character(Unicode.Scalar(code))) : code.shown)
                if !definition.codes.contains(code) {
                    if !definition.anyCode {
                        c.add(.error, Self.undefined, "subfield \(name) is not defined for \(tag)", tag: field.tag.shown(linkedTo: tag),
                            position: name, at: index)
                    }
                } else if seen.contains(code) && !definition.repeatableCodes.contains(code) {
                    c.add(.error, Self.repeated, "subfield \(name) is not repeatable in \(tag)", tag: field.tag.shown(linkedTo: tag),
                        position: name, at: index)
                }
                seen.insert(code)
                if let bad = subfield.value.firstIndex(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                    c.add(.warning, Self.control, "subfield \(name) contains \(subfield.value[bad].shown)",
                        tag: field.tag.shown(linkedTo: tag), position: name, at: bad)
                }
            }
        }
    }
}
