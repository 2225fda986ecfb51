import MARCRecord

/// Fields, indicators and subfields of a MARC-in-JSON record:
/// `[{"001":"…"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"…"}]}}]`, keys in any order.
extension JSONRecordParse {
    /// The `fields` array (the cursor is on its `[`).
    mutating func parseFields() throws(JSONSyntaxError) {
        try cursor.expect(TextByte.openBracket, "'['")
        if cursor.consume(TextByte.closeBracket) { return }
        repeat {
            cursor.skipWhitespace()
            if cursor.peek() == TextByte.openBrace {
                try parseFieldObject()
            } else {
                site.add(.error, .jsonBadField, "field entry is \(cursor.kindOfValue()), not an object",
                    action: "dropped", at: cursor.index, tag: nil)
                try cursor.skipValue()
            }
        } while cursor.consume(TextByte.comma)
        try cursor.expect(TextByte.closeBracket, "',' or ']'")
    }

    /// One `{"TAG": value}` object; several keys are read as several fields.
    private mutating func parseFieldObject() throws(JSONSyntaxError) {
        let objectOffset = cursor.index
        try cursor.expect(TextByte.openBrace, "'{'")
        if cursor.consume(TextByte.closeBrace) {
            site.add(.error, .jsonBadField, "empty field object", action: "dropped", at: objectOffset, tag: nil)
            return
        }
        var count = 0
        repeat {
            let keyOffset = try readKey()
            count += 1
            if count == 2 {
                site.add(.warning, .jsonSeveralFieldsInOne, "field object holds more than one tag",
                    action: "each read as a field", at: keyOffset, tag: nil)
            }
            guard key.count == 3 else {
                site.add(.error, .jsonBadTag, "tag \"\(ASCIIText.shown(key))\" has \(key.count) bytes, not 3",
                    action: "field dropped", at: keyOffset, tag: nil)
                try cursor.skipValue()
                continue
            }
            let tag = Tag(key[0], key[1], key[2])
            if !tag.isWellFormed {
                site.add(.warning, .jsonBadTag, "tag '\(tag)' is not three letters or digits", action: "kept as is",
                    at: keyOffset, tag: tag.description)
            }
            try parseFieldValue(tag, at: keyOffset)
        } while cursor.consume(TextByte.comma)
        try cursor.expect(TextByte.closeBrace, "',' or '}'")
    }

    private mutating func parseFieldValue(_ tag: Tag, at keyOffset: Int) throws(JSONSyntaxError) {
        let valueOffset = cursor.index
        let start = storage.count
        switch cursor.peek() {
        case TextByte.quote:
            try cursor.readString(into: &storage)
            reportStringNotes(tag: tag.description)
            if !tag.isControlField {
                site.add(.warning, .jsonFieldKindMismatch,
                    "data field holds a plain string, not indicators and subfields", action: "kept as its content",
                    at: valueOffset, tag: tag.description)
            }
        case TextByte.openBrace:
            try parseDataField(tag)
            if tag.isControlField {
                site.add(.warning, .jsonFieldKindMismatch, "control field holds indicators and subfields",
                    action: "kept as a data field", at: valueOffset, tag: tag.description)
            }
        case TextByte.openBracket:
            site.add(.error, .jsonBadField, "field value is an array", action: "field dropped", at: valueOffset,
                tag: tag.description)
            try cursor.skipValue()
            return
        default:
            let kind = cursor.kindOfValue()
            let isText = try cursor.readScalar(into: &storage)
            site.add(.warning, .jsonNonStringValue, "field value is \(kind), not a string",
                action: isText ? "its text kept" : "kept as an empty field", at: valueOffset, tag: tag.description)
        }
        entries.append(FieldEntry(tag: tag, start: start, length: storage.count - start))
    }

    // MARK: - Data fields

