import MARCRecord

/// Field-level checks: tags, indicators, subfield delimiters and codes.
extension ISO2709Parser {
    func checkFields(_ record: inout MARCRecord, site: inout Site) {
        let ic = record.indicatorCount
        // Leader/11 = 0: fields have no subfields (plain ISO 2709, not MARC); only indicators apply.
        let noSubfields = record.subfieldCodeLength == 0
        // Fast pass: most records have nothing to report, and this pass allocates nothing.
        let clean = record.storage.withUnsafeBufferPointer { p in
            record.entries.allSatisfy {
                Self.isClean(p.baseAddress! + Int($0.start), Int($0.length), $0.tag, ic, noSubfields,
                    readable: p.count - Int($0.start))
            }
        }
        if clean { return }
        splitAtStrayTerminators(&record, site: &site)
        for index in record.entries.indices {
            let entry = record.entries[index]
            let tag = entry.tag
            let clean = record.storage.withUnsafeBufferPointer {
                Self.isClean($0.baseAddress! + Int(entry.start), Int(entry.length), tag, ic, noSubfields,
                    readable: $0.count - Int(entry.start))
            }
            if clean { continue }
            if !tag.isWellFormed {
                site.add(.warning, .badTag, "tag '\(tag)' is not three letters or digits", action: "kept as is",
                    at: Int(entry.start), tag: tag.description)
            }
            if tag.isControlField {
                if record.storage[entry.range].contains(Byte.subfieldDelimiter) {
                    site.add(.warning, .delimiterInControlField,
                        "control field holds a subfield delimiter (0x1F)", action: "kept as is",
                        at: firstDelimiter(record.storage, entry.range), tag: tag.description)
                }
                continue
            }
            if let repaired = checkDataField(record.storage, entry, indicatorCount: ic, noSubfields: noSubfields,
                site: &site)
            {
                record.replaceField(at: index, content: repaired)
            }
        }
    }

    /// True when a field needs no finding: a well-formed tag; for a control field no delimiter; for a
    /// data field legal indicators, then subfields each with a legal code. `readable` is how many
    /// bytes from `p` may be read (the rest of the record's storage): the checks read sixteen bytes at
    /// a time and mask off what lies beyond the field.
    @inline(__always)
    static func isClean(
        _ p: UnsafePointer<UInt8>, _ length: Int, _ tag: Tag, _ ic: Int, _ noSubfields: Bool = false, readable: Int
    ) -> Bool {
        guard tag.isWellFormed else { return false }
        if tag.isControlField { return !Byte.contains(Byte.fieldTerminator, or: Byte.subfieldDelimiter, p, length, readable: readable) }
        guard length >= ic else { return false }
        for i in 0..<ic where !isValidIndicator(p[i]) { return false }
        guard length > ic, !noSubfields else { return true }
        guard p[ic] == Byte.subfieldDelimiter else { return false }
        // The last byte can be neither terminator nor delimiter (a delimiter there has no code); before
        // it, no terminator, and every delimiter followed by a legal code.
        guard p[length - 1] & 0xFE != 0x1E else { return false }
        return subfieldsAreClean(p, from: ic, to: length - 1, readable: readable)
    }

    /// Among the bytes `p[from..<to]`: no 0x1E, and each 0x1F followed by a legal code (`p[to]` may be
    /// read as a code; it belongs to the field).
    @inline(__always)
    static func subfieldsAreClean(_ p: UnsafePointer<UInt8>, from: Int, to: Int, readable: Int) -> Bool {
        // The block at `i`: bytes i..<i+16, each with the byte after it (17 bytes read).
        @inline(__always) func bad(_ i: Int) -> SIMDMask<SIMD16<Int8>> {
            let at = UnsafeRawPointer(p + i)
            let x0 = at.loadUnaligned(as: SIMD16<UInt8>.self)
            let x1 = at.loadUnaligned(fromByteOffset: 1, as: SIMD16<UInt8>.self)
            let digit = (x1 .>= SIMD16<UInt8>(repeating: 0x30)) .& (x1 .<= SIMD16<UInt8>(repeating: 0x39))
            let lower = (x1 .>= SIMD16<UInt8>(repeating: 0x61)) .& (x1 .<= SIMD16<UInt8>(repeating: 0x7A))
            return (x0 .== SIMD16<UInt8>(repeating: 0x1E))
                .| ((x0 .== SIMD16<UInt8>(repeating: 0x1F)) .& .!(digit .| lower))
        }
        var i = from
        while i + 16 <= to {  // p[to] is part of the field: the 17th byte of the last full block
            if Byte.any(bad(i)) { return false }
            i += 16
        }
        guard i < to else { return true }
        if i + 17 <= readable { return !Byte.any(bad(i) .& Byte.lanes(below: to - i)) }
        while i < to {
            if p[i] == Byte.fieldTerminator { return false }
            if p[i] == Byte.subfieldDelimiter && !isValidCode(p[i + 1]) { return false }
            i += 1
        }
        return true
    }

