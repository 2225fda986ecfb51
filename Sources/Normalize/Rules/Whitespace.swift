public import MARCRecord

/// Blanks and control characters in every subfield of every data field: tabs and line breaks become
/// blanks, other C0 and C1 control characters (and DEL) are removed, runs of blanks collapse to one,
/// values are trimmed. A subfield left empty is removed, and a field left without subfields too.
///
/// Blanks that carry meaning are left alone: control fields (006/007/008 are positional, and LC's
/// 001 is `   85000002 `), 010 and every $w (LCCNs in their structured form, `(DLC)   2003616269`),
/// and the blanks after a hyphen that hold the place of a closing date (`1866-    `, `c2001-   >`).
public struct Whitespace: NormalizationRule {
    public static let name = "whitespace"
    public static let summary = "trim, collapse runs of blanks, remove control characters in every subfield"

    let collapse: Bool
    let removeEmpty: Bool

    public init(settings: RuleSettings) throws(NormalizerConfigurationError) {
        try settings.only(["collapse", "remove-empty"])
        collapse = try settings.bool("collapse", default: true)
        removeEmpty = try settings.bool("remove-empty", default: true)
    }

    public func apply(to record: inout MARCRecord, _ context: inout NormalizationContext) {
        // One pass over the record's bytes finds the fields with work to do; usually there are none.
        let entries = record.entries
        let indicatorCount = record.indicatorCount
        var flagged: [Int] = []
        let lccn = Self.lccn
        record.storage.withUnsafeBufferPointer { all in
            for i in entries.indices where !entries[i].tag.isControlField && entries[i].tag != lccn {
                let start = Int(entries[i].start)
                let end = start + Int(entries[i].length)
                // The coarse scan first: it clears almost every field at a fraction of the exact scan's cost.
                if Self.mayNeedWork(all, start + indicatorCount, end),
                   needsWork(UnsafeBufferPointer(rebasing: all[start..<end]), skip: indicatorCount) {
                    flagged.append(i)
                }
            }
        }
        guard !flagged.isEmpty else { return }
        let fields = record.fields
        var edits: [(Int, [UInt8]?)] = []
        for i in flagged {
            let field = fields[i]
            var editable = EditableField(field)
            for j in editable.subfields.indices where editable.subfields[j].code != UInt8(ascii: "w") {
                editable.subfields[j].value = clean(editable.subfields[j].value)
            }
            if removeEmpty { editable.subfields.removeAll { $0.value.isEmpty } }
            // A field is removed only when nothing at all is left: bytes outside any subfield (a RUSMARC
            // field without subfields) keep it.
            let content: [UInt8]? = editable.subfields.isEmpty && editable.leading.isEmpty && removeEmpty
                ? nil : editable.content
            guard content.map({ !$0.elementsEqual(field.content) }) ?? true else { continue }
            edits.append((i, content))
            context.record(Self.name, tag: field.tag.description, before: field.display, after: content.map { _ in editable.display })
        }
        // Back to front, so that removals do not shift the indices still to come.
        for (i, content) in edits.reversed() {
            if let content { record.replaceField(at: i, content: content) } else { record.removeField(at: i) }
        }
    }

    static let lccn: Tag = "010"

    /// A quick pass over the bytes: anything to trim, collapse or remove? Eight bytes at a time while
    /// they are printable ASCII (blanks allowed: a double blank is found in the word itself); words
    /// with a delimiter, a control character or non-ASCII go byte by byte.
    func needsWork(_ p: UnsafeBufferPointer<UInt8>, skip: Int) -> Bool {
        let n = p.count
        guard n > skip else { return false }
        let delimiter: UInt8 = 0x1F
        let space: UInt8 = 0x20
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        // Where the current subfield's value starts (just after its code).
        var valueStart = skip
        var i = skip
        while i < n {
            if i + 8 <= n && i > valueStart {
                let x = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                // Exact per-byte tests (no carries cross bytes): below 0x20, 0x80 and up, equal to 0x7F.
                let control = ~(((x & low7) &+ (ones &* 0x60)) | x) & highs
                let t = x ^ (ones &* 0x7F)
                let del = ~(((t & low7) &+ low7) | t) & highs
                let special = control | (x & highs) | del
                // The bytes before the first special one (all eight when there is none) are plain text or
                // blanks: only a double blank matters among them.
                let plain = special == 0 ? 8 : special.trailingZeroBitCount / 8
                if collapse && plain > 0 {
                    let s = x ^ (ones &* 0x20)
                    var blanks = ~(((s & low7) &+ low7) | s) & highs
                    if plain < 8 { blanks &= (1 << (8 * plain)) &- 1 }
                    if blanks & (blanks << 8) != 0 { return true }  // two blanks in a row
                    if blanks & 0x80 != 0 && p[i - 1] == space { return true }  // one each side of the edge
                }
                i += plain
                if plain == 8 { continue }
                // The special byte goes through the byte-by-byte tests below.
            }
            let b = p[i]
            if b > space && b < 0x7F {
                i += 1
                continue
            }
            if b == space {
                if i == valueStart { return true }  // leading blank
                if i + 1 == n || p[i + 1] == delimiter { return true }  // trailing blank
                if collapse && p[i - 1] == space { return true }
            } else if b == delimiter {
                if i > skip && i > valueStart && p[i - 1] == space { return true }  // trailing blank
                valueStart = i + 2
                if removeEmpty && (valueStart >= n || p[valueStart] == delimiter) { return true }  // empty
                i = valueStart
                continue
            } else if b < space || b == 0x7F {
                return true  // a C0 control character or DEL
            } else if b == 0xC2, i + 1 < n, p[i + 1] >= 0x80, p[i + 1] <= 0x9F {
                return true  // a C1 control character in UTF-8
            }
            i += 1
        }
        return p[n - 1] == space && n - 1 >= valueStart  // a blank at the very end
    }

    /// True when the run of blanks at the end of `text` follows a hyphen: `1866-    ` keeps its room
    /// for the closing year.
    static func holdsOpenDate(_ text: [UInt8]) -> Bool {
        var i = text.count - 1
        while i >= 0 && text[i] == ASCII.space { i -= 1 }
        return i >= 0 && text[i] == UInt8(ascii: "-")
    }

    func clean(_ value: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var i = 0
        while i < value.count {
            var b = value[i]
            i += 1
            if b == 0x09 || b == 0x0A || b == 0x0D {
                b = ASCII.space
            } else if b < 0x20 || b == 0x7F {
                continue
            } else if b == 0xC2, i < value.count, value[i] >= 0x80, value[i] <= 0x9F {
                i += 1
                continue
            }
            if b == ASCII.space {
                if out.isEmpty { continue }
                if collapse && out.last == ASCII.space && !Self.holdsOpenDate(out) { continue }
            }
            out.append(b)
        }
        while out.last == ASCII.space { out.removeLast() }
        return out
    }
}
