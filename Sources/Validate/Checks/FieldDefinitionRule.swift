import MARCRecord

/// Tags the format defines, and fields that may not repeat. Local tags (X9X, 9XX) are accepted. An 880 is
/// counted with the other 880s linked to the same tag (a non-repeatable 245 may have one 880 of its own).
struct FieldDefinitionRule: RecordRule {
    fileprivate static let undefined = "marc21.undefined-tag"
    fileprivate static let obsolete = "marc21.obsolete-tag"
    fileprivate static let repeated = "marc21.non-repeatable-field"
    fileprivate static let link = "marc21.880-link"
    let tables: RuleTables

    func check(_ c: inout RecordCheck) {
        // Numeric tags seen so far, as bits: 0-999 for fields, 1000-1999 for 880s by their linked tag.
        var seen = [UInt64](repeating: 0, count: 32)
        for (i, field) in c.fields.enumerated() {
            let start = Int(c.record.entries[i].start)
            guard let (tag, definition) = FieldLookup.governing(field, tables: tables) else {
                c.add(.error, Self.link, "880 has no subfield $6 linking it to a field", tag: "880", at: start)
                continue
            }
            guard let definition else {
                if !FieldLookup.isLocal(tag) && tag.isNumeric && field.tag != FieldLookup.alternateGraphic {
                    c.add(.warning, Self.undefined, "tag \(tag) is not defined in MARC 21 Bibliographic",
                        tag: field.tag.description, at: start)
                }
                continue
            }
            if definition.obsolete && field.tag != FieldLookup.alternateGraphic {
                c.add(.warning, Self.obsolete, "\(definition.name) is obsolete in MARC 21", tag: tag.description,
                    at: start)
            }
            // A defined tag is numeric, so it has a bit.
            let bit = (field.tag == FieldLookup.alternateGraphic ? 1000 : 0) + Self.number(tag)
            let first = seen[bit >> 6] & (1 << UInt64(bit & 63)) == 0
            seen[bit >> 6] |= 1 << UInt64(bit & 63)
            if !first && !definition.repeatable {
                c.add(.error, Self.repeated, "\(tag) (\(definition.name)) is not repeatable",
                    tag: field.tag == FieldLookup.alternateGraphic ? "880/\(tag)" : tag.description, at: start)
            }
        }
    }

    private static func number(_ tag: Tag) -> Int {
        (Int(tag.byte(0)) - 48) * 100 + (Int(tag.byte(1)) - 48) * 10 + Int(tag.byte(2)) - 48
    }
}
