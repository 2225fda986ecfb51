public import MARCRecord

/// ISBNs in 020: the number alone in $a (hyphens and blanks removed), what followed it in $q,
/// invalid numbers moved to $z, several numbers packed in one $a split into one 020 each, and the
/// ISBN-13 of every valid ISBN-10 added after it when the record lacks it. Nothing is deleted.
///
/// Indonesian ISBN-10s start `979` (group 979); their ISBN-13 is `978979…`. A ten-digit `979…`
/// string is therefore read as an ISBN-10, never as the start of a `979` ISBN-13.
public struct ISBNRule: NormalizationRule {
    public static let name = "isbn"
    public static let summary = "ISBN check digits; qualifiers to $q, invalid to $z, ISBN-13 added for every ISBN-10"

    let addISBN13: Bool

    public init(settings: RuleSettings) throws(NormalizerConfigurationError) {
        try settings.only(["add-isbn13"])
        addISBN13 = try settings.bool("add-isbn13", default: true)
    }

    static let tag: Tag = "020"

    public func apply(to record: inout MARCRecord, _ context: inout NormalizationContext) {
        let tag = Self.tag  // read once: a static's accessor per entry costs more than the comparison
        var count = 0
        var bytes = 0
        for entry in record.entries where entry.tag == tag {
            count += 1
            bytes += Int(entry.length)
        }
        guard count > 0 else { return }
        // The plan is made while views of the record exist; they are gone before the record changes,
        // so that the edits do not copy the record's storage.
        var plan = Plan(fields: count, bytes: bytes)
        makePlan(record, &context, into: &plan)
        guard !plan.isEmpty else { return }
        plan.apply(to: &record)
    }

    /// The new 020 contents, all in two byte buffers (no array per field): every LC record with an
    /// ISBN-10 gets at least its ISBN-13, so this runs for most records.
    struct Plan {
        /// Contents that replace an 020 (one or more per rewritten field), in record order.
        var bytes: [UInt8] = []
        var rewritten: [(index: Int, range: Range<Int>)] = []
        /// ISBN-13 fields to add after the field that holds their ISBN-10, in record order.
        var addedBytes: [UInt8] = []
        var added: [(index: Int, range: Range<Int>)] = []
        /// What the record's 020s hold: their count and content bytes, for the buffers' first size.
        let fields: Int
        let fieldBytes: Int

        init(fields: Int, bytes: Int) {
            self.fields = fields
            fieldBytes = bytes
        }

        var isEmpty: Bool { rewritten.isEmpty && added.isEmpty }

        /// Room for the contents that replace 020s, allocated once: a rewrite is at most half again as
        /// long as the field (every qualifier gains `$q`, loses its separator) plus a leading `0`.
        mutating func reserveForRewrites() {
            guard rewritten.capacity == 0 else { return }
            rewritten.reserveCapacity(fields + 1)
            bytes.reserveCapacity(fieldBytes * 2 + 16)
        }

        /// Room for the added ISBN-13 fields: indicators, `$a`, thirteen digits, and the qualifiers.
        mutating func reserveForAdditions() {
            guard added.capacity == 0 else { return }
            added.reserveCapacity(fields)
            addedBytes.reserveCapacity(fieldBytes * 2 + 24 * fields)
        }

        /// A field with rewritten contents loses its own; the contents come in its place, then the
        /// ISBN-13s added after it. The entries are moved up in place, from the back.
        func apply(to record: inout MARCRecord) {
            let tag = ISBNRule.tag
            let base = record.storage.count
            let addedBase = base + bytes.count
            record.storage.reserveCapacity(addedBase + addedBytes.count)
            record.storage.append(contentsOf: bytes)
            record.storage.append(contentsOf: addedBytes)
            var replaced = 0
            for k in rewritten.indices where k == 0 || rewritten[k - 1].index != rewritten[k].index { replaced += 1 }
            // Every rewritten field has at least one content: the record never has fewer entries.
            let oldCount = record.entries.count
            let newCount = oldCount - replaced + rewritten.count + added.count
            record.entries.reserveCapacity(newCount)
            for _ in oldCount..<newCount { record.entries.append(FieldEntry(tag: tag, start: 0, length: 0)) }
            record.entries.withUnsafeMutableBufferPointer { entries in
                var w = newCount - 1
                var r = rewritten.count - 1
                var a = added.count - 1
                var i = oldCount - 1
                // Below the first field that changes, every entry is already where it belongs.
                while i >= 0 && (r >= 0 || a >= 0) {
                    while a >= 0 && added[a].index == i {
                        let range = added[a].range
                        entries[w] = FieldEntry(tag: tag, start: addedBase + range.lowerBound, length: range.count)
                        w -= 1
                        a -= 1
                    }
                    if r >= 0 && rewritten[r].index == i {
                        while r >= 0 && rewritten[r].index == i {
                            let range = rewritten[r].range
                            entries[w] = FieldEntry(tag: tag, start: base + range.lowerBound, length: range.count)
                            w -= 1
                            r -= 1
                        }
                    } else {
                        entries[w] = entries[i]
                        w -= 1
                    }
                    i -= 1
                }
            }
        }
    }

