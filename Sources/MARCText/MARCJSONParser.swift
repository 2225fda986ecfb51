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
        var work = RecordParse(cursor: JSONCursor(bytes),
            site: RecordSite(fileName: fileName, recordNumber: recordNumber, streamOffset: start.offset),
            key: key, scratch: scratch)
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

/// The state of parsing one record.
struct RecordParse {
    var cursor: JSONCursor
    var site: RecordSite
    var key: [UInt8]
    var scratch: [UInt8]
    var storage = [UInt8](repeating: TextByte.space, count: Leader.length)
    var entries: [FieldEntry] = []

    /// The blank leader a record without one gets: only the positions the structure fixes are filled.
    static let structuralLeader: [UInt8] = Array("00000     2200000   4500".utf8)

    init(cursor: JSONCursor, site: RecordSite, key: [UInt8], scratch: [UInt8]) {
        self.cursor = cursor
        self.site = site
        self.key = key
        self.scratch = scratch
    }

    mutating func parseRecord() throws(JSONSyntaxError) -> MARCRecord? {
        try cursor.expect(TextByte.openBrace, "'{'")
        var leader: [UInt8]?
        var leaderOffset = 0
        var sawLeader = false
        var sawFields = false
        var fieldsUsable = true
        if !cursor.consume(TextByte.closeBrace) {
            repeat {
                let keyOffset = try readKey()
                switch Keyword(key) {
                case .leader:
                    if sawLeader {
                        site.add(.warning, .jsonDuplicateKey, "second \"leader\"", action: "ignored; the first kept",
                            at: keyOffset, tag: "LDR")
                        try cursor.skipValue()
                        continue
                    }
                    sawLeader = true
                    leaderOffset = cursor.index
                    leader = try readLeader()
                case .fields:
                    if sawFields {
                        site.add(.warning, .jsonDuplicateKey, "second \"fields\"", action: "its fields appended",
                            at: keyOffset, tag: nil)
                    }
                    sawFields = true
                    if cursor.peek() == TextByte.openBracket {
                        try parseFields()
                    } else {
                        site.add(.error, .jsonBadFields, "\"fields\" is \(cursor.kindOfValue()), not an array",
                            action: "record skipped", at: cursor.index, tag: nil)
                        fieldsUsable = false
                        try cursor.skipValue()
                    }
                default:
                    site.add(.warning, .jsonUnknownKey, "unknown key \"\(ASCIIText.shown(key))\" in the record",
                        action: "ignored", at: keyOffset, tag: nil)
                    try cursor.skipValue()
                }
            } while cursor.consume(TextByte.comma)
            try cursor.expect(TextByte.closeBrace, "',' or '}'")
        }
        cursor.skipWhitespace()
        guard cursor.isAtEnd else { throw cursor.error("expected the end of the record") }
        guard fieldsUsable else { return nil }
        if !sawLeader && !sawFields {
            site.add(.error, .jsonMissingFields, "object has neither \"leader\" nor \"fields\": not a MARC-in-JSON record",
                action: "record skipped", at: 0, tag: nil)
            return nil
        }
        if !sawFields {
            site.add(.warning, .jsonMissingFields, "record has no \"fields\"", action: "read as a record without fields",
                at: 0, tag: nil)
        }
        placeLeader(leader, at: leaderOffset)
        return MARCRecord(storage: storage, entries: entries)
    }

    /// Reads an object key (with the `:` after it) into `key`; returns the key's offset.
    mutating func readKey() throws(JSONSyntaxError) -> Int {
        cursor.skipWhitespace()
        let offset = cursor.index
        key.removeAll(keepingCapacity: true)
        try cursor.readString(into: &key)
        reportStringNotes(tag: nil)
        try cursor.expect(TextByte.colon, "':'")
        cursor.skipWhitespace()
        return offset
    }

    // MARK: - Leader

    /// The leader's bytes, or `nil` (with a finding) when the value is not a string.
    private mutating func readLeader() throws(JSONSyntaxError) -> [UInt8]? {
        guard cursor.peek() == TextByte.quote else {
            site.add(.warning, .jsonBadLeader, "\"leader\" is \(cursor.kindOfValue()), not a string",
                action: "blank leader used", at: cursor.index, tag: "LDR")
            try cursor.skipValue()
            return nil
        }
        scratch.removeAll(keepingCapacity: true)
        try cursor.readString(into: &scratch)
        reportStringNotes(tag: "LDR")
        return scratch
    }

    /// Puts 24 leader bytes at the start of storage: the leader as read, blank-padded or cut to 24.
    private mutating func placeLeader(_ leader: [UInt8]?, at offset: Int) {
        guard let leader else {
            site.add(.warning, .jsonMissingLeader, "record has no leader",
                action: "blank leader used (length, counts, base address and entry map filled in)", at: 0, tag: "LDR")
            storage.replaceSubrange(0..<Leader.length, with: Self.structuralLeader)
            return
        }
        if leader.count != Leader.length {
            let action = leader.count < Leader.length ? "padded with blanks to 24" : "cut to 24"
            site.add(.warning, .jsonBadLeader,
                "leader has \(leader.count) bytes instead of 24 (\"\(ASCIIText.shown(leader))\")",
                action: action, at: offset, tag: "LDR")
        }
        for i in 0..<min(leader.count, Leader.length) { storage[i] = leader[i] }
    }

    // MARK: - String notes

    /// Turns what the cursor repaired inside the last string into findings.
    mutating func reportStringNotes(tag: String?) {
        guard !cursor.notes.isEmpty else { return }
        for note in cursor.notes {
            let shown = ASCIIText.shown(note.bytes)
            switch note.kind {
            case .badEscape:
                site.add(.warning, .jsonBadEscape, "escape \"\(shown)\" is not JSON", action: "kept as written",
                    at: note.offset, tag: tag)
            case .loneSurrogate:
                site.add(.warning, .jsonLoneSurrogate, "\(shown) is half of a surrogate pair", action: "U+FFFD used",
                    at: note.offset, tag: tag)
            case .rawControlCharacter:
                site.add(.warning, .jsonRawControlCharacter, "unescaped control byte \(shown) in a string",
                    action: "kept", at: note.offset, tag: tag)
            }
        }
        cursor.notes.removeAll(keepingCapacity: true)
    }
}

/// The keys MARC-in-JSON defines, matched on bytes.
enum Keyword {
    case leader, fields, ind1, ind2, subfields, other

    init(_ bytes: [UInt8]) {
        switch bytes.count {
        case 4 where bytes.elementsEqual("ind1".utf8): self = .ind1
        case 4 where bytes.elementsEqual("ind2".utf8): self = .ind2
        case 6 where bytes.elementsEqual("leader".utf8): self = .leader
        case 6 where bytes.elementsEqual("fields".utf8): self = .fields
        case 9 where bytes.elementsEqual("subfields".utf8): self = .subfields
        default: self = .other
        }
    }
}
