public import MARCRecord

/// LCCNs in 010 $a and $z written in the structured form MARC 21 defines (`   85000002 `,
/// `  2001000002`), whatever shape they arrived in (`85-2`, `85000002`, `n 78-890351`); a revision
/// suffix (`//r86`) is kept. An $a that is no LCCN at all moves to $z (canceled/invalid).
public struct LCCNRule: NormalizationRule {
    public static let name = "lccn"
    public static let summary = "LCCN in 010 in MARC's structured form; invalid to $z"

    public init(settings: RuleSettings) throws(NormalizerConfigurationError) { try settings.only([]) }

    static let tag: Tag = "010"

    public func apply(to record: inout MARCRecord, _ context: inout NormalizationContext) {
        let tag = Self.tag  // read once: a static's accessor per entry costs more than the comparison
        guard record.has(tag) else { return }
        let entries = record.entries
        for i in entries.indices where entries[i].tag == tag {
            // Decided on the record's bytes first: LC's 010s are all in the structured form already.
            let body = record.storage[entries[i].range].dropFirst(record.indicatorCount)
            if body.first == ASCII.subfieldDelimiter,
               Subfields(bytes: body, codeLength: record.subfieldCodeLength).allSatisfy({
                   ($0.code != UInt8(ascii: "a") && $0.code != UInt8(ascii: "z")) || LCCN.isStructured($0.value) }) {
                continue
            }
            let field = record.fields[i]
            var editable = EditableField(field)
            var changed = false
            for j in editable.subfields.indices {
                let item = editable.subfields[j]
                guard item.code == UInt8(ascii: "a") || item.code == UInt8(ascii: "z") else { continue }
                let text = item.string
                guard !text.allSatisfy({ $0 == " " }) else { continue }
                if let lccn = LCCN(text) {
                    let suffix = text.firstIndex(of: "/").map { String(text[$0...]) } ?? ""
                    let fixed = lccn.structured + suffix
                    if fixed != text {
                        editable.subfields[j].value = Array(fixed.utf8)
                        changed = true
                    }
                } else if item.code == UInt8(ascii: "a") {
                    editable.subfields[j].code = UInt8(ascii: "z")
                    changed = true
                }
            }
            if changed {
                record.replaceField(at: i, content: editable.content)
                context.record(Self.name, tag: "010", before: field.display, after: editable.display)
            }
        }
    }
}
