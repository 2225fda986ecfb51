import MARCRecord

/// Builds one record from the lines of a `.mrk` record, line by line, repairing and reporting as it goes.
///
/// Field contents are decoded straight into the record's storage; the leader, which may be missing, goes into
/// the 24 bytes reserved at its start.
struct MRKRecordBuilder {
    var site: RecordSite
    private var storage = [UInt8](repeating: TextByte.space, count: Leader.length)
    private var entries: [FieldEntry] = []
    private(set) var hasLeader = false
    /// Leader/09 is blank: LC's MARC-8 character names are decoded to MARC-8 bytes.
    private var marc8 = false
    private var scratch: [UInt8] = []

    /// Bytes and fields collected so far (the reader bounds them: `MARCTextLimits`).
    var byteCount: Int { storage.count }
    var fieldCount: Int { entries.count }

    init(site: RecordSite) {
        self.site = site
        storage.reserveCapacity(2048)
    }

    /// Offset from the record's start of byte `index` of a line that starts at `lineOffset`.
    private func at(_ lineOffset: Int64, _ column: Int) -> Int { Int(lineOffset - site.streamOffset) + column }

    // MARK: - Lines

    /// A line starting with `=`: the leader (`=LDR` or `=000`), a control field or a data field.
    mutating func addFieldLine(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, lineOffset: Int64, lineNumber: Int) {
        let start = range.lowerBound
        let end = range.upperBound
        guard end - start >= 4 else {
            let shown = ASCIIText.shown(UnsafeBufferPointer(start: p + start, count: end - start))
            site.add(.error, .mrkBadTag, "line \(lineNumber) (\"\(shown)\") has no tag", action: "line dropped",
                at: at(lineOffset, 0), tag: nil)
            return
        }
        let tag = Tag(p[start + 1], p[start + 2], p[start + 3])
        let isLeader = tag == Tag(0x4C, 0x44, 0x52) || tag == Tag(0x30, 0x30, 0x30)
        guard isLeader || tag.isWellFormed else {
            site.add(.error, .mrkBadTag, "tag '\(tag)' on line \(lineNumber) is not three letters or digits",
                action: "line dropped", at: at(lineOffset, 1), tag: tag.description)
            return
        }
        let data = dataStart(p, start + 4, end, lineOffset: lineOffset, lineNumber: lineNumber, tag: tag)
        if isLeader {
            addLeader(p, data..<end, lineOffset: lineOffset - Int64(start), lineNumber: lineNumber)
        } else if tag.isControlField {
            var unknown = MRKMnemonics.UnknownNames()
            let fieldStart = storage.count
            MRKMnemonics.decode(p, data..<end, context: .control, marc8: marc8, into: &storage, unknown: &unknown)
            entries.append(FieldEntry(tag: tag, start: fieldStart, length: storage.count - fieldStart))
            report(unknown, tag: tag, at: at(lineOffset, data - start))
        } else {
            addDataField(tag, p, data..<end, lineOffset: lineOffset - Int64(start), lineNumber: lineNumber)
        }
    }

    /// Where the data starts after the tag: after two blanks normally; one or none is accepted, reported.
    private mutating func dataStart(_ p: UnsafePointer<UInt8>, _ d: Int, _ end: Int, lineOffset: Int64,
        lineNumber: Int, tag: Tag) -> Int
    {
        guard d < end else { return d }
        if p[d] == TextByte.space && d + 1 < end && p[d + 1] == TextByte.space { return d + 2 }
        let found = p[d] == TextByte.space ? "one blank" : "no blank"
        site.add(.warning, .mrkTagSeparator, "\(found) after the tag on line \(lineNumber), where two belong",
            action: "data read from after the tag", at: at(lineOffset, 4), tag: tag.description)
        return p[d] == TextByte.space ? d + 1 : d
    }

    /// `lineOffset` here is the stream offset of `p[0]`, so `at(lineOffset, index)` works with absolute indices.
    private mutating func addLeader(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, lineOffset: Int64,
        lineNumber: Int)
    {
        var unknown = MRKMnemonics.UnknownNames()
        scratch.removeAll(keepingCapacity: true)
        MRKMnemonics.decode(p, range, context: .control, marc8: false, into: &scratch, unknown: &unknown)
        let offset = at(lineOffset, range.lowerBound)
        if scratch.count < Leader.length {
            site.add(.warning, .mrkBadLeader,
                "leader on line \(lineNumber) has \(scratch.count) bytes instead of 24 "
                    + "(\"\(ASCIIText.shown(scratch))\")", action: "padded with blanks to 24", at: offset, tag: "LDR")
        } else if scratch.count > Leader.length {
            let onlyBlanks = scratch[Leader.length...].allSatisfy { $0 == TextByte.space }
            site.add(onlyBlanks ? .info : .warning, .mrkBadLeader,
                "leader on line \(lineNumber) has \(scratch.count) bytes instead of 24"
                    + (onlyBlanks ? " (trailing blanks)" : " (\"\(ASCIIText.shown(scratch))\")"),
                action: "cut to 24", at: offset, tag: "LDR")
        }
        for i in 0..<Leader.length { storage[i] = i < scratch.count ? scratch[i] : TextByte.space }
        hasLeader = true
        marc8 = storage[9] == TextByte.space
    }