    /// `{"ind1": …, "ind2": …, "subfields": […]}`. The indicators go first in the content, so two blanks are
    /// reserved for them and overwritten when the keys arrive (pymarc writes `subfields` first); yaz's `ind3`…
    /// widen the reservation.
    private mutating func parseDataField(_ tag: Tag) throws(JSONSyntaxError) {
        let objectOffset = cursor.index
        let start = storage.count
        var reserved = 2
        storage.append(TextByte.space)
        storage.append(TextByte.space)
        var seenIndicators: UInt16 = 0
        var seenSubfields = false
        try cursor.expect(TextByte.openBrace, "'{'")
        if !cursor.consume(TextByte.closeBrace) {
            repeat {
                let keyOffset = try readKey()
                switch Keyword(key) {
                case .indicator(let n):
                    if seenIndicators & (1 << n) != 0 {
                        site.add(.warning, .jsonDuplicateKey, "second \"ind\(n)\"", action: "ignored; the first kept",
                            at: keyOffset, tag: tag.description)
                        try cursor.skipValue()
                        continue
                    }
                    seenIndicators |= 1 << n
                    if n > reserved {
                        storage.insert(contentsOf: repeatElement(TextByte.space, count: n - reserved),
                            at: start + reserved)
                        reserved = n
                    }
                    storage[start + n - 1] = try readIndicator(n, tag: tag)
                case .subfields:
                    if seenSubfields {
                        site.add(.warning, .jsonDuplicateKey, "second \"subfields\"", action: "its subfields appended",
                            at: keyOffset, tag: tag.description)
                    }
                    seenSubfields = true
                    if cursor.peek() == TextByte.openBracket {
                        try parseSubfields(tag)
                    } else {
                        site.add(.error, .jsonBadSubfield, "\"subfields\" is \(cursor.kindOfValue()), not an array",
                            action: "dropped", at: cursor.index, tag: tag.description)
                        try cursor.skipValue()
                    }
                default:
                    site.add(.warning, .jsonUnknownKey, "unknown key \"\(ASCIIText.shown(key))\" in a data field",
                        action: "ignored", at: keyOffset, tag: tag.description)
                    try cursor.skipValue()
                }
            } while cursor.consume(TextByte.comma)
            try cursor.expect(TextByte.closeBrace, "',' or '}'")
        }
        for n in 1...reserved where seenIndicators & (1 << n) == 0 {
            site.add(.warning, .jsonBadIndicator, "no \"ind\(n)\"", action: "set to blank", at: objectOffset,
                tag: tag.description)
        }
        if !seenSubfields {
            site.add(.warning, .jsonMissingSubfields, "data field has no \"subfields\"",
                action: "kept without subfields", at: objectOffset, tag: tag.description)
        }
    }

    /// One indicator: a string of exactly one byte; anything else becomes a blank, with a finding.
    private mutating func readIndicator(_ which: Int, tag: Tag) throws(JSONSyntaxError) -> UInt8 {
        let offset = cursor.index
        scratch.removeAll(keepingCapacity: true)
        let isString = cursor.peek() == TextByte.quote
        if isString {
            try cursor.readString(into: &scratch)
            reportStringNotes(tag: tag.description)
            if scratch.count == 1 { return scratch[0] }
        } else if cursor.peek() == TextByte.openBrace || cursor.peek() == TextByte.openBracket {
            site.add(.warning, .jsonBadIndicator, "indicator \(which) is \(cursor.kindOfValue())",
                action: "set to blank", at: offset, tag: tag.description)
            try cursor.skipValue()
            return TextByte.space
        } else {
            let kind = cursor.kindOfValue()
            try cursor.readScalar(into: &scratch)
            if scratch.count == 1 {
                site.add(.warning, .jsonNonStringValue, "indicator \(which) is \(kind), not a string",
                    action: "its text '\(ASCIIText.shown(scratch))' kept", at: offset, tag: tag.description)
                return scratch[0]
            }
        }
        let what = scratch.isEmpty ? "empty" : "\"\(ASCIIText.shown(scratch))\" (\(scratch.count) bytes)"
        site.add(.warning, .jsonBadIndicator, "indicator \(which) is \(what), not one byte", action: "set to blank",
            at: offset, tag: tag.description)
        return TextByte.space
    }

