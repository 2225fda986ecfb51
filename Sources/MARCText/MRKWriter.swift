public import KatalogIO
public import MARCRecord

/// Writes records as MARCBreaker text (`.mrk`), one line per field and a blank line after each record:
///
/// ```
/// =LDR  00000nam\\2200000\a\4500
/// =001  kat00001
/// =245  10$aTitle /$cAuthor.
/// ```
///
/// Blanks in the leader, control fields and indicators are written `\`; `$`, `\` and braces in the data as
/// `{dollar}`, `{bsol}`, `{lcub}`, `{rcub}`; control bytes and bytes that are not UTF-8 as `{XX}` (or, in a
/// MARC-8 record, LC's name for the character). `MRKMnemonics` has the whole convention; `MRKReader` reads
/// every record this writer writes back to the same bytes.
public struct MRKWriter: RecordWriter {
    public enum LineEnding: Sendable {
        /// `\n`, as on Unix.
        case lf
        /// `\r\n`, as MarcEdit writes on Windows.
        case crlf
    }

    private let output: OutputFile
    private let lineEnding: LineEnding
    private var buffer: [UInt8] = []
    public private(set) var recordsWritten = 0

    public init(output: OutputFile, lineEnding: LineEnding = .lf) {
        self.output = output
        self.lineEnding = lineEnding
        buffer.reserveCapacity(1 << 16)
    }

    public mutating func write(_ record: MARCRecord) throws -> [Finding] {
        var out = buffer
        buffer = []
        out.removeAll(keepingCapacity: true)
        var findings: [Finding] = []
        let marc8 = record.leaderByte(9) == TextByte.space
        let leaderTag = Tag(0x4C, 0x44, 0x52)
        let zeroTag = Tag(0x30, 0x30, 0x30)
        record.storage.withUnsafeBufferPointer { storage in
            let p = storage.baseAddress!
            out.append(contentsOf: "=LDR  ".utf8)
            // The reader decodes the leader before it knows leader/09, so no MARC-8 names here.
            MRKMnemonics.encode(p, 0..<Leader.length, context: .control, marc8: false, into: &out)
            endLine(&out)
            for entry in record.entries {
                let tag = entry.tag
                guard tag.isWellFormed, tag != leaderTag, tag != zeroTag else {
                    findings.append(Finding(.error, .mrkUnwritableTag,
                        "tag '\(tag)' cannot stand on a .mrk line (it must be three letters or digits, not LDR or 000)",
                        action: "field not written", tag: tag.description))
                    continue
                }
                out.append(TextByte.equals)
                out.append(contentsOf: tag.bytes)
                out.append(TextByte.space)
                out.append(TextByte.space)
                let range = entry.range
                if tag.isControlField {
                    MRKMnemonics.encode(p, range, context: .control, marc8: marc8, into: &out)
                } else {
                    if range.count < 2 {
                        findings.append(Finding(.warning, .mrkMissingIndicators,
                            "data field of \(range.count) byte(s) has no room for two indicators",
                            action: "blank written", tag: tag.description))
                    }
                    for k in 0..<2 {
                        let b = k < range.count ? p[range.lowerBound + k] : TextByte.space
                        MRKMnemonics.encodeIndicator(b, marc8: marc8, into: &out)
                    }
                    let rest = min(range.lowerBound + 2, range.upperBound)..<range.upperBound
                    MRKMnemonics.encode(p, rest, context: .data, marc8: marc8, into: &out)
                }
                endLine(&out)
            }
            endLine(&out)
        }
        try output.write(out)
        buffer = out
        recordsWritten += 1
        return findings
    }

    public mutating func finish() throws { try output.flush() }

    private func endLine(_ out: inout [UInt8]) {
        if lineEnding == .crlf { out.append(TextByte.carriageReturn) }
        out.append(TextByte.lineFeed)
    }
}
