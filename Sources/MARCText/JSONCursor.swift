/// A JSON syntax error at a byte offset within one record's bytes; line and column are computed only when
/// the error is reported.
struct JSONSyntaxError: Error {
    var offset: Int
    var message: String
}

/// Reads JSON tokens from one record's bytes. String contents are decoded straight into the caller's byte
/// array, so a subfield value never becomes a `String`.
///
/// `get`-style calls (`peek`) do not move the cursor; `read`/`skip`/`expect` calls do.
struct JSONCursor {
    /// Something wrong inside a string that was repaired; the parser turns these into findings.
    struct StringNote {
        enum Kind {
            case badEscape
            case loneSurrogate
            case rawControlCharacter
            /// 0x1D, 0x1E or 0x1F, raw or escaped: bytes that are structure in a MARC record.
            case structureByte
        }
        var kind: Kind
        var offset: Int
        /// The bytes concerned, as written.
        var bytes: [UInt8]
    }

    let base: UnsafePointer<UInt8>
    let end: Int
    var index = 0
    var notes: [StringNote] = []
    /// Deepest nesting `skipValue` follows before giving up (keeps the stack bounded on hostile input).
    static let maxDepth = MARCTextLimits.maxJSONDepth

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = buffer.count
    }

    var isAtEnd: Bool { index >= end }

    @inline(__always)
    func peek() -> UInt8? { index < end ? base[index] : nil }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end && TextByte.isJSONWhitespace(base[index]) { index += 1 }
    }

    /// Consumes `byte` after optional whitespace if it is next; `false` (nothing consumed but whitespace)
    /// otherwise.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < end, base[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard consume(byte) else { throw error("expected \(what)") }
    }

    func error(_ expected: String) -> JSONSyntaxError {
        guard index < end else {
            return JSONSyntaxError(offset: index, message: "\(expected), found the end of the record")
        }
        return JSONSyntaxError(offset: index, message: "\(expected), found '\(ASCIIText.escaped(base[index]))'")
    }

    /// A word for the value at the cursor, for messages.
    func kindOfValue() -> String {
        switch peek() {
        case TextByte.quote: "a string"
        case TextByte.openBrace: "an object"
        case TextByte.openBracket: "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        default: "a number"
        }
    }

    // MARK: - Strings

    /// Reads a string (the cursor is on its opening quote, after whitespace) and appends its decoded bytes.
    mutating func readString(into out: inout [UInt8]) throws(JSONSyntaxError) {
        skipWhitespace()
        guard index < end, base[index] == TextByte.quote else { throw error("expected a string") }
        index += 1
        var i = index
        while true {
            // Copy the longest run of bytes that need no decoding in one go.
            let runStart = i
            while i < end {
                let b = base[i]
                if b == TextByte.quote || b == TextByte.backslash || b < 0x20 { break }
                i += 1
            }
            if i > runStart { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            guard i < end else {
                index = i
                throw JSONSyntaxError(offset: i, message: "string not closed before the end of the record")
            }
            let b = base[i]
            if b == TextByte.quote {
                index = i + 1
                return
            }
            if b < 0x20 {
                let kind: StringNote.Kind = b >= 0x1D ? .structureByte : .rawControlCharacter
                notes.append(StringNote(kind: kind, offset: i, bytes: [b]))
                out.append(b)
                i += 1
                continue
            }
            i = try readEscape(at: i, into: &out)
        }
    }

    /// Decodes the escape at `i` (a backslash) and returns the index after it.
    private mutating func readEscape(at i: Int, into out: inout [UInt8]) throws(JSONSyntaxError) -> Int {
        guard i + 1 < end else {
            throw JSONSyntaxError(offset: i, message: "string not closed before the end of the record")
        }
        let e = base[i + 1]
        switch e {
        case TextByte.quote, TextByte.backslash, UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"): return readUnicodeEscape(at: i, into: &out)
        default:
            // Keep what was written: the backslash and the byte after it.
            notes.append(StringNote(kind: .badEscape, offset: i, bytes: [TextByte.backslash, e]))
            out.append(TextByte.backslash)
            return i + 1
        }
        return i + 2
    }

    /// `\uXXXX`, joining a surrogate pair into one scalar; half a pair becomes U+FFFD.
    private mutating func readUnicodeEscape(at i: Int, into out: inout [UInt8]) -> Int {
        guard let high = hex4(at: i + 2) else {
            let shown = Array(UnsafeBufferPointer(start: base + i, count: min(6, end - i)))
            notes.append(StringNote(kind: .badEscape, offset: i, bytes: shown))
            out.append(TextByte.backslash)
            return i + 1
        }
        switch high {
        case 0xD800..<0xDC00:
            if i + 7 < end, base[i + 6] == TextByte.backslash, base[i + 7] == UInt8(ascii: "u"),
                let low = hex4(at: i + 8), (0xDC00..<0xE000).contains(low)
            {
                TextByte.appendUTF8(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), to: &out)
                return i + 12
            }
            fallthrough
        case 0xDC00..<0xE000:
            notes.append(StringNote(kind: .loneSurrogate, offset: i,
                bytes: Array(UnsafeBufferPointer(start: base + i, count: 6))))
            out.append(contentsOf: TextByte.replacementCharacter)
        case 0x1D...0x1F:
            notes.append(StringNote(kind: .structureByte, offset: i, bytes: [UInt8(high)]))
            out.append(UInt8(high))
        default:
            TextByte.appendUTF8(high, to: &out)
        }
        return i + 6
    }

    private func hex4(at k: Int) -> UInt32? {
        guard k + 4 <= end else { return nil }
        var v: UInt32 = 0
        for j in k..<(k + 4) {
            guard let d = TextByte.hexValue(base[j]) else { return nil }
            v = v << 4 | d
        }
        return v
    }

    // MARK: - Other values

    /// Reads a number, `true`, `false` or `null` and appends its text (nothing for `null`). Returns `false`
    /// for `null`.
    @discardableResult
    mutating func readScalar(into out: inout [UInt8]) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        for word in ["true", "false", "null"] where matches(word) {
            index += word.utf8.count
            if word == "null" { return false }
            out.append(contentsOf: word.utf8)
            return true
        }
        let start = index
        while index < end {
            let b = base[index]
            guard TextByte.isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
            else { break }
            index += 1
        }
        guard index > start, TextByte.isDigit(base[index - 1]) else {
            index = start
            throw error("expected a value")
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        return true
    }

    private func matches(_ word: String) -> Bool {
        var k = index
        for b in word.utf8 {
            guard k < end, base[k] == b else { return false }
            k += 1
        }
        return true
    }

    /// Skips any value, checking its syntax. Notes about strings inside it are dropped with it.
    mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        guard depth < Self.maxDepth else { throw JSONSyntaxError(offset: index, message: "values nested too deep") }
        skipWhitespace()
        let noteCount = notes.count
        defer { notes.removeSubrange(noteCount...) }
        switch peek() {
        case TextByte.quote:
            var sink: [UInt8] = []
            try readString(into: &sink)
        case TextByte.openBrace:
            index += 1
            if consume(TextByte.closeBrace) { return }
            repeat {
                var sink: [UInt8] = []
                try readString(into: &sink)
                try expect(TextByte.colon, "':'")
                try skipValue(depth: depth + 1)
            } while consume(TextByte.comma)
            try expect(TextByte.closeBrace, "',' or '}'")
        case TextByte.openBracket:
            index += 1
            if consume(TextByte.closeBracket) { return }
            repeat {
                try skipValue(depth: depth + 1)
            } while consume(TextByte.comma)
            try expect(TextByte.closeBracket, "',' or ']'")
        default:
            var sink: [UInt8] = []
            try readScalar(into: &sink)
        }
    }
}
