import MARCRecord

/// The `[[field]]`, `[[combine]]` and MARC-in-ISIS rules.
extension ISISMapper {
    typealias Note = (Finding.Severity, FindingCode, String, _ action: String?, _ tag: Int) -> Void

    /// Applies one `[[field]]` rule; true when the occurrence's content went into the record.
    func apply(_ rule: ISISProfile.FieldRule, _ occurrence: Occurrence, _ builder: inout Builder, note: Note) -> Bool {
        if rule.firstOnly && occurrence.index > 0 { return false }
        var text = occurrence.text
        if let values = rule.values {
            let key = String(decoding: text, as: UTF8.self)
            guard let value = values[key] else {
                note(.info, .isisUnmappedValue, "value '\(key)' is not in the profile's values for this tag",
                    "field kept in \(profile.localTag)", occurrence.tag)
                return false
            }
            text = Array(value.utf8)
        }
        if let position = rule.leaderPosition {
            let value = text == [UInt8(ascii: "#")] ? [0x20] : text
            guard value.count == 1 else {
                note(.info, .isisBadLeaderField, "leader/\(position) field has \(text.count) characters, not 1",
                    "field kept in \(profile.localTag)", occurrence.tag)
                return false
            }
            builder.leader[position] = value[0]
            if rule.tag == nil { return true }
        }
        guard let ruleTag = rule.tag else { return false }
        let tag = occurrence.index == 0 ? (rule.firstTag ?? ruleTag) : ruleTag
        var indicators = occurrence.index == 0 && rule.firstTag != nil ? rule.firstIndicators ?? rule.indicators
            : rule.indicators
        if tag.isControlField {
            builder.add(tag, Array(rule.prefix.utf8) + text)
            return true
        }
        var parts = ISISSubfields(text)
        if rule.splitTerms, let terms = Self.bracketedTerms(parts.leading) {
            let code = rule.textCode ?? profile.textCode
            for term in terms.terms {
                builder.add(tag, Builder.dataField(indicators, [(code, term)] + rule.add.map { ($0.code, Array($0.value.utf8)) }))
            }
            // Text outside the brackets ("Paper on:") is no term: it stays in the local field, alone.
            if !terms.outside.isEmpty {
                builder.add(profile.localTag, local(occurrence.tag, terms.outside))
                builder.partlyLocal.append(occurrence.tag)
            }
            return true
        }
        if rule.nonfiling, parts.leading.first == UInt8(ascii: "<"), let close = parts.leading.firstIndex(of: UInt8(ascii: ">")) {
            var article = Array(parts.leading[1..<close])
            var rest = Array(parts.leading[(close + 1)...])
            // "<The> Title": the article and the blank after it do not file; "<L'>Arbre" has none.
            if rest.first == 0x20 {
                article.append(0x20)
                rest.removeFirst()
            }
            let count = String(decoding: article, as: UTF8.self).count
            if count <= 9 { indicators[1] = UInt8(ascii: "0") + UInt8(count) }
            parts.leading = article + rest
        }
        var subfields: [(UInt8, [UInt8])] = []
        if !parts.leading.isEmpty { subfields.append((rule.textCode ?? profile.textCode, parts.leading)) }
        for s in parts.subfields {
            let code = Self.lower(s.code)
            subfields.append((rule.subfields[code] ?? code, s.value))
        }
        if !rule.prefix.isEmpty, let first = subfields.indices.first {
            subfields[first].1 = Array(rule.prefix.utf8) + subfields[first].1
        }
        guard subfields.contains(where: { !$0.1.isEmpty }) else { return false }
        subfields += rule.add.map { ($0.code, Array($0.value.utf8)) }
        builder.add(tag, Builder.dataField(indicators, subfields))
        return true
    }