    /// Indicators, then the subfields. `lineOffset` is the stream offset of `p[0]`.
    private mutating func addDataField(_ tag: Tag, _ p: UnsafePointer<UInt8>, _ range: Range<Int>,
        lineOffset: Int64, lineNumber: Int)
    {
        let fieldStart = storage.count
        var k = range.lowerBound
        let end = range.upperBound
        var missing = 0
        var unknown = MRKMnemonics.UnknownNames()
        for which in 1...2 {
            guard k < end, p[k] != TextByte.dollar else {
                missing += 1
                storage.append(TextByte.space)
                continue
            }
            let b = p[k]
            if b == TextByte.backslash {
                storage.append(TextByte.space)
                k += 1
                continue
            }
            if b == TextByte.openBrace {
                scratch.removeAll(keepingCapacity: true)
                if let length = MRKMnemonics.decodeMnemonic(p, at: k, end: end, marc8: marc8, into: &scratch,
                    unknown: &unknown), scratch.count == 1
                {
                    storage.append(scratch[0])
                    k += length
                    continue
                }
            }
            if b < 0x80 {
                storage.append(b)
                k += 1
                continue
            }
            let n = max(TextByte.utf8SequenceLength(p, k, end), 1)
            let shown = ASCIIText.shown(UnsafeBufferPointer(start: p + k, count: n))
            site.add(.warning, .mrkMissingIndicators,
                "indicator \(which) on line \(lineNumber) is \"\(shown)\" (\(n) bytes), not one byte",
                action: "set to blank", at: at(lineOffset, k), tag: tag.description)
            storage.append(TextByte.space)
            k += n
        }
        if missing > 0 {
            site.add(.warning, .mrkMissingIndicators, "\(missing) indicator(s) missing on line \(lineNumber)",
                action: "set to blank", at: at(lineOffset, k), tag: tag.description)
        }
        let subfieldsStart = storage.count
        MRKMnemonics.decode(p, k..<end, context: .data, marc8: marc8, into: &storage, unknown: &unknown)
        if subfieldsStart < storage.count && storage[subfieldsStart] != TextByte.subfieldDelimiter {
            site.add(.warning, .mrkDataBeforeSubfield, "text before the first '$' on line \(lineNumber)",
                action: "kept as is", at: at(lineOffset, k), tag: tag.description)
        }
        removeCodelessDelimiters(from: subfieldsStart, tag: tag, lineNumber: lineNumber, at: at(lineOffset, k))
        entries.append(FieldEntry(tag: tag, start: fieldStart, length: storage.count - fieldStart))
        report(unknown, tag: tag, at: at(lineOffset, k))
    }

    /// Drops each delimiter followed by another delimiter or by the end of the field.
    private mutating func removeCodelessDelimiters(from start: Int, tag: Tag, lineNumber: Int, at offset: Int) {
        let clean = storage.withUnsafeBufferPointer { p in
            var i = start
            let end = p.count
            while i < end {
                if p[i] == TextByte.subfieldDelimiter && (i + 1 == end || p[i + 1] == TextByte.subfieldDelimiter) {
                    return false
                }
                i += 1
            }
            return true
        }
        guard !clean else { return }
        var removed = 0
        var write = start
        var read = start
        let end = storage.count
        while read < end {
            let b = storage[read]
            if b == TextByte.subfieldDelimiter && (read + 1 == end || storage[read + 1] == TextByte.subfieldDelimiter) {
                removed += 1
            } else {
                storage[write] = b
                write += 1
            }
            read += 1
        }
        guard removed > 0 else { return }
        storage.removeLast(end - write)
        site.add(.warning, .mrkEmptySubfieldCode, "\(removed) '$' without a subfield code on line \(lineNumber)",
            action: "delimiter removed", at: offset, tag: tag.description)
    }

    /// A line that does not start with `=`, inside a record: the rest of the field before it, wrapped (LC's
    /// MARCBreaker wrapped long lines), or the rest of a line cut at the length limit (`reported: false`, as
    /// the cut is reported already). `false` when there is no field to join it to.
    mutating func addContinuation(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, lineOffset: Int64,
        lineNumber: Int, reported: Bool = true) -> Bool
    {
        guard let last = entries.last, Int(last.start + last.length) == storage.count else { return false }
        var unknown = MRKMnemonics.UnknownNames()
        let context: MRKMnemonics.Context = last.tag.isControlField ? .control : .data
        MRKMnemonics.decode(p, range, context: context, marc8: marc8, into: &storage, unknown: &unknown)
        entries[entries.count - 1].length = Int32(storage.count - Int(last.start))
        guard reported else { return true }
        site.add(.warning, .mrkContinuationLine, "line \(lineNumber) does not start with '='",
            action: "joined to the field before it", at: at(lineOffset, 0), tag: last.tag.description)
        report(unknown, tag: last.tag, at: at(lineOffset, 0))
        return true
    }

    private mutating func report(_ unknown: MRKMnemonics.UnknownNames, tag: Tag, at offset: Int) {
        guard unknown.count > 0 else { return }
        let which = hasLeader && marc8 ? "" : " (LC's MARC-8 names are decoded only in MARC-8 records)"
        site.add(.info, .mrkUnknownMnemonic,
            "\(unknown.count) mnemonic(s) not known\(which): \(unknown.samples.joined(separator: " "))",
            action: "kept as text", at: offset, tag: tag.description)
    }

    // MARK: - Record

    /// The record, or `nil` when nothing in it could be kept (its findings are in `site` either way).
    mutating func finish() -> MARCRecord? {
        if !hasLeader {
            guard !entries.isEmpty else {
                site.add(.error, .mrkMissingLeader, "record has neither a leader nor a field that could be read",
                    action: "record skipped", at: 0, tag: nil)
                return nil
            }
            site.add(.warning, .mrkMissingLeader, "record has no leader",
                action: "blank leader used (length, counts, base address and entry map filled in)", at: 0, tag: "LDR")
            storage.replaceSubrange(0..<Leader.length, with: TextByte.blankLeader)
        }
        let record = MARCRecord(storage: storage, entries: entries)
        site.stamp(controlNumber: record.controlNumber)
        return record
    }
}
