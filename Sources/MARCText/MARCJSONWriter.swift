public import KatalogIO
public import MARCRecord

/// Writes records as MARC-in-JSON, one object per line (NDJSON), keys in the order pymarc, yaz and MARC4J
/// use: `{"leader":"…","fields":[{"001":"…"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"…"}]}}]}`.
///
/// Each record is formatted into a reused buffer straight from the record's bytes (no `String`, no
/// encoder) and handed to the output in one write. JSON must be UTF-8: bytes that are not (a MARC-8 record,
/// a damaged one) are written as U+FFFD and reported per field.
public struct MARCJSONWriter: RecordWriter {
    private let output: OutputFile
    private var buffer: [UInt8] = []
    public private(set) var recordsWritten = 0

    public init(output: OutputFile) {
        self.output = output
        buffer.reserveCapacity(1 << 16)
    }

    public mutating func write(_ record: MARCRecord) throws -> [Finding] {
        buffer.removeAll(keepingCapacity: true)
        var findings: [Finding] = []
        let codeLength = max(record.subfieldCodeLength, 1) - 1
        // Two indicators as MARC-in-JSON defines them; more (`ind3`…) when the leader says so, as yaz does.
        let indicators = (1...9).contains(record.indicatorCount) ? max(record.indicatorCount, 2) : 2
        record.storage.withUnsafeBufferPointer { storage in
            let p = storage.baseAddress!
            var out = JSONOut(buffer: buffer)
            buffer = []
            defer { buffer = out.buffer }
            out.literal("{\"leader\":\"")
            let leaderInvalid = out.escaped(p, 0..<Leader.length)
            JSONOut.note(leaderInvalid, tag: "LDR", into: &findings)
            out.literal("\",\"fields\":[")
            for (n, entry) in record.entries.enumerated() {
                if n > 0 { out.byte(TextByte.comma) }
                let tag = entry.tag
                withUnsafeBytes(of: entry.tag.rawValue.bigEndian) { raw in
                    let t = raw.bindMemory(to: UInt8.self).baseAddress!
                    out.literal("{\"")
                    let tagInvalid = out.escaped(t, 1..<4)
                    JSONOut.note(tagInvalid, tag: tag.description, into: &findings)
                    out.literal("\":")
                }
                let range = entry.range
                if entry.tag.isControlField && !Self.looksLikeDataField(p, range, indicators: indicators) {
                    out.byte(TextByte.quote)
                    let invalid = out.escaped(p, range)
                    JSONOut.note(invalid, tag: tag.description, into: &findings)
                    out.literal("\"}")
                } else {
                    out.dataField(p, range, indicators: indicators, codeLength: codeLength, tag: tag,
                        findings: &findings)
                    out.byte(TextByte.closeBrace)
                }
            }
            out.literal("]}\n")
        }
        try output.write(buffer)
        recordsWritten += 1
        return findings
    }

    public mutating func finish() throws { try output.flush() }

    /// A `00X` field whose indicators are followed by a subfield delimiter is written as a data field, as yaz
    /// does: danMARC2 gives 001–009 indicators and subfields. (LC's 001s that end with a stray 0x1F do not have
    /// it right after the first two or three bytes, so they stay control fields.)
    static func looksLikeDataField(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, indicators: Int) -> Bool {
        range.count > indicators && p[range.lowerBound + indicators] == TextByte.subfieldDelimiter
    }
}

/// The byte-level formatting of one record.
struct JSONOut {
    var buffer: [UInt8]

    @inline(__always) mutating func byte(_ b: UInt8) { buffer.append(b) }

