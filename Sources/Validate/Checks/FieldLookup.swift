import MARCRecord

/// The definition that governs a field: its own, or for an 880 that of the tag its $6 links to (an 880
/// carries another field's data in another script and follows that field's rules).
enum FieldLookup {
    static var alternateGraphic: Tag { Tags.t880 }

    /// The tag whose rules apply, and its definition (nil when undefined).
    static func governing(_ field: Field, tables: RuleTables) -> (tag: Tag, definition: FieldDefinition?)? {
        guard field.tag == alternateGraphic else { return (field.tag, tables.field(field.tag)) }
        guard let six = field.subfields.first(where: { $0.code == UInt8(ascii: "6") }), six.value.count >= 3 else {
            return nil
        }
        let v = six.value
        let i = v.startIndex
        let tag = Tag(v[i], v[i + 1], v[i + 2])
        return (tag, tables.field(tag))
    }

    /// Local tags (X9X and 9XX) are for each institution to define.
    static func isLocal(_ tag: Tag) -> Bool {
        tag.byte(0) == UInt8(ascii: "9") || tag.byte(1) == UInt8(ascii: "9")
    }
}