    /// Applies one `[[combine]]` rule; the occurrences it uses whole are marked consumed.
    func applyCombine(_ rule: ISISProfile.CombineRule, _ occurrences: inout [Occurrence], _ builder: inout Builder) {
        var subfields: [(UInt8, [UInt8])] = []
        for part in rule.parts {
            for i in occurrences.indices where occurrences[i].tag == part.isisTag {
                let parts = ISISSubfields(occurrences[i].text)
                let value: [UInt8]?
                if let wanted = part.subfield {
                    value = parts.subfields.first { Self.lower($0.code) == wanted }?.value
                    if value != nil && parts.leading.isEmpty && parts.subfields.count == 1 { occurrences[i].consumed = true }
                } else {
                    value = parts.leading
                    if parts.subfields.isEmpty { occurrences[i].consumed = true }
                }
                if let value, !value.isEmpty { subfields.append((part.code, Array(part.prefix.utf8) + value)) }
            }
        }
        if !subfields.isEmpty { builder.add(rule.tag, Builder.dataField(rule.indicators, subfields)) }
    }

    /// MARC kept inside ISIS (`isismarc`); true when the occurrence went into the record.
    func mapMARCInISIS(_ occurrence: Occurrence, _ builder: inout Builder, note: Note) -> Bool {
        let tag = occurrence.tag
        let text = occurrence.text
        let leaderRange = (profile.leaderTagBase + 5)...(profile.leaderTagBase + 19)
        if leaderRange.contains(tag) {
            let position = tag - profile.leaderTagBase
            // Positions 9–16 are what the writer computes (coding, counts, base): nothing to keep.
            if (9...16).contains(position) { return true }
            guard text.count == 1 else {
                note(.info, .isisBadLeaderField, "leader/\(position) field has \(text.count) characters, not 1",
                    "field kept in \(profile.localTag)", tag)
                return false
            }
            builder.leader[position] = text[0] == UInt8(ascii: "#") ? 0x20 : text[0]
            return true
        }
        guard (1...999).contains(tag), let marcTag = Tag(tag.isisTag) else { return false }
        if tag < 10 {
            // In fixed-length fields `#` is how ISIS data entry writes a blank.
            let content = tag >= 6 ? text.map { $0 == UInt8(ascii: "#") ? 0x20 : $0 } : text
            guard !content.isEmpty else { return false }
            builder.add(marcTag, content)
            return true
        }
        var indicators: [UInt8] = [0x20, 0x20]
        var body = text[...]
        if text.count >= 2, Self.isIndicator(text[0]), Self.isIndicator(text[1]),
            text.count == 2 || text[2] == UInt8(ascii: "^")
        {
            indicators = text[0..<2].map { $0 == UInt8(ascii: "#") ? 0x20 : $0 }
            body = text[2...]
        }
        let parts = ISISSubfields(Array(body))
        var subfields: [(UInt8, [UInt8])] = []
        if !parts.leading.isEmpty { subfields.append((profile.textCode, parts.leading)) }
        subfields += parts.subfields.map { (Self.lower($0.code), $0.value) }
        // Indicators and empty subfields only (`##`, `1#^a`): a data-entry leftover with no data
        // to keep, and no valid MARC field to make of it.
        guard subfields.contains(where: { !$0.1.isEmpty }) else { return true }
        builder.add(marcTag, Builder.dataField(indicators, subfields))
        return true
    }

    static func isIndicator(_ b: UInt8) -> Bool {
        b == 0x20 || b == UInt8(ascii: "#") || (0x30...0x39).contains(b) || (0x61...0x7A).contains(b)
    }

    static func lower(_ c: UInt8) -> UInt8 { (0x41...0x5A).contains(c) ? c | 0x20 : c }

    /// `Paper on: <a><b c>` → terms `a`, `b c` and the text outside them (trimmed); nil when the
    /// text has no bracketed term.
    static func bracketedTerms(_ text: [UInt8]) -> (terms: [[UInt8]], outside: [UInt8])? {
        var terms: [[UInt8]] = []
        var outside: [UInt8] = []
        var current: [UInt8]?
        for b in text {
            if b == UInt8(ascii: "<") && current == nil {
                current = []
            } else if b == UInt8(ascii: ">"), let c = current {
                let trimmed = c.trimmedBlanks
                if !trimmed.isEmpty { terms.append(trimmed) }
                current = nil
            } else if current != nil {
                current!.append(b)
            } else {
                outside.append(b)
            }
        }
        if let current { outside += [UInt8(ascii: "<")] + current }
        guard !terms.isEmpty else { return nil }
        return (terms, outside.trimmedBlanks)
    }
}

extension Array where Element == UInt8 {
    var trimmedBlanks: [UInt8] {
        Array(drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed())
    }
}