    /// The 020s to rewrite and the ISBN-13s to add, in record order.
    func makePlan(_ record: MARCRecord, _ context: inout NormalizationContext, into plan: inout Plan) {
        let entries = record.entries
        let indicatorCount = record.indicatorCount
        // The ISBN-13s the record has (first $a of each 020) as numbers: 13 digits fit in 64 bits, and a
        // 13-byte $a that is not all digits can never equal a computed ISBN-13.
        var thirteens: [UInt64] = []
        // ISBN-10s: the field they are in, where that field's content lies (the record's storage or the
        // plan's bytes) and where its first $a lies.
        var tens: [(index: Int, inPlan: Bool, content: Range<Int>, digits: Range<Int>)] = []
        func note(_ content: ArraySlice<UInt8>, index: Int, inPlan: Bool) {
            guard let a = Self.firstA(content) else { return }
            if a.count == 13 {
                guard let value = Self.decimalValue(a) else { return }
                if thirteens.capacity == 0 { thirteens.reserveCapacity(plan.fields * 2) }
                thirteens.append(value)
            } else if a.count == 10, ISBN.isValid10(a) {
                if tens.capacity == 0 { tens.reserveCapacity(plan.fields) }
                tens.append((index, inPlan, content.startIndex..<content.endIndex, a.startIndex..<a.endIndex))
            }
        }
        let tag = Self.tag  // read once: a static's accessor per entry costs more than the comparison
        for i in entries.indices where entries[i].tag == tag {
            let original = record.storage[Int(entries[i].start)..<Int(entries[i].start + entries[i].length)]
            if Self.isCanonical(original, indicatorCount: indicatorCount) {
                note(original, index: i, inPlan: false)  // most 020s are already clean: nothing to rebuild
                continue
            }
            plan.reserveForRewrites()
            let mark = plan.bytes.count
            let first = plan.rewritten.count
            if Self.rewriteBytes(original, indicatorCount: indicatorCount, into: &plan.bytes) {
                plan.rewritten.append((i, mark..<plan.bytes.count))
            } else {
                plan.bytes.removeLast(plan.bytes.count - mark)
                for field in rewrite(EditableField(record.fields[i])) {
                    let start = plan.bytes.count
                    plan.bytes.append(contentsOf: field.content)
                    plan.rewritten.append((i, start..<plan.bytes.count))
                }
            }
            if plan.rewritten.count - first == 1 && plan.bytes[mark...].elementsEqual(original) {
                plan.rewritten.removeLast()
                plan.bytes.removeLast(plan.bytes.count - mark)
                note(original, index: i, inPlan: false)
                continue
            }
            context.record(Self.name, tag: "020", before: EditableField.display(original, dataField: true),
                           after: plan.rewritten[first...].map { EditableField.display(plan.bytes[$0.range], dataField: true) }
                               .joined(separator: " + 020 "))
            for k in first..<plan.rewritten.count { note(plan.bytes[plan.rewritten[k].range], index: i, inPlan: true) }
        }
        // ISBN-13 forms to add, placed after the field that holds the ISBN-10.
        guard addISBN13, !tens.isEmpty else { return }
        plan.reserveForAdditions()
        for ten in tens {
            let source = ten.inPlan ? plan.bytes[...] : record.storage[...]
            let start = plan.addedBytes.count
            // `020 $a ISBN-13` with the indicators and the $q qualifiers of the field that holds the ISBN-10.
            let content = source[ten.content]
            let i = content.startIndex
            plan.addedBytes.append(content[i])
            plan.addedBytes.append(content[i + 1])
            plan.addedBytes.append(ASCII.subfieldDelimiter)
            plan.addedBytes.append(UInt8(ascii: "a"))
            let digits = plan.addedBytes.count
            plan.addedBytes.append(0x39)
            plan.addedBytes.append(0x37)
            plan.addedBytes.append(0x38)
            for k in ten.digits.lowerBound..<(ten.digits.lowerBound + 9) { plan.addedBytes.append(source[k]) }
            plan.addedBytes.append(ISBN.check13(plan.addedBytes[digits...]))
            let value = Self.decimalValue(plan.addedBytes[digits...])!
            guard !thirteens.contains(value) else {
                plan.addedBytes.removeLast(plan.addedBytes.count - start)
                continue
            }
            thirteens.append(value)
            Self.appendQualifierSubfields(of: content, to: &plan.addedBytes)
            plan.added.append((ten.index, start..<plan.addedBytes.count))
            context.record(Self.name, tag: "020", before: nil,
                           after: EditableField.display(plan.addedBytes[start...], dataField: true))
        }
    }

