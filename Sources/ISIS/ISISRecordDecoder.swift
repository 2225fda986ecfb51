import MARCRecord

/// Turns the bytes of one master-file record into fields. Sans-IO: it is handed the record's bytes
/// (from its leader up to MFRL, or fewer when the file ends early) and the place they came from,
/// and reports each problem as a finding with MFN, byte offset and tag.
struct ISISRecordDecoder {
    let layout: ISISLayout
    let integers: ISISIntegers
    let fileName: String
    /// The layout's geometry, worked out once: `ISISLayout`'s properties are switches, and the
    /// directory loops below ask for them on every entry of every record.
    private let leaderSize: Int
    private let entrySize: Int
    private let positionOffset: Int
    private let lengthOffset: Int
    private let wideEntries: Bool

    init(format: ISISMasterFormat, fileName: String) {
        layout = format.layout
        integers = ISISIntegers(order: format.byteOrder)
        self.fileName = fileName
        leaderSize = layout.leaderSize
        entrySize = layout.entrySize
        positionOffset = layout.entryPositionOffset
        lengthOffset = layout.entryLengthOffset
        wideEntries = layout.isFFI
    }

    /// Directory entry `i` (its bytes are known to be inside `p`).
    @inline(__always)
    private func entry(_ p: UnsafeRawBufferPointer, _ i: Int) -> ISISDirectoryEntry {
        let at = leaderSize + i * entrySize
        let tag = Int(integers.u16(p, at))
        if wideEntries {
            return ISISDirectoryEntry(tag: tag, position: Int(integers.u32(p, at + positionOffset)),
                length: Int(integers.u32(p, at + lengthOffset)))
        }
        return ISISDirectoryEntry(tag: tag, position: Int(integers.u16(p, at + positionOffset)),
            length: Int(integers.u16(p, at + lengthOffset)))
    }

    /// The leader (when there was one to read) and the fields (`nil` when the record could not be
    /// read at all). A tuple, not a struct, so that the caller takes it apart without copying.
    typealias Outcome = (leader: ISISLeader?, fields: ISISRecord.Fields?)

    /// `p` starts at the record's leader; `fileOffset` is where that is in the master file.
    /// Findings are appended to `findings`. `leader`, when given, is the leader the caller already
    /// read from these bytes (so it is not decoded twice). The record's buffer is built in
    /// `storage`'s array when that is no longer shared (see `ISISRecord.Fields.init(reusing:…)`).
    func decode(_ p: UnsafeRawBufferPointer, leader known: ISISLeader? = nil, mfn: Int, fileOffset: Int64,
        findings: inout [Finding], storage: inout [UInt8]) -> Outcome
    {
        func finding(_ severity: Finding.Severity, _ code: FindingCode, _ message: String, action: String,
            at recordOffset: Int = 0, tag: Int? = nil) -> Finding
        {
            Finding(severity, code, message, action: action, file: fileName, recordNumber: mfn,
                streamOffset: fileOffset + Int64(recordOffset), recordOffset: recordOffset, tag: tag?.isisTag)
        }
        guard p.count >= layout.leaderSize else {
            findings.append(finding(.error, .isisRecordTruncated,
                "the master file ends \(p.count) byte(s) into the record's \(layout.leaderSize)-byte leader",
                action: "record skipped"))
            return (nil, nil)
        }
        let leader = known ?? ISISLeader(p, layout: layout, integers: integers)
        guard leader.mfn == mfn else {
            findings.append(finding(.error, .isisMFNMismatch,
                "the XRF points MFN \(mfn) to a record whose leader says MFN \(leader.mfn)",
                action: "record skipped"))
            return (leader, nil)
        }
        let length = leader.length
        guard length >= layout.leaderSize, length <= layout.maxRecordLength else {
            findings.append(finding(.error, .isisBadLeader,
                "record length (MFRL) \(leader.storedLength) is impossible for the \(layout.rawValue) layout",
                action: "record skipped", at: 4))
            return (leader, nil)
        }
        if leader.isLocked {
            findings.append(finding(.info, .isisLockedRecord,
                "record is locked for editing (negative MFRL \(leader.storedLength))", action: "read as stored",
                at: 4))
        }
        // Everything below is bounded by the record and by what the file holds.
        let limit = min(length, p.count)
        if p.count < length {
            findings.append(finding(.error, .isisRecordTruncated,
                "the master file ends \(p.count) byte(s) into this \(length)-byte record",
                action: "fields inside the file kept", at: p.count))
        }
        guard let (base, count) = directoryBounds(leader, limit: limit, p, report: { findings.append($0) },
            finding: finding)
        else { return (leader, nil) }

        // One pass over the directory: each field's bytes are decided (cut at the end of the
        // record, or dropped, with a finding) and its entry written straight into the record's
        // table. The record keeps the whole field area, BASE to the end of the record, copied at
        // once; positions count from BASE, so they index the copy as they are.
        var kept = 0
        let fields = ISISRecord.Fields(reusing: &storage, data: UnsafeRawBufferPointer(rebasing: p[base..<limit]),
            entryLimit: count)
        { table in
            for i in 0..<count {
                let e = entry(p, i)
                let start = base + e.position
                let end = start + e.length
                if end <= limit {
                    table.append(tag: e.tag, start: e.position, length: e.length)
                    kept += 1
                } else if start < limit {
                    findings.append(finding(.error, .isisFieldPastRecord,
                        "field runs \(end - limit) byte(s) past the end of the record (\(e.length) bytes at +\(start))",
                        action: "kept the \(limit - start) byte(s) inside the record", at: start, tag: e.tag))
                    table.append(tag: e.tag, start: e.position, length: limit - start)
                    kept += 1
                } else {
                    findings.append(finding(.error, .isisFieldPastRecord,
                        "field starts past the end of the record (\(e.length) bytes at +\(start), record \(limit))",
                        action: "field dropped", at: leaderSize + i * entrySize, tag: e.tag))
                }
            }
        }
        // A record the end of the file cut before any of its fields is not a record any more.
        if kept == 0 && count > 0 && p.count < length { return (leader, nil) }
        return (leader, fields)
    }

