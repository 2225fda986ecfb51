import MARCRecord

/// The `[[field]]`, `[[combine]]` and MARC-in-ISIS rules.
extension ISISMapper {
    typealias Note = (Finding.Severity, FindingCode, String, _ action: String?, _ tag: Int) -> Void

    /// Applies one `[[field]]` rule to an occurrence whose decoded text is `text`; true when its
    /// content went into the record.
    func apply(_ rule: ISISProfile.FieldRule, _ occurrence: Occurrence, _ text: ArraySlice<UInt8>,
        _ builder: inout Builder, note: Note) -> Bool
    {
        if rule.firstOnly && occurrence.index > 0 { return false }
        var text = text
        if let values = rule.values {
            let key = String(decoding: text, as: UTF8.self)
            guard let value = values[key] else {
                note(.info, .isisUnmappedValue, "value '\(key)' is not in the profile's values for this tag",
                    "field kept in \(profile.localTag)", occurrence.tag)
                return false
            }
            text = Array(value.utf8)[...]
        }
        if let position = rule.leaderPosition {
            let isHash = text.count == 1 && text.first == UInt8(ascii: "#")
            guard isHash || text.count == 1 else {
                note(.info, .isisBadLeaderField, "leader/\(position) field has \(text.count) characters, not 1",
                    "field kept in \(profile.localTag)", occurrence.tag)
                return false
            }
            builder.setLeader(position, isHash ? 0x20 : text[text.startIndex])
            if rule.tag == nil { return true }
        }
        guard let ruleTag = rule.tag else { return false }
        let tag = occurrence.index == 0 ? (rule.firstTag ?? ruleTag) : ruleTag
        var indicators = occurrence.index == 0 && rule.firstTag != nil ? rule.firstIndicators ?? rule.indicators
            : rule.indicators
        if tag.isControlField {
            let start = builder.mark
            builder.append(contentsOf: rule.prefix.utf8)
            builder.append(contentsOf: text)
            builder.end(tag, from: start)
            return true
        }
        var parts = ISISSubfields(text)
        if rule.splitTerms, let terms = Self.bracketedTerms(parts.leading) {
            let code = rule.textCode ?? profile.textCode
            let added = rule.add.map { ($0.code, Array($0.value.utf8)[...]) }
            for term in terms.terms {
                builder.addDataField(tag, indicators, [(code, term)] + added)
            }
            // Text outside the brackets ("Paper on:") is no term: it stays in the local field, alone.
            if !terms.outside.isEmpty {
                addLocal(occurrence.tag, terms.outside[...], &builder)
                builder.partlyLocal.append(occurrence.tag)
            }
            return true
        }
        if rule.nonfiling, parts.leading.first == UInt8(ascii: "<"),
            let close = parts.leading.firstIndex(of: UInt8(ascii: ">"))
        {
            var article = Array(parts.leading[(parts.leading.startIndex + 1)..<close])
            var rest = Array(parts.leading[(close + 1)...])
            // "<The> Title": the article and the blank after it do not file; "<L'>Arbre" has none.
            if rest.first == 0x20 {
                article.append(0x20)
                rest.removeFirst()
            }
            let count = String(decoding: article, as: UTF8.self).count
            if count <= 9 { indicators[1] = UInt8(ascii: "0") + UInt8(count) }
            parts.leading = (article + rest)[...]
        }
        var subfields: [(UInt8, ArraySlice<UInt8>)] = []
        subfields.reserveCapacity(parts.subfields.count + 1 + rule.add.count)
        if !parts.leading.isEmpty { subfields.append((rule.textCode ?? profile.textCode, parts.leading)) }
        for s in parts.subfields {
            let code = Self.lower(s.code)
            subfields.append((rule.subfields.isEmpty ? code : rule.subfields[code] ?? code, s.value))
        }
        if !rule.prefix.isEmpty, let first = subfields.indices.first {
            subfields[first].1 = (Array(rule.prefix.utf8) + subfields[first].1)[...]
        }
        guard subfields.contains(where: { !$0.1.isEmpty }) else { return false }
        for a in rule.add { subfields.append((a.code, Array(a.value.utf8)[...])) }
        builder.addDataField(tag, indicators, subfields)
        return true
    }

    /// Applies one `[[combine]]` rule; the occurrences it uses whole are marked consumed.
    func applyCombine(_ rule: ISISProfile.CombineRule, _ occurrences: inout [Occurrence], _ text: [UInt8],
        _ builder: inout Builder)
    {
        var subfields: [(UInt8, ArraySlice<UInt8>)] = []
        for part in rule.parts {
            for i in occurrences.indices where occurrences[i].tag == part.isisTag {
                let parts = ISISSubfields(text[occurrences[i].range])
                let value: ArraySlice<UInt8>?
                if let wanted = part.subfield {
                    value = parts.subfields.first { Self.lower($0.code) == wanted }?.value
                    if value != nil && parts.leading.isEmpty && parts.subfields.count == 1 { occurrences[i].consumed = true }
                } else {
                    value = parts.leading
                    if parts.subfields.isEmpty { occurrences[i].consumed = true }
                }
                if let value, !value.isEmpty { subfields.append((part.code, (Array(part.prefix.utf8) + value)[...])) }
            }
        }
        if !subfields.isEmpty { builder.addDataField(rule.tag, rule.indicators, subfields) }
    }

