public import MARCRecord

/// OCLC numbers in 035 $a/$z written `(OCoLC)12345`: without the `ocm`/`ocn`/`on` prefixes and the
/// leading zeros that differ between systems, so that the same number compares equal. 019 (OCLC
/// numbers merged away) gets the same treatment without the organization code. An 035 that is the
/// exact repeat of an earlier one is removed.
public struct OCLCRule: NormalizationRule {
    public static let name = "oclc"
    public static let summary = "OCLC numbers in 035/019 without ocm/ocn/on prefixes or leading zeros; repeated 035s removed"

    public init(settings: RuleSettings) throws(NormalizerConfigurationError) { try settings.only([]) }

    static let systemNumber: Tag = "035"
    static let merged: Tag = "019"

    public func apply(to record: inout MARCRecord, _ context: inout NormalizationContext) {
        // The tags read once: a static's accessor per entry costs more than the comparison.
        let systemNumber = Self.systemNumber
        let merged = Self.merged
        var systemNumbers = 0
        var hasMerged = false
        for entry in record.entries {
            if entry.tag == systemNumber { systemNumbers += 1 } else if entry.tag == merged { hasMerged = true }
        }
        guard systemNumbers > 0 || hasMerged else { return }  // most records have neither
        let fields = record.fields
        // Exact repeats can only exist with two or more 035s; most records have one.
        let checkRepeats = systemNumbers > 1
        var seen: Set<[UInt8]> = []
        var removals: [Int] = []
        let entries = record.entries
        for i in entries.indices where entries[i].tag == systemNumber || entries[i].tag == merged {
            let field = fields[i]
            let isSystem = field.tag == systemNumber
            guard isSystem || field.tag == merged else { continue }
            if isSystem, field.content.dropFirst(field.indicatorCount).first == ASCII.subfieldDelimiter,
               field.subfields.allSatisfy({ ($0.code != UInt8(ascii: "a") && $0.code != UInt8(ascii: "z"))
                   || OCLCNumber.needsNoChange($0.value) }) {
                // Unchanged, but still compared with the earlier 035s for exact repeats.
                if checkRepeats && !seen.insert(Array(field.content)).inserted {
                    removals.append(i)
                    context.record(Self.name, tag: field.tag.description, before: field.display, after: nil)
                }
                continue
            }
            var editable = EditableField(field)
            var changed = false
            for j in editable.subfields.indices {
                let item = editable.subfields[j]
                guard item.code == UInt8(ascii: "a") || item.code == UInt8(ascii: "z") else { continue }
                let text = item.string
                if isSystem {
                    guard let number = OCLCNumber(text) else { continue }
                    if number.description != text {
                        editable.subfields[j].value = Array(number.description.utf8)
                        changed = true
                    }
                } else {
                    guard let number = OCLCNumber(text, requireOrganization: false) else { continue }
                    if number.digits != text {
                        editable.subfields[j].value = Array(number.digits.utf8)
                        changed = true
                    }
                }
            }
            let content = changed ? editable.content : Array(field.content)
            if isSystem && checkRepeats && !seen.insert(content).inserted {
                removals.append(i)
                context.record(Self.name, tag: field.tag.description, before: field.display, after: nil)
                continue
            }
            if changed {
                record.replaceField(at: i, content: content)
                context.record(Self.name, tag: field.tag.description, before: field.display, after: editable.display)
            }
        }
        for i in removals.reversed() { record.removeField(at: i) }
    }
}