    /// The number 13 ASCII digits spell; nil when a byte is not a digit.
    static func decimalValue(_ digits: ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for b in digits {
            guard ByteText.isDigit(b) else { return nil }
            value = value &* 10 &+ UInt64(b &- 0x30)
        }
        return value
    }

    /// The value of the first $a of a data field's content.
    static func firstA(_ content: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let delimiter: UInt8 = 0x1F
        var i = content.startIndex + 2
        while i + 1 < content.endIndex {
            if content[i] == delimiter && content[i + 1] == UInt8(ascii: "a") {
                let start = i + 2
                var end = start
                while end < content.endIndex && content[end] != delimiter { end += 1 }
                return content[start..<end]
            }
            i += 1
        }
        return nil
    }

    /// Every `$q…` of `content` (after its indicators), as it is, appended to `out`.
    static func appendQualifierSubfields(of content: ArraySlice<UInt8>, to out: inout [UInt8]) {
        let delimiter: UInt8 = 0x1F
        var i = content.startIndex + 2
        while i + 1 < content.endIndex {
            if content[i] == delimiter && content[i + 1] == UInt8(ascii: "q") {
                var end = i + 2
                while end < content.endIndex && content[end] != delimiter { end += 1 }
                out.append(contentsOf: content[i..<end])
                i = end
            } else {
                i += 1
            }
        }
    }

    /// The rule on bytes for the shapes real 020s have (`0-19-852663-6 (pbk. : alk. paper)`,
    /// `979-655-606-5`), appended to `out`; false for the rare ones (`ISBN …` in front, several numbers
    /// packed in one $a, an ISSN, bytes before the first delimiter), which go through `rewrite` (what
    /// was appended is then the caller's to drop).
    static func rewriteBytes(_ content: ArraySlice<UInt8>, indicatorCount: Int, into out: inout [UInt8]) -> Bool {
        guard indicatorCount == 2, content.count > 2, content[content.startIndex + 2] == ASCII.subfieldDelimiter
        else { return false }
        let delimiter: UInt8 = 0x1F
        out.append(content[content.startIndex])
        out.append(content[content.startIndex + 1])
        var start = content.startIndex + 3
        while start <= content.endIndex {
            var stop = start
            while stop < content.endIndex && content[stop] != delimiter { stop += 1 }
            let piece = content[start..<stop]
            start = stop + 1
            guard let code = piece.first else { return false }
            let value = piece.dropFirst()
            guard code == UInt8(ascii: "a") || code == UInt8(ascii: "z") else {
                out.append(delimiter)
                out.append(contentsOf: piece)
                continue
            }
            let text = value.drop(while: { $0 == 0x20 })
            if code == UInt8(ascii: "a") {
                guard !ISSN.mayBeISSN(text), let first = text.first, ByteText.isDigit(first) else { return false }
            }
            // Written as `$?number`, the code decided once the number is known to be valid or not.
            let subfieldStart = out.count
            out.append(delimiter)
            out.append(code)
            let numberStart = out.count
            let rest = IdentifierScan.scanNumber(text, appendingTo: &out)
            let numberCount = out.count - numberStart
            if code == UInt8(ascii: "z") && (numberCount == 0 || IdentifierScan.startsAnotherNumber(rest)) {
                out.removeLast(out.count - subfieldStart)
                out.append(delimiter)
                out.append(contentsOf: piece)
                continue
            }
            guard numberCount > 0, !IdentifierScan.startsAnotherNumber(rest) else { return false }
            let qualifiersStart = out.count
            IdentifierScan.forEachQualifier(rest) { q in
                out.append(delimiter)
                out.append(UInt8(ascii: "q"))
                out.append(contentsOf: q)
            }
            if code == UInt8(ascii: "z") && out.count == qualifiersStart {
                out.removeLast(out.count - subfieldStart)
                out.append(delimiter)
                out.append(contentsOf: piece)
                continue
            }
            guard code == UInt8(ascii: "a") else { continue }  // `$z number $q…`
            if numberCount == 9 {
                // A 9-digit SBN is the ISBN-10 with a leading zero.
                out.insert(UInt8(ascii: "0"), at: numberStart)
                if !ISBN.isValid10(out[numberStart..<(numberStart + 10)]) {
                    out.remove(at: numberStart)
                    out[numberStart - 1] = UInt8(ascii: "z")
                }
            } else if !ISBN.isValid10(out[numberStart..<qualifiersStart]) && !ISBN.isValid13(out[numberStart..<qualifiersStart]) {
                out[numberStart - 1] = UInt8(ascii: "z")
            }
        }
        return true
    }

