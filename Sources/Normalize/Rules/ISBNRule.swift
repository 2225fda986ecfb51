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
        guard record.has(Self.tag) else { return }
        // The plan is made while views of the record exist; they are gone before the record changes,
        // so that the edits do not copy the record's storage.
        let plan = makePlan(record, &context)
        guard !plan.isEmpty else { return }
        // One allocation for all the new contents rather than a regrowth per edit.
        record.storage.reserveCapacity(record.storage.count + plan.reduce(0) { $0 + $1.1.reduce(0) { $0 + $1.count } })
        record.entries.reserveCapacity(record.entries.count + plan.reduce(0) { $0 + $1.1.count })
        for (i, contents) in plan.reversed() {
            record.replaceField(at: i, content: contents[0])
            for (k, c) in contents.dropFirst().enumerated() { record.insertField(Self.tag, content: c, at: i + 1 + k) }
        }
    }

    /// The 020s to rewrite: index and new contents (one or more fields), in record order.
    func makePlan(_ record: MARCRecord, _ context: inout NormalizationContext) -> [(Int, [[UInt8]])] {
        let entries = record.entries
        let indicatorCount = record.indicatorCount
        var plan: [(Int, [[UInt8]])] = []
        var thirteens: [ArraySlice<UInt8>] = []
        // ISBN-10s: where they are (the plan entry, or the record's field) and their field's content.
        var tens: [(index: Int, content: ArraySlice<UInt8>, digits: ArraySlice<UInt8>)] = []
        func note(_ content: ArraySlice<UInt8>, index: Int) {
            guard let a = Self.firstA(content) else { return }
            if a.count == 13 {
                thirteens.append(a)
            } else if a.count == 10, ISBN.isValid10(a) {
                tens.append((index, content, a))
            }
        }
        for i in entries.indices where entries[i].tag == Self.tag {
            let original = record.storage[entries[i].range]
            if Self.isCanonical(original, indicatorCount: indicatorCount) {
                note(original, index: i)  // most 020s are already clean: nothing to rebuild
                continue
            }
            let contents = Self.rewriteBytes(original, indicatorCount: indicatorCount)
                ?? rewrite(EditableField(record.fields[i])).map(\.content)
            guard contents.count != 1 || !contents[0].elementsEqual(original) else {
                note(original, index: i)
                continue
            }
            context.record(Self.name, tag: "020", before: EditableField.display(original, dataField: true),
                           after: contents.map { EditableField.display($0, dataField: true) }.joined(separator: " + 020 "))
            plan.append((i, contents))
            for c in contents { note(c[...], index: i) }
        }
        // ISBN-13 forms to add, placed after the field that holds the ISBN-10.
        guard addISBN13 else { return plan }
        for (i, content, ten) in tens {
            let thirteen = ISBN.thirteenBytes(from: ten)
            guard !thirteens.contains(where: { $0.elementsEqual(thirteen) }) else { continue }
            thirteens.append(thirteen[...])
            let extra = Self.thirteenField(thirteen, like: content)
            if let k = plan.firstIndex(where: { $0.0 == i }) {
                plan[k].1.append(extra)
            } else {
                let at = plan.firstIndex(where: { $0.0 > i }) ?? plan.count
                plan.insert((i, [Array(content), extra]), at: at)
            }
            context.record(Self.name, tag: "020", before: nil, after: EditableField.display(extra, dataField: true))
        }
        return plan
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

    /// `020 $a ISBN-13` with the indicators and the $q qualifiers of the field that holds the ISBN-10.
    static func thirteenField(_ thirteen: [UInt8], like content: ArraySlice<UInt8>) -> [UInt8] {
        let delimiter: UInt8 = 0x1F
        var out: [UInt8] = []
        out.reserveCapacity(content.count + 8)
        out.append(contentsOf: content.prefix(2))
        out.append(delimiter)
        out.append(UInt8(ascii: "a"))
        out.append(contentsOf: thirteen)
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
        return out
    }

    /// The rule on bytes for the shapes real 020s have (`0-19-852663-6 (pbk. : alk. paper)`,
    /// `979-655-606-5`); nil for the rare ones (`ISBN …` in front, several numbers packed in one $a, an
    /// ISSN, bytes before the first delimiter), which go through `rewrite`.
    static func rewriteBytes(_ content: ArraySlice<UInt8>, indicatorCount: Int) -> [[UInt8]]? {
        guard indicatorCount == 2, content.count > 2, content[content.startIndex + 2] == ASCII.subfieldDelimiter
        else { return nil }
        var out = Array(content.prefix(2))
        out.reserveCapacity(content.count + 8)
        let delimiter: UInt8 = 0x1F
        var start = content.startIndex + 3
        while start <= content.endIndex {
            var stop = start
            while stop < content.endIndex && content[stop] != delimiter { stop += 1 }
            let piece = content[start..<stop]
            start = stop + 1
            guard let code = piece.first else { return nil }
            let value = piece.dropFirst()
            guard code == UInt8(ascii: "a") || code == UInt8(ascii: "z") else {
                out.append(ASCII.subfieldDelimiter)
                out += piece
                continue
            }
            let text = value.drop(while: { $0 == 0x20 })
            if code == UInt8(ascii: "a") {
                guard !ISSN.mayBeISSN(text), let first = text.first, ByteText.isDigit(first) else { return nil }
            }
            let (number, rest) = IdentifierScan.scanNumber(text)
            if code == UInt8(ascii: "z") && (number.isEmpty || IdentifierScan.startsAnotherNumber(rest)) {
                out.append(ASCII.subfieldDelimiter)
                out += piece
                continue
            }
            guard !number.isEmpty, !IdentifierScan.startsAnotherNumber(rest) else { return nil }
            let qualifiers = IdentifierScan.qualifierBytes(rest)
            if code == UInt8(ascii: "z") && qualifiers.isEmpty {
                out.append(ASCII.subfieldDelimiter)
                out += piece
                continue
            }
            out.append(ASCII.subfieldDelimiter)
            // A 9-digit SBN is the ISBN-10 with a leading zero.
            let digits = number.count == 9 ? [UInt8(ascii: "0")] + number : number
            if code == UInt8(ascii: "a"), ISBN.isValid10(digits) || ISBN.isValid13(digits) {
                out.append(UInt8(ascii: "a"))
                out += digits
            } else {
                out.append(UInt8(ascii: "z"))
                out += number
            }
            for q in qualifiers {
                out += [ASCII.subfieldDelimiter, UInt8(ascii: "q")]
                out += q
            }
        }
        return [out]
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
