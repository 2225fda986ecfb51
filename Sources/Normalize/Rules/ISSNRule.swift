public import MARCRecord

/// ISSNs in 022: $a written `NNNN-NNNC` when its check digit holds, moved to $y (incorrect ISSN)
/// when it does not; $l (ISSN-L) written the same way. An ISSN that a system put in 020 (SLiMS
/// does) becomes an 022.
public struct ISSNRule: NormalizationRule {
    public static let name = "issn"
    public static let summary = "ISSN check digits in 022, invalid to $y; ISSNs found in 020 moved to 022"

    let moveFrom020: Bool

    public init(settings: RuleSettings) throws(NormalizerConfigurationError) {
        try settings.only(["move-from-020"])
        moveFrom020 = try settings.bool("move-from-020", default: true)
    }

    static let issnTag: Tag = "022"
    static let isbnTag: Tag = "020"

    public func apply(to record: inout MARCRecord, _ context: inout NormalizationContext) {
        let fields = record.fields
        let entries = record.entries
        // The tags read once: a static's accessor per entry costs more than the comparison.
        let issnTag = Self.issnTag
        let isbnTag = Self.isbnTag
        for i in entries.indices where entries[i].tag == issnTag || entries[i].tag == isbnTag {
            if entries[i].tag == isbnTag {
                // Decided on the record's bytes first: an 020 is almost never an ISSN.
                let body = record.storage[entries[i].range].dropFirst(record.indicatorCount)
                guard moveFrom020, Subfields(bytes: body, codeLength: record.subfieldCodeLength).contains(where: {
                    $0.code == UInt8(ascii: "a") && ISSN.mayBeISSN($0.value) })
                else { continue }
            }
            let field = fields[i]
            if field.tag == issnTag {
                if field.content.dropFirst(field.indicatorCount).first == ASCII.subfieldDelimiter,
                   field.subfields.allSatisfy({ ($0.code != UInt8(ascii: "a") && $0.code != UInt8(ascii: "l"))
                       || ISSN.isCanonical($0.value) }) {
                    continue
                }
                var editable = EditableField(field)
                var changed = false
                for j in editable.subfields.indices {
                    let item = editable.subfields[j]
                    guard item.code == UInt8(ascii: "a") || item.code == UInt8(ascii: "l") else { continue }
                    let text = item.string
                    let trimmed = Substring(text).drop(while: { $0 == " " })
                    if let issn = ISSN(trimmed) {
                        // Keep what follows the number (`(Print)`); rewrite only the number.
                        let rest = Self.afterNumber(trimmed)
                        let fixed = issn.description + rest
                        if fixed != text {
                            editable.subfields[j].value = Array(fixed.utf8)
                            changed = true
                        }
                    } else if item.code == UInt8(ascii: "a"), !trimmed.isEmpty {
                        editable.subfields[j].code = UInt8(ascii: "y")
                        changed = true
                    }
                }
                if changed {
                    record.replaceField(at: i, content: editable.content)
                    context.record(Self.name, tag: "022", before: field.display, after: editable.display)
                }
            } else {
                // An 020 whose $a may be an ISSN (checked above).
                let editable = EditableField(field)
                let aValues = editable.subfields.filter { $0.code == UInt8(ascii: "a") }
                guard aValues.count == 1, ISSN.looksLikeISSN(aValues[0].string),
                      let issn = ISSN(aValues[0].string)
                else { continue }
                var moved = EditableField(indicators: [ASCII.space, ASCII.space], subfields: [])
                moved.subfields = editable.subfields.compactMap { item in
                    if item.code == UInt8(ascii: "a") {
                        return EditableField.Item("a", issn.description + Self.afterNumber(Substring(item.string).drop(while: { $0 == " " })))
                    }
                    // 022 has no $q or $c: such text stays with the number's subfield list as a note.
                    return item.code == UInt8(ascii: "6") || item.code == UInt8(ascii: "8") ? item : nil
                }
                let dropped = editable.subfields.filter {
                    $0.code != UInt8(ascii: "a") && $0.code != UInt8(ascii: "6") && $0.code != UInt8(ascii: "8")
                }
                if !dropped.isEmpty {
                    // Never lose text: qualifiers and prices follow the ISSN in $a, in parentheses.
                    let extra = dropped.map(\.string).joined(separator: " ")
                    moved.subfields[0].value += Array(" (\(extra))".utf8)
                }
                record.replaceField(at: i, tag: Self.issnTag, content: moved.content)
                context.record(Self.name, tag: "020", before: field.display, after: "022 " + moved.display)
            }
        }
    }

    /// The text after an ISSN's eight characters (and its hyphen), for `0317-8471 (Print)`.
    static func afterNumber(_ text: Substring) -> String {
        var count = 0
        var index = text.startIndex
        while index < text.endIndex, count < 8 {
            let c = text[index]
            if c.isNumber || c == "X" || c == "x" { count += 1 }
            index = text.index(after: index)
        }
        return String(text[index...])
    }
}