    @inline(__always) mutating func literal(_ s: StaticString) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// `{"ind1":"…","ind2":"…","subfields":[…]}` from a data field's content. Subfields are split as
    /// `Field.subfields` splits them: bytes before the first delimiter belong to none and are not written.
    mutating func dataField(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, indicators: Int, codeLength: Int,
        tag: Tag, findings: inout [Finding])
    {
        let end = range.upperBound
        if range.count < indicators {
            findings.append(Finding(.warning, .jsonMissingIndicators,
                "data field of \(range.count) byte(s) has no room for \(indicators) indicators",
                action: "blank written", tag: tag.description))
        }
        var invalid = 0
        for n in 1...indicators {
            literal(n == 1 ? "{\"ind" : "\",\"ind")
            byte(0x30 + UInt8(n))
            literal("\":\"")
            let at = range.lowerBound + n - 1
            if at < end { invalid += escaped(p, at..<(at + 1)) } else { byte(TextByte.space) }
        }
        literal("\",\"subfields\":[")
        var i = min(range.lowerBound + indicators, end)
        let firstDelimiter = Self.nextDelimiter(p, from: i, end: end)
        if firstDelimiter > i {
            let loose = UnsafeBufferPointer(start: p + i, count: firstDelimiter - i)
            findings.append(Finding(.error, .jsonUnwritableBytes,
                "\(loose.count) byte(s) before the first subfield (\"\(ASCIIText.shown(loose))\")",
                action: "not written", tag: tag.description))
        }
        i = firstDelimiter
        var first = true
        var codeless = 0
        while i < end {
            let codeStart = i + 1
            let codeEnd = min(codeStart + codeLength, end)
            let valueEnd = Self.nextDelimiter(p, from: codeEnd, end: end)
            if codeEnd == codeStart {
                codeless += 1
            } else {
                if !first { byte(TextByte.comma) }
                first = false
                literal("{\"")
                invalid += escaped(p, codeStart..<codeEnd)
                literal("\":\"")
                invalid += escaped(p, codeEnd..<valueEnd)
                literal("\"}")
            }
            i = valueEnd
        }
        literal("]}")
        if codeless > 0 {
            findings.append(Finding(.warning, .jsonUnwritableBytes, "\(codeless) subfield delimiter(s) without a code",
                action: "not written", tag: tag.description))
        }
        Self.note(invalid, tag: tag.description, into: &findings)
    }

    @inline(__always)
    static func nextDelimiter(_ p: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        var i = start
        while i < end && p[i] != TextByte.subfieldDelimiter { i += 1 }
        return i
    }

    /// Reports bytes that were not UTF-8.
    static func note(_ invalid: Int, tag: @autoclosure () -> String, into findings: inout [Finding]) {
        guard invalid > 0 else { return }
        findings.append(Finding(.warning, .jsonInvalidUTF8, "\(invalid) byte(s) that are not UTF-8",
            action: "written as U+FFFD", tag: tag()))
    }

    /// Appends bytes as JSON string content: `"`, `\` and control bytes escaped, valid UTF-8 as it is, every
    /// other byte as U+FFFD. Returns how many bytes were replaced.
    mutating func escaped(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int {
        var invalid = 0
        var run = range.lowerBound
        var i = run
        let end = range.upperBound
        while i < end {
            let b = p[i]
            if b >= 0x20 && b < 0x80 && b != TextByte.quote && b != TextByte.backslash {
                i += 1
                continue
            }
            if b >= 0x80 {
                let n = TextByte.utf8SequenceLength(p, i, end)
                if n > 0 {
                    i += n
                    continue
                }
            }
            if i > run { buffer.append(contentsOf: UnsafeBufferPointer(start: p + run, count: i - run)) }
            switch b {
            case TextByte.quote, TextByte.backslash:
                buffer.append(TextByte.backslash)
                buffer.append(b)
            case 0x08: literal("\\b")
            case 0x0C: literal("\\f")
            case 0x0A: literal("\\n")
            case 0x0D: literal("\\r")
            case 0x09: literal("\\t")
            case 0..<0x20:
                literal("\\u00")
                buffer.append(Self.lowerHex[Int(b >> 4)])
                buffer.append(Self.lowerHex[Int(b & 0xF)])
            default:
                buffer.append(contentsOf: TextByte.replacementCharacter)
                invalid += 1
            }
            i += 1
            run = i
        }
        if end > run { buffer.append(contentsOf: UnsafeBufferPointer(start: p + run, count: end - run)) }
        return invalid
    }

    static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)
}
