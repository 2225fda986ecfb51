public import MARCRecord

/// Field-level checks: tags, indicators, subfield delimiters and codes.
extension ISO2709Parser {
    func checkFields(_ record: inout MARCRecord, site: inout Site) {
        let ic = record.indicatorCount
        for index in record.entries.indices {
            let entry = record.entries[index]
            let tag = entry.tag
            if !tag.isWellFormed {
                site.add(.warning, .badTag, "tag '\(tag)' is not three letters or digits", action: "kept as is",
                    at: Int(entry.start), tag: tag.description)
            }
            if tag.isControlField {
                if record.storage[entry.range].contains(ASCII.subfieldDelimiter) {
                    site.add(.warning, .delimiterInControlField,
                        "control field holds a subfield delimiter (0x1F)", action: "kept as is",
                        at: firstDelimiter(record.storage, entry.range), tag: tag.description)
                }
                continue
            }
            if let repaired = checkDataField(record.storage, entry, indicatorCount: ic, site: &site) {
                record.replaceField(at: index, content: repaired)
            }
        }
    }

    private func firstDelimiter(_ s: [UInt8], _ range: Range<Int>) -> Int {
        s[range].firstIndex(of: ASCII.subfieldDelimiter) ?? range.lowerBound
    }

    @inline(__always)
    private static func isValidIndicator(_ b: UInt8) -> Bool {
        ASCII.isDigit(b) || ASCII.isLower(b) || b == ASCII.space || b == ASCII.verticalBar
    }

    @inline(__always)
    private static func isValidCode(_ b: UInt8) -> Bool { ASCII.isDigit(b) || ASCII.isLower(b) }

    /// Checks one data field; returns new content when a repair changed it.
    private func checkDataField(_ s: [UInt8], _ entry: FieldEntry, indicatorCount ic: Int, site: inout Site)
        -> [UInt8]?
    {
        let range = entry.range
        let tagName = entry.tag.description
        var indicatorsEnd = range.lowerBound + ic
        var fixedIndicators: [UInt8]? = nil
        var body = range

        // Indicators: present, and legal.
        let firstDelim = s[range].firstIndex(of: ASCII.subfieldDelimiter)
        if range.count < ic || (firstDelim.map { $0 < indicatorsEnd } ?? false) {
            let present = (firstDelim ?? range.upperBound) - range.lowerBound
            var ind = Array(s[range.lowerBound..<(range.lowerBound + min(present, ic))])
            ind.append(contentsOf: repeatElement(ASCII.space, count: ic - ind.count))
            site.add(.warning, .missingIndicators,
                "data field has \(min(present, ic)) of \(ic) indicators", action: "missing indicators set to blank",
                at: range.lowerBound, tag: tagName)
            fixedIndicators = ind
            indicatorsEnd = range.lowerBound + min(present, ic)
        } else {
            for i in range.lowerBound..<indicatorsEnd where !Self.isValidIndicator(s[i]) {
                if fixedIndicators == nil { fixedIndicators = Array(s[range.lowerBound..<indicatorsEnd]) }
                fixedIndicators![i - range.lowerBound] = ASCII.space
                site.add(.warning, .badIndicator,
                    "indicator \(i - range.lowerBound + 1) is '\(ASCII.escaped([s[i]]))'",
                    action: "set to blank", at: i, tag: tagName)
            }
        }
        body = indicatorsEnd..<range.upperBound

        // Subfields: the body starts with a delimiter; every delimiter is followed by a code.
        guard !body.isEmpty else {
            return fixedIndicators.map { $0 }
        }
        if s[body.lowerBound] != ASCII.subfieldDelimiter {
            let end = s[body].firstIndex(of: ASCII.subfieldDelimiter) ?? body.upperBound
            site.add(.warning, .dataBeforeSubfield,
                "\(end - body.lowerBound) byte(s) before the first subfield delimiter "
                    + "(\(ASCII.escaped(s[body.lowerBound..<end], limit: 24)))",
                action: "kept as is", at: body.lowerBound, tag: tagName)
        }
        var emptyDelimiters: [Int] = []
        var i = body.lowerBound
        while i < body.upperBound {
            if s[i] == ASCII.subfieldDelimiter {
                let next = i + 1
                if next == body.upperBound || s[next] == ASCII.subfieldDelimiter {
                    emptyDelimiters.append(i)
                    site.add(.warning, .emptySubfieldCode, "subfield delimiter without a code",
                        action: "delimiter removed", at: i, tag: tagName)
                } else if !Self.isValidCode(s[next]) {
                    site.add(.warning, .badSubfieldCode, "subfield code '\(ASCII.escaped([s[next]]))'",
                        action: "kept as is", at: next, tag: tagName)
                }
            }
            i += 1
        }
        guard fixedIndicators != nil || !emptyDelimiters.isEmpty else { return nil }
        var content = fixedIndicators ?? Array(s[range.lowerBound..<indicatorsEnd])
        content.reserveCapacity(range.count + ic)
        var from = body.lowerBound
        for d in emptyDelimiters {
            content.append(contentsOf: s[from..<d])
            from = d + 1
        }
        content.append(contentsOf: s[from..<body.upperBound])
        return content
    }
}