    /// True when the rule would leave this 020 as it is: every $a a bare valid ISBN, every $z
    /// without a qualifier to split off, nothing before the first delimiter.
    static func isCanonical(_ content: ArraySlice<UInt8>, indicatorCount: Int) -> Bool {
        let rest = content.dropFirst(indicatorCount)
        guard rest.first == ASCII.subfieldDelimiter else { return rest.isEmpty }
        for sub in Subfields(bytes: rest, codeLength: 2) {
            switch sub.code {
            case UInt8(ascii: "a"):
                guard ISBN.isCanonical(sub.value) else { return false }
            case UInt8(ascii: "z"):
                for b in sub.value where !(ByteText.isDigit(b) || b == UInt8(ascii: "X") || b == UInt8(ascii: "x")
                                          || b == UInt8(ascii: "-") || b == 0x20) {
                    return false
                }
            default:
                continue
            }
        }
        return true
    }

    /// One 020 after the rule: usually one field, several when $a packed several numbers.
    func rewrite(_ field: EditableField) -> [EditableField] {
        var head = EditableField(indicators: field.indicators, subfields: [])
        head.leading = field.leading
        var extra: [EditableField] = []
        for item in field.subfields {
            if item.code == UInt8(ascii: "z") {
                // A canceled or invalid ISBN keeps its number as written, but its qualifier goes to $q too.
                let scan = IdentifierScan.scan(item.string)
                if scan.number.isEmpty || scan.following != nil || scan.qualifiers.isEmpty {
                    head.subfields.append(item)
                } else {
                    head.subfields.append(EditableField.Item("z", scan.number))
                    head.subfields += scan.qualifiers.map { EditableField.Item("q", $0) }
                }
                continue
            }
            guard item.code == UInt8(ascii: "a") else {
                head.subfields.append(item)
                continue
            }
            var text = Substring(item.string)
            var first = true
            while true {
                let (items, following) = Self.parse(text)
                if first {
                    head.subfields += items
                    first = false
                } else {
                    extra.append(EditableField(indicators: field.indicators, subfields: items))
                }
                guard let following else { break }
                text = Substring(following)
            }
        }
        return [head] + extra
    }

    /// Subfields for one $a value: `$a number $q…`, `$z number $q…`, or only `$q…` when there is no
    /// number at all; and the text of a further number packed after it.
    static func parse(_ value: Substring) -> ([EditableField.Item], String?) {
        var text = value.drop(while: { $0 == " " })
        // `ISBN 979-…`, `ISBN-13: 978…`, `ISBN: …`
        if text.prefix(4).uppercased() == "ISBN" {
            text = text.dropFirst(4)
            if text.hasPrefix("-10") || text.hasPrefix("-13") || text.hasPrefix(" 10") || text.hasPrefix(" 13") {
                text = text.dropFirst(3)
            }
            text = text.drop(while: { $0 == " " || $0 == ":" })
        }
        // An 8-character ISSN left in 020 (SLiMS): kept as it is for the ISSN rule, never sent to $z.
        if ISSN.mayBeISSN(Array(text.utf8)[...]) && ISSN.looksLikeISSN(text) { return ([EditableField.Item("a", value)], nil) }
        let scan = IdentifierScan.scan(text)
        var items: [EditableField.Item] = []
        if scan.number.isEmpty {
            // No number: keep the text, as qualifier(s), or as it was when it is nothing but blanks.
            let qualifiers = IdentifierScan.qualifiers(in: text)
            if qualifiers.isEmpty { return ([EditableField.Item("a", value)], nil) }
            return (qualifiers.map { EditableField.Item("q", $0) }, nil)
        }
        if let isbn = ISBN(digits: scan.number) {
            items.append(EditableField.Item("a", scan.number.count == 13 ? isbn.isbn13 : isbn.isbn10 ?? isbn.isbn13))
        } else {
            items.append(EditableField.Item("z", scan.number))
        }
        items += scan.qualifiers.map { EditableField.Item("q", $0) }
        return (items, scan.following)
    }
}
