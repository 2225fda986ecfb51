import MARCRecord

/// The state of parsing one MARC-in-JSON record object: the cursor over its bytes, the record being built
/// and the findings met so far.
struct JSONRecordParse {
    var cursor: JSONCursor
    var site: RecordSite
    var key: [UInt8]
    var scratch: [UInt8]
    var storage = [UInt8](repeating: TextByte.space, count: Leader.length)
    var entries: [FieldEntry] = []

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
            site.add(.error, .jsonMissingFields,
                "object has neither \"leader\" nor \"fields\": not a MARC-in-JSON record", action: "record skipped",
                at: 0, tag: nil)
            return nil
        }
        if !sawFields {
            site.add(.warning, .jsonMissingFields, "record has no \"fields\"",
                action: "read as a record without fields", at: 0, tag: nil)
        }
        placeLeader(leader, at: leaderOffset)
        return MARCRecord(storage: storage, entries: entries, indicatorCount: Self.count(storage[10]),
            subfieldCodeLength: Self.count(storage[11]))
    }

    /// Leader/10 or /11 as a count: a digit 1–9, else the MARC 21 value 2.
    static func count(_ b: UInt8) -> Int { b &- 0x31 < 9 ? Int(b - 0x30) : 2 }

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
            storage.replaceSubrange(0..<Leader.length, with: TextByte.blankLeader)
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
    /// The tag is an autoclosure: most strings have no notes, and a tag's text is not worth making for them.
    mutating func reportStringNotes(tag makeTag: @autoclosure () -> String?) {
        guard !cursor.notes.isEmpty else { return }
        let tag = makeTag()
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
            case .structureByte:
                let role = switch note.bytes.first {
                case 0x1D: "the record terminator"
                case 0x1E: "the field terminator"
                default: "the subfield delimiter"
                }
                site.add(.warning, .jsonStructureByte, "\(shown) (\(role)) in a string",
                    action: "kept (in a subfield value it starts another subfield)", at: note.offset, tag: tag)
            }
        }
        cursor.notes.removeAll(keepingCapacity: true)
    }
}