    /// BASE and the entry count to trust. CISIS refuses a record whose BASE is not leader + NVF ×
    /// entry; lenient reading takes whichever of the two describes a directory whose fields all lie
    /// inside the record, preferring the one whose fields follow each other without gaps.
    private func directoryBounds(
        _ leader: ISISLeader, limit: Int, _ p: UnsafeRawBufferPointer, report: (Finding) -> Void,
        finding: (Finding.Severity, FindingCode, String, String, Int, Int?) -> Finding
    ) -> (base: Int, count: Int)? {
        let fromNVF = layout.leaderSize + leader.fieldCount * layout.entrySize
        if leader.base == fromNVF {
            if fromNVF <= limit { return (fromNVF, leader.fieldCount) }
            report(finding(.error, .isisBadLeader,
                "the directory (\(leader.fieldCount) entries) runs past the record's \(limit) byte(s)",
                "record skipped", layout.nvfOffset, nil))
            return nil
        }
        let spare = leader.base - layout.leaderSize
        let fromBase = spare >= 0 && spare % layout.entrySize == 0 ? spare / layout.entrySize : nil
        let byNVF = score(base: fromNVF, count: leader.fieldCount, limit: limit, p)
        let byBase = fromBase.flatMap { score(base: leader.base, count: $0, limit: limit, p) }
        if let byNVF, byNVF >= (byBase ?? -1) {
            report(finding(.warning, .isisBaseMismatch,
                "BASE \(leader.base) is not leader + NVF × entry = \(fromNVF)",
                "fields read with BASE \(fromNVF), from the \(leader.fieldCount) entries NVF gives", layout.baseOffset,
                nil))
            return (fromNVF, leader.fieldCount)
        }
        if let fromBase, byBase != nil {
            report(finding(.warning, .isisBaseMismatch,
                "NVF \(leader.fieldCount) disagrees with BASE \(leader.base), which leaves room for \(fromBase) entries",
                "read the \(fromBase) entries BASE gives", layout.nvfOffset, nil))
            return (leader.base, fromBase)
        }
        report(finding(.error, .isisBaseMismatch,
            "BASE \(leader.base) and NVF \(leader.fieldCount) describe no directory whose fields lie inside the "
                + "\(limit)-byte record",
            "record skipped", layout.baseOffset, nil))
        return nil
    }

    /// `nil` unless every entry lies inside the record; else how many fields follow the previous one.
    private func score(base: Int, count: Int, limit: Int, _ p: UnsafeRawBufferPointer) -> Int? {
        guard base <= limit else { return nil }
        var score = 0
        var previousEnd = 0
        for i in 0..<count {
            let e = entry(p, i)
            guard base + e.position + e.length <= limit else { return nil }
            if e.position == previousEnd { score += 1 }
            previousEnd = e.position + e.length
        }
        return score
    }
}