    /// MARC kept inside ISIS (`isismarc`); true when the occurrence went into the record.
    func mapMARCInISIS(_ occurrence: Occurrence, _ text: ArraySlice<UInt8>, _ builder: inout Builder,
        note: Note) -> Bool
    {
        let tag = occurrence.tag
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
            let b = text[text.startIndex]
            builder.setLeader(position, b == UInt8(ascii: "#") ? 0x20 : b)
            return true
        }
        guard (1...999).contains(tag) else { return false }
        // `tag.isisTag` for 1…999: always three digits.
        let marcTag = Tag(UInt8(0x30 + tag / 100), UInt8(0x30 + tag / 10 % 10), UInt8(0x30 + tag % 10))
        if tag < 10 {
            guard !text.isEmpty else { return false }
            // In fixed-length fields `#` is how ISIS data entry writes a blank.
            if tag >= 6 {
                let start = builder.mark
                for b in text { builder.append(b == UInt8(ascii: "#") ? 0x20 : b) }
                builder.end(marcTag, from: start)
            } else {
                builder.add(marcTag, text)
            }
            return true
        }
        var indicators: [UInt8] = [0x20, 0x20]
        var body = text
        let s = text.startIndex
        if text.count >= 2, Self.isIndicator(text[s]), Self.isIndicator(text[s + 1]),
            text.count == 2 || text[s + 2] == UInt8(ascii: "^")
        {
            indicators = text[s..<s + 2].map { $0 == UInt8(ascii: "#") ? 0x20 : $0 }
            body = text[(s + 2)...]
        }
        let parts = ISISSubfields(body)
        var subfields: [(UInt8, ArraySlice<UInt8>)] = []
        subfields.reserveCapacity(parts.subfields.count + 1)
        if !parts.leading.isEmpty { subfields.append((profile.textCode, parts.leading)) }
        for p in parts.subfields { subfields.append((Self.lower(p.code), p.value)) }
        // Indicators and empty subfields only (`##`, `1#^a`): a data-entry leftover with no data
        // to keep, and no valid MARC field to make of it.
        guard subfields.contains(where: { !$0.1.isEmpty }) else { return true }
        builder.addDataField(marcTag, indicators, subfields)
        return true
    }

    static func isIndicator(_ b: UInt8) -> Bool {
        b == 0x20 || b == UInt8(ascii: "#") || (0x30...0x39).contains(b) || (0x61...0x7A).contains(b)
    }

    static func lower(_ c: UInt8) -> UInt8 { (0x41...0x5A).contains(c) ? c | 0x20 : c }

    /// `Paper on: <a><b c>` → terms `a`, `b c` and the text outside them (trimmed); nil when the
    /// text has no bracketed term.
    static func bracketedTerms(_ text: ArraySlice<UInt8>) -> (terms: [ArraySlice<UInt8>], outside: [UInt8])? {
        // Terms are slices of the text; the text outside them is gathered run by run. Only the
        // first `<` opens a term (a later one is part of it); a `>` outside a term is text.
        var terms: [ArraySlice<UInt8>] = []
        var outside: [UInt8] = []
        var open: Int?  // where the open term's text starts (after its `<`)
        var run = text.startIndex  // where the current stretch of outside text starts
        for i in text.indices {
            let b = text[i]
            if b == UInt8(ascii: "<") && open == nil {
                outside += text[run..<i]
                open = i + 1
            } else if b == UInt8(ascii: ">"), let start = open {
                let term = text[start..<i].trimmedBlanks
                if !term.isEmpty { terms.append(term) }
                open = nil
                run = i + 1
            }
        }
        // An unclosed `<` and what follows it stay text.
        outside += text[(open.map { $0 - 1 } ?? run)...]
        guard !terms.isEmpty else { return nil }
        return (terms, Array(outside[...].trimmedBlanks))
    }
}

extension ArraySlice where Element == UInt8 {
    /// Without the blanks (0x20) at either end.
    var trimmedBlanks: ArraySlice<UInt8> {
        var lo = startIndex
        var hi = endIndex
        while lo < hi && self[lo] == 0x20 { lo += 1 }
        while hi > lo && self[hi - 1] == 0x20 { hi -= 1 }
        return self[lo..<hi]
    }
}
