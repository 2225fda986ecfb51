public import KatalogIO
public import MARCRecord

/// Writes records as a MARCXML `<collection>` in the MARC 21 slim namespace, one record at a time.
///
/// The output is well-formed whatever the bytes: see `XMLTextEscaper` for what XML cannot carry and
/// what happens to it (each such byte is a finding naming the tag and the byte's offset in the field).
public struct MARCXMLWriter: RecordWriter {
    private let output: OutputFile
    private var started = false
    private let buffer = ScratchBuffer()
    private var scratch: UnsafeMutablePointer<UInt8> { buffer.pointer }
    private var problems: [XMLTextEscaper.Problem] = []
    public private(set) var recordsWritten = 0

    public init(output: OutputFile) {
        self.output = output
    }

    private static let header = Array(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n".utf8)
    private static let footer = Array("</collection>\n".utf8)

    public mutating func write(_ record: MARCRecord) throws -> [Finding] {
        if !started {
            try output.write(Self.header)
            started = true
        }
        var bound = 256 + XMLTextEscaper.bound(Leader.length)
        for e in record.entries { bound += 128 + Int(e.length) * 40 }
        buffer.reserve(bound)
        var findings: [Finding] = []
        let written = record.storage.withUnsafeBufferPointer { s in
            format(record, s.baseAddress!, &findings)
        }
        try output.write(UnsafeRawBufferPointer(start: scratch, count: written))
        recordsWritten += 1
        return findings
    }

    public mutating func finish() throws {
        if !started { try output.write(Self.header) }
        try output.write(Self.footer)
        started = true
        try output.flush()
    }

    // MARK: - Formatting

    private mutating func format(_ record: MARCRecord, _ s: UnsafePointer<UInt8>, _ findings: inout [Finding]) -> Int {
        var o = 0
        put("<record>\n  <leader>", &o)
        text(s, Leader.length, &o, tag: nil, &findings)
        put("</leader>\n", &o)
        for e in record.entries {
            let p = s + Int(e.start)
            let n = Int(e.length)
            let tag = e.tag
            if tag.isControlField {
                put("  <controlfield tag=\"", &o)
                tagText(tag, &o, &findings)
                put("\">", &o)
                text(p, n, &o, tag: tag, &findings)
                put("</controlfield>\n", &o)
                continue
            }
            put("  <datafield tag=\"", &o)
            tagText(tag, &o, &findings)
            put("\" ind1=\"", &o)
            indicator(n > 0 ? p[0] : ASCII.space, &o, tag, &findings)
            put("\" ind2=\"", &o)
            indicator(n > 1 ? p[1] : ASCII.space, &o, tag, &findings)
            put("\">\n", &o)
            var i = min(2, n)
            // Bytes before the first delimiter belong to no subfield; MARCXML has no place for them.
            var firstDelimiter = i
            while firstDelimiter < n && p[firstDelimiter] != subfieldDelimiter { firstDelimiter += 1 }
            if firstDelimiter > i {
                findings.append(Finding(.error, .xmlIllegalCharacter,
                    "\(firstDelimiter - i) byte(s) before the first subfield delimiter have no subfield code",
                    action: "not written", recordOffset: i, tag: tag.description))
                i = firstDelimiter
            }
            while i < n {
                // p[i] is a delimiter.
                var end = i + 1
                while end < n && p[end] != subfieldDelimiter { end += 1 }
                if end == i + 1 {
                    i = end
                    continue  // a delimiter with no code: nothing to write
                }
                put("    <subfield code=\"", &o)
                text(p + i + 1, 1, &o, tag: tag, &findings, base: i + 1)
                put("\">", &o)
                text(p + i + 2, end - i - 2, &o, tag: tag, &findings, base: i + 2)
                put("</subfield>\n", &o)
                i = end
            }
            put("  </datafield>\n", &o)
        }
        put("</record>\n", &o)
        return o
    }

    @inline(__always)
    private func put(_ literal: StaticString, _ o: inout Int) {
        (scratch + o).update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        o += literal.utf8CodeUnitCount
    }

    @inline(__always)
    private mutating func text(_ p: UnsafePointer<UInt8>, _ n: Int, _ o: inout Int, tag: Tag?,
        _ findings: inout [Finding], base: Int = 0)
    {
        o += XMLTextEscaper.escape(p, n, into: scratch + o, problems: &problems)
        guard !problems.isEmpty else { return }
        let tag = tag?.description ?? "LDR"
        for problem in problems {
            let hex = "0x" + String(problem.byte, radix: 16, uppercase: true).leftPadded(to: 2, with: "0")
            findings.append(problem.replaced
                ? Finding(.warning, .xmlInvalidUTF8, "byte \(hex) at byte \(base + problem.offset) of the field is not UTF-8",
                    action: "written as U+FFFD", recordOffset: base + problem.offset, tag: tag)
                : Finding(.warning, .xmlIllegalCharacter,
                    "byte \(hex) at byte \(base + problem.offset) of the field cannot appear in XML 1.0",
                    action: "dropped", recordOffset: base + problem.offset, tag: tag))
        }
        problems.removeAll(keepingCapacity: true)
    }

    private mutating func tagText(_ tag: Tag, _ o: inout Int, _ findings: inout [Finding]) {
        withUnsafeBytes(of: (tag.byte(0), tag.byte(1), tag.byte(2))) { raw in
            text(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), 3, &o, tag: tag, &findings)
        }
    }

    private mutating func indicator(_ b: UInt8, _ o: inout Int, _ tag: Tag, _ findings: inout [Finding]) {
        if b < 0x20 || b >= 0x80 {
            findings.append(Finding(.warning, .xmlIllegalCharacter,
                "indicator byte 0x\(String(b, radix: 16, uppercase: true)) cannot be written", action: "written as blank",
                tag: tag.description))
            scratch[o] = ASCII.space
            o += 1
            return
        }
        var one = b
        text(&one, 1, &o, tag: tag, &findings)
    }
}

/// A growable byte buffer owned by the writer, freed with it.
final class ScratchBuffer {
    private(set) var pointer: UnsafeMutablePointer<UInt8>
    private var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        pointer = .allocate(capacity: capacity)
    }

    func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = max(count, capacity * 2)
        pointer = .allocate(capacity: capacity)
    }

    deinit { pointer.deallocate() }
}
