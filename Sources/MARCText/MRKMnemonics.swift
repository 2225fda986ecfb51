/// The escaping convention of MARCBreaker (`.mrk`) text, shared by the reader and the writer.
///
/// The format (LC's MARCMaker/MARCBreaker, as MarcEdit writes it) marks structure with three characters:
/// `=` starts a field line, `$` starts a subfield, and `\` stands for a blank in the leader, in control
/// fields and in indicators. Everything else is text, except `{name}` mnemonics:
///
/// | in the file | byte(s) | the writer uses it for | the reader decodes it |
/// |---|---|---|---|
/// | `{dollar}` `{bsol}` `{lcub}` `{rcub}` | `$` `\` `{` `}` | those bytes, always | always |
/// | `{esc}` | 0x1B | that byte | always |
/// | `{XX}`, two hex digits (LC's form) | the byte 0xXX | control bytes, 0x7F, other non-UTF-8 bytes | always |
/// | `{acute}`, `{Lstrok}`… (LC's names) | the MARC-8 byte | non-UTF-8 bytes in MARC-8 records | in MARC-8 records |
/// | `{U+XXXX}` (4–6 hex digits; not LC's) | the code point in UTF-8 | nothing | always, for hand-made files |
///
/// A blank is written `\` in the leader and control fields, and as a blank in subfield values, where a `\`
/// is a real backslash (MarcEdit's `.mrk8` files carry literal `\` and braces there; reading them as text
/// keeps those files right). Valid UTF-8 is written as it is. Any other `{…}` is text: an unknown name is
/// kept as written and reported, and a brace with no `}` in the 11 bytes after it is just a brace. With these rules
/// every byte string the writer is given reads back identically.
enum MRKMnemonics {
    enum Context {
        /// Leader and control fields: `\` is a blank, `$` is a dollar sign.
        case control
        /// Data fields after the indicators: `$` starts a subfield, `\` is a backslash.
        case data
    }

    /// Names the reader kept as text, for one finding per field.
    struct UnknownNames {
        var count = 0
        var samples: [String] = []

        mutating func add(_ name: UnsafeBufferPointer<UInt8>) {
            count += 1
            if samples.count < 3 { samples.append("{" + String(decoding: name, as: UTF8.self) + "}") }
        }
    }

    /// Longest name between the braces (`U+10FFFF`, `dblunder`, `mlrhring` have 8).
    static let maxNameLength = 10

    // MARK: - Reading

    /// Decodes `.mrk` text into field bytes, appending them to `out`.
    static func decode(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, context: Context, marc8: Bool,
        into out: inout [UInt8], unknown: inout UnknownNames)
    {
        var run = range.lowerBound
        var i = run
        let end = range.upperBound
        while i < end {
            let b = p[i]
            let special: UInt8?
            switch b {
            case TextByte.backslash where context == .control: special = TextByte.space
            case TextByte.dollar where context == .data: special = TextByte.subfieldDelimiter
            case TextByte.openBrace: special = nil
            default:
                i += 1
                continue
            }
            if i > run { out.append(contentsOf: UnsafeBufferPointer(start: p + run, count: i - run)) }
            if let special {
                out.append(special)
                i += 1
            } else if let length = decodeMnemonic(p, at: i, end: end, marc8: marc8, into: &out, unknown: &unknown) {
                i += length
            } else {
                // Not a mnemonic: the brace is text and goes out with the next run.
                run = i
                i += 1
                continue
            }
            run = i
        }
        if end > run { out.append(contentsOf: UnsafeBufferPointer(start: p + run, count: end - run)) }
    }