    /// A field whose directory entry spans a field terminator holds two fields' data: each part
    /// becomes a field with the same tag, in place.
    private func splitAtStrayTerminators(_ record: inout MARCRecord, site: inout Site) {
        var rebuilt: [FieldEntry] = []
        var changed = false
        for entry in record.entries {
            let range = entry.range
            guard record.storage[range].contains(Byte.fieldTerminator) else {
                rebuilt.append(entry)
                continue
            }
            changed = true
            var from = range.lowerBound
            var parts = 0
            for i in range where record.storage[i] == Byte.fieldTerminator {
                rebuilt.append(FieldEntry(tag: entry.tag, start: from, length: i - from))
                from = i + 1
                parts += 1
            }
            rebuilt.append(FieldEntry(tag: entry.tag, start: from, length: range.upperBound - from))
            site.add(.warning, .fieldTerminatorInField,
                "field terminator inside the field", action: "read as \(parts + 1) fields with the same tag",
                at: record.storage[range].firstIndex(of: Byte.fieldTerminator)!, tag: entry.tag.description)
        }
        if changed { record.entries = rebuilt }
    }

    private func firstDelimiter(_ s: [UInt8], _ range: Range<Int>) -> Int {
        s[range].firstIndex(of: Byte.subfieldDelimiter) ?? range.lowerBound
    }

    @inline(__always)
    private static func isValidIndicator(_ b: UInt8) -> Bool {
        Byte.isDigit(b) || Byte.isLower(b) || b == Byte.space || b == Byte.verticalBar
    }

    @inline(__always)
    private static func isValidCode(_ b: UInt8) -> Bool { Byte.isDigit(b) || Byte.isLower(b) }

    /// Checks one data field; returns new content when a repair changed it.
    private func checkDataField(
        _ s: [UInt8], _ entry: FieldEntry, indicatorCount ic: Int, noSubfields: Bool, site: inout Site
    ) -> [UInt8]? {
        let range = entry.range
        let tagName = entry.tag.description
        var indicatorsEnd = range.lowerBound + ic
        var fixedIndicators: [UInt8]? = nil
        var body = range

        // Indicators: present, and legal.
        let firstDelim = s[range].firstIndex(of: Byte.subfieldDelimiter)
        if range.count < ic || (firstDelim.map { $0 < indicatorsEnd } ?? false) {
            let present = (firstDelim ?? range.upperBound) - range.lowerBound
            var ind = Array(s[range.lowerBound..<(range.lowerBound + min(present, ic))])
            ind.append(contentsOf: repeatElement(Byte.space, count: ic - ind.count))
            site.add(.warning, .missingIndicators,
                "data field has \(min(present, ic)) of \(ic) indicators", action: "missing indicators set to blank",
                at: range.lowerBound, tag: tagName)
            fixedIndicators = ind
            indicatorsEnd = range.lowerBound + min(present, ic)
        } else {
            for i in range.lowerBound..<indicatorsEnd where !Self.isValidIndicator(s[i]) {
                if fixedIndicators == nil { fixedIndicators = Array(s[range.lowerBound..<indicatorsEnd]) }
                fixedIndicators![i - range.lowerBound] = Byte.space
                site.add(.warning, .badIndicator,
                    "indicator \(i - range.lowerBound + 1) is '\(ASCII.escaped([s[i]]))'",
                    action: "set to blank", at: i, tag: tagName)
            }
        }
        body = indicatorsEnd..<range.upperBound

        // Subfields: the body starts with a delimiter; every delimiter is followed by a code.
        guard !body.isEmpty, !noSubfields else {
            guard let fixedIndicators else { return nil }
            return fixedIndicators + s[body]
        }
        if s[body.lowerBound] != Byte.subfieldDelimiter {
            let end = s[body].firstIndex(of: Byte.subfieldDelimiter) ?? body.upperBound
            site.add(.warning, .dataBeforeSubfield,
                "\(end - body.lowerBound) byte(s) before the first subfield delimiter "
                    + "(\(ASCII.escaped(s[body.lowerBound..<end], limit: 24)))",
                action: "kept as is", at: body.lowerBound, tag: tagName)
        }
        var emptyDelimiters: [Int] = []
        var i = body.lowerBound
        while i < body.upperBound {
            if s[i] == Byte.subfieldDelimiter {
                let next = i + 1
                if next == body.upperBound || s[next] == Byte.subfieldDelimiter {
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
