import MARCRecord

/// Turns the bytes of one MARC-in-JSON record object into a record, repairing what can be repaired and
/// reporting every repair as a finding. It never throws: a syntax error skips the record with a finding,
/// and strictness is the reader's decision.
///
/// Decoded string contents go straight into the record's storage: `storage` starts with 24 bytes for the
/// leader (filled in at the end, since keys may come in any order) and every field's content is appended
/// after them as it is read.
struct MARCJSONParser {
    var fileName: String?
    /// Scratch buffers kept between records so reading a record allocates only its own storage.
    private var key: [UInt8] = []
    private var scratch: [UInt8] = []

    init(fileName: String?) {
        self.fileName = fileName
    }

    /// Parses one record object. `syntaxAction` says what a syntax error costs (the record, or the rest of
    /// the document).
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, start: JSONFramer.Position, recordNumber: Int,
        syntaxAction: String) -> (record: MARCRecord?, findings: [Finding])
    {
        var work = JSONRecordParse(cursor: JSONCursor(bytes),
            site: RecordSite(fileName: fileName, recordNumber: recordNumber, streamOffset: start.offset),
            key: key, scratch: scratch)
        // Leave empty buffers here so the handed-over ones stay uniquely referenced and are reused in place
        // rather than copied on first write.
        (key, scratch) = ([], [])
        work.storage.reserveCapacity(bytes.count)
        defer {
            key = work.key
            scratch = work.scratch
        }
        do {
            let record = try work.parseRecord()
            work.site.stamp(controlNumber: record?.controlNumber)
            return (record, work.site.findings)
        } catch {
            let (line, column) = Self.lineAndColumn(of: error.offset, in: bytes, start: start)
            var site = RecordSite(fileName: fileName, recordNumber: recordNumber, streamOffset: start.offset)
            site.add(.error, .jsonSyntax, "malformed JSON at line \(line), column \(column): \(error.message)",
                action: syntaxAction, at: error.offset, tag: nil)
            return (nil, site.findings)
        }
    }

    /// Line and column of a byte of the record, counted from the record's own position in the stream.
    static func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, start: JSONFramer.Position)
        -> (Int, Int)
    {
        var line = start.line
        var column = start.column
        for i in 0..<min(offset, bytes.count) {
            if bytes[i] == TextByte.lineFeed {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}

/// The keys MARC-in-JSON defines, matched on bytes. `ind3`…`ind9` are yaz's extension for records whose
/// leader/10 gives more than two indicators.
enum Keyword: Equatable {
    case leader, fields, subfields, other
    case indicator(Int)

    init(_ bytes: [UInt8]) {
        /// Whether the key starts with `word` (its first byte is already known to match).
        @inline(__always) func matches(_ word: StaticString) -> Bool {
            let w = word.utf8Start
            for i in 1..<word.utf8CodeUnitCount where bytes[i] != w[i] { return false }
            return true
        }
        switch (bytes.count, bytes.first) {
        case (4, UInt8(ascii: "i")) where bytes[3] &- 0x31 < 9 && matches("ind"):
            self = .indicator(Int(bytes[3] - 0x30))
        case (6, UInt8(ascii: "l")) where matches("leader"): self = .leader
        case (6, UInt8(ascii: "f")) where matches("fields"): self = .fields
        case (9, UInt8(ascii: "s")) where matches("subfields"): self = .subfields
        default: self = .other
        }
    }
}