    /// Decodes the mnemonic whose `{` is at `i`, appending its bytes; returns its length in the text, or
    /// `nil` (nothing appended) when it is not one.
    static func decodeMnemonic(_ p: UnsafePointer<UInt8>, at i: Int, end: Int, marc8: Bool, into out: inout [UInt8],
        unknown: inout UnknownNames) -> Int?
    {
        var j = i + 1
        while j < end && j - i <= maxNameLength + 1 && p[j] != TextByte.closeBrace { j += 1 }
        guard j < end, p[j] == TextByte.closeBrace, j > i + 1 else { return nil }
        let name = UnsafeBufferPointer(start: p + i + 1, count: j - i - 1)
        let length = j - i + 1
        if name.count == 2, let high = TextByte.hexValue(name[0]), let low = TextByte.hexValue(name[1]) {
            out.append(UInt8(high << 4 | low))
            return length
        }
        if let byte = asciiByte(name) {
            out.append(byte)
            return length
        }
        if name.count >= 6, name[0] == UInt8(ascii: "U"), name[1] == UInt8(ascii: "+"), name.count <= 8 {
            var scalar: UInt32 = 0
            var ok = true
            for k in 2..<name.count {
                guard let d = TextByte.hexValue(name[k]) else {
                    ok = false
                    break
                }
                scalar = scalar << 4 | d
            }
            if ok, scalar <= 0x10FFFF, !(0xD800..<0xE000).contains(scalar) {
                TextByte.appendUTF8(scalar, to: &out)
                return length
            }
        }
        if marc8, let byte = marc8ByName[Array(name)] {
            out.append(byte)
            return length
        }
        if name.allSatisfy({ TextByte.isAlphanumeric($0) || $0 == UInt8(ascii: "+") }) { unknown.add(name) }
        return nil
    }

    private static func asciiByte(_ name: UnsafeBufferPointer<UInt8>) -> UInt8? {
        switch name.count {
        case 3 where name.elementsEqual("esc".utf8): 0x1B
        case 4 where name.elementsEqual("bsol".utf8): TextByte.backslash
        case 4 where name.elementsEqual("lcub".utf8): TextByte.openBrace
        case 4 where name.elementsEqual("rcub".utf8): TextByte.closeBrace
        case 6 where name.elementsEqual("dollar".utf8): TextByte.dollar
        default: nil
        }
    }

    // MARK: - Writing

    /// Appends field bytes as `.mrk` text (see the table above).
    static func encode(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, context: Context, marc8: Bool,
        into out: inout [UInt8])
    {
        var run = range.lowerBound
        var i = run
        let end = range.upperBound
        while i < end {
            let b = p[i]
            if b > 0x20 && b < 0x7F && b != TextByte.dollar && b != TextByte.backslash && b != TextByte.openBrace
                && b != TextByte.closeBrace
            {
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
            if i > run { out.append(contentsOf: UnsafeBufferPointer(start: p + run, count: i - run)) }
            if b == TextByte.space {
                out.append(context == .control ? TextByte.backslash : TextByte.space)
            } else if b == TextByte.subfieldDelimiter && context == .data {
                out.append(TextByte.dollar)
            } else {
                appendEscaped(b, marc8: marc8, to: &out)
            }
            i += 1
            run = i
        }
        if end > run { out.append(contentsOf: UnsafeBufferPointer(start: p + run, count: end - run)) }
    }

    /// One indicator: `\` for a blank, the byte itself when it is a plain graphic character, else a mnemonic.
    static func encodeIndicator(_ b: UInt8, marc8: Bool, into out: inout [UInt8]) {
        if b == TextByte.space {
            out.append(TextByte.backslash)
        } else if b > 0x20 && b < 0x7F && b != TextByte.dollar && b != TextByte.backslash && b != TextByte.openBrace
            && b != TextByte.closeBrace
        {
            out.append(b)
        } else {
            appendEscaped(b, marc8: marc8, to: &out)
        }
    }

    /// The mnemonic for a byte that cannot be written as it is.
    private static func appendEscaped(_ b: UInt8, marc8: Bool, to out: inout [UInt8]) {
        switch b {
        case TextByte.dollar: out.append(contentsOf: "{dollar}".utf8)
        case TextByte.backslash: out.append(contentsOf: "{bsol}".utf8)
        case TextByte.openBrace: out.append(contentsOf: "{lcub}".utf8)
        case TextByte.closeBrace: out.append(contentsOf: "{rcub}".utf8)
        case 0x1B: out.append(contentsOf: "{esc}".utf8)
        default:
            if marc8, let name = marc8NameForByte[Int(b)] {
                out.append(contentsOf: name)
            } else {
                out.append(TextByte.openBrace)
                out.append(TextByte.hexDigits[Int(b >> 4)])
                out.append(TextByte.hexDigits[Int(b & 0xF)])
                out.append(TextByte.closeBrace)
            }
        }
    }
}