    // MARK: - Subfields

    /// `[{"a": "…"}, …]`: each subfield appended as delimiter, code, value.
    private mutating func parseSubfields(_ tag: Tag) throws(JSONSyntaxError) {
        try cursor.expect(TextByte.openBracket, "'['")
        if cursor.consume(TextByte.closeBracket) { return }
        repeat {
            cursor.skipWhitespace()
            let entryOffset = cursor.index
            guard cursor.peek() == TextByte.openBrace else {
                site.add(.error, .jsonBadSubfield, "subfield entry is \(cursor.kindOfValue()), not an object",
                    action: "dropped", at: entryOffset, tag: tag.description)
                try cursor.skipValue()
                continue
            }
            try cursor.expect(TextByte.openBrace, "'{'")
            if cursor.consume(TextByte.closeBrace) {
                site.add(.error, .jsonBadSubfield, "empty subfield object", action: "dropped", at: entryOffset,
                    tag: tag.description)
                continue
            }
            var count = 0
            repeat {
                let keyOffset = try readKey()
                count += 1
                if count == 2 {
                    site.add(.warning, .jsonBadSubfield, "subfield object holds more than one code",
                        action: "each read as a subfield", at: keyOffset, tag: tag.description)
                }
                try parseSubfieldValue(tag, codeOffset: keyOffset)
            } while cursor.consume(TextByte.comma)
            try cursor.expect(TextByte.closeBrace, "',' or '}'")
        } while cursor.consume(TextByte.comma)
        try cursor.expect(TextByte.closeBracket, "',' or ']'")
    }

    /// The value of one subfield whose code is in `key`.
    private mutating func parseSubfieldValue(_ tag: Tag, codeOffset: Int) throws(JSONSyntaxError) {
        let valueOffset = cursor.index
        let kind = cursor.kindOfValue()
        if cursor.peek() == TextByte.openBrace || cursor.peek() == TextByte.openBracket {
            site.add(.error, .jsonBadSubfield, "value of subfield \"\(ASCIIText.shown(key))\" is \(kind)",
                action: "dropped", at: valueOffset, tag: tag.description)
            try cursor.skipValue()
            return
        }
        if key.isEmpty {
            scratch.removeAll(keepingCapacity: true)
            if cursor.peek() == TextByte.quote {
                try cursor.readString(into: &scratch)
                cursor.notes.removeAll(keepingCapacity: true)
            } else {
                try cursor.readScalar(into: &scratch)
            }
            site.add(.error, .jsonEmptySubfieldCode, "subfield without a code (value \"\(ASCIIText.shown(scratch))\")",
                action: "dropped", at: codeOffset, tag: tag.description)
            return
        }
        if key.count > 1 {
            site.add(.warning, .jsonUnusualSubfieldCode,
                "subfield code \"\(ASCIIText.shown(key))\" has \(key.count) bytes; MARC codes have one",
                action: "kept (the bytes after the first read as part of the value)", at: codeOffset,
                tag: tag.description)
        } else if !(TextByte.isDigit(key[0]) || TextByte.isLower(key[0])) {
            site.add(.info, .jsonUnusualSubfieldCode, "subfield code '\(ASCIIText.shown(key))' is not a-z or 0-9",
                action: "kept", at: codeOffset, tag: tag.description)
        }
        storage.append(TextByte.subfieldDelimiter)
        storage.append(contentsOf: key)
        if cursor.peek() == TextByte.quote {
            try cursor.readString(into: &storage)
            reportStringNotes(tag: tag.description)
        } else {
            let isText = try cursor.readScalar(into: &storage)
            site.add(.warning, .jsonNonStringValue, "value of subfield \"\(ASCIIText.shown(key))\" is \(kind)",
                action: isText ? "its text kept" : "kept as an empty value", at: valueOffset, tag: tag.description)
        }
    }
}
