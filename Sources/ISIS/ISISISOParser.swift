import MARCRecord

/// Parses one ISIS ISO 2709 record (line breaks already removed) into an `ISISRecord`, by the
/// directory's lengths and never by splitting on `#`: `#` ends fields in most exports but also
/// occurs in data (`##^a…`, ABCD's blank indicators).
struct ISISISOParser {
    let fileName: String
    /// CISIS `isotag1`: when set, leader positions become one-byte fields `base + position` (5–8 and
    /// 17–19; 5, 9 and 17 in a MARC-mode record), as CISIS does on import.
    let leaderTagBase: Int?

    func parse(_ frame: ISISISOFramer.Frame, recordNumber: Int) -> (ISISRecord?, [Finding]) {
        var findings: [Finding] = []
        let d = frame.data
        func report(_ s: Finding.Severity, _ code: FindingCode, _ message: String, _ action: String, at i: Int,
            tag: String? = nil)
        {
            findings.append(Finding(s, code, message, action: action, file: fileName, recordNumber: recordNumber,
                streamOffset: frame.streamOffset(ofData: i), recordOffset: i, tag: tag))
        }
        if frame.truncated {
            report(.error, .isisISOTruncated, "input ends \(d.count) byte(s) into a record", "fields inside kept",
                at: d.count)
        }
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= d.count else { return nil }
            var v = 0
            for b in d[from..<from + count] {
                guard b &- 0x30 <= 9 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            return v
        }
        guard d.count >= 24, let base = digits(12, 5), base >= 24, base <= d.count else {
            report(.error, .isisISOBadLeader, "leader base address is missing or outside the record",
                "record skipped", at: 12, tag: "LDR")
            return (nil, findings)
        }
        if !ISISISOFramer.isTerminator(d.last) && !frame.truncated {
            report(.warning, .isisISOMissingTerminator,
                "record does not end with a record terminator (# or 0x1D) where its length says",
                "fields read by the directory", at: d.count - 1)
        }
        var lengthWidth = digits(20, 1) ?? 0
        var startWidth = digits(21, 1) ?? 0
        if lengthWidth == 0 || startWidth == 0 {
            report(.warning, .isisISOBadLeader, "entry map (leader/20–21) is not two non-zero digits",
                "read as 4 and 5", at: 20, tag: "LDR")
            (lengthWidth, startWidth) = (4, 5)
        }
        let entrySize = 3 + lengthWidth + startWidth
        let directoryEnd = base - 1
        // Entries point at the fields where they are in the frame; the record copies it once.
        var entries: [ISISFieldEntry] = []
        entries.reserveCapacity(max(0, (directoryEnd - 24) / entrySize) + 7)
        if let tagBase = leaderTagBase {
            let marc = d[10] == UInt8(ascii: "2") && d[11] == UInt8(ascii: "2")
            for position in marc ? [5, 9, 17] : [5, 6, 7, 8, 17, 18, 19] {
                entries.append(ISISFieldEntry(tag: tagBase + position, start: position, length: 1))
            }
        }
        if (directoryEnd - 24) % entrySize != 0 || !Self.isFieldTerminator(d[directoryEnd]) {
            report(.warning, .isisISOBadDirectory,
                "directory (\(directoryEnd - 24) bytes before the base address) is not whole \(entrySize)-byte "
                    + "entries followed by a field terminator",
                "whole entries read", at: directoryEnd, tag: "DIR")
        }
        var at = 24
        while at + entrySize <= directoryEnd {
            defer { at += entrySize }
            guard let tag = digits(at, 3) else {
                report(.error, .isisISOBadTag, "tag \(ASCII.escaped(d[at..<at + 3])) is not numeric (ISIS tags are)",
                    "field dropped", at: at, tag: "DIR")
                continue
            }
            guard let length = digits(at + 3, lengthWidth), let start = digits(at + 3 + lengthWidth, startWidth) else {
                report(.error, .isisISOBadDirectory, "directory entry has a non-numeric length or start",
                    "field dropped", at: at, tag: tag.isisTag)
                continue
            }
            let from = base + start
            var to = from + length
            if to > d.count {
                guard from < d.count else {
                    report(.error, .isisISOFieldPastRecord, "field starts past the end of the record",
                        "field dropped", at: at, tag: tag.isisTag)
                    continue
                }
                report(.error, .isisISOFieldPastRecord, "field runs \(to - d.count) byte(s) past the end of the record",
                    "kept the bytes inside the record", at: from, tag: tag.isisTag)
                to = d.count
            }
            if to > from && Self.isFieldTerminator(d[to - 1]) {
                to -= 1
            } else if !frame.truncated {
                report(.warning, .isisISOFieldTerminator, "field does not end with a field terminator",
                    "all \(to - from) byte(s) kept", at: max(from, to - 1), tag: tag.isisTag)
            }
            entries.append(ISISFieldEntry(tag: tag, start: from, length: to - from))
        }
        return (ISISRecord(mfn: recordNumber, status: .active, fields: .init(data: d, entries: entries)), findings)
    }

    static func isFieldTerminator(_ b: UInt8) -> Bool { b == UInt8(ascii: "#") || b == 0x1E }
}
