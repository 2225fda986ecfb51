// MARC-8 → UTF-8, one field at a time (LC, MARC 21 Specifications, Part 2; tables from Part 3).
//
// Double diacritics: MARC-8 writes the ligature and the double tilde as two halves, one before each
// of the two letters they span (0xEB/0xEC, 0xFA/0xFB). They decode to LC's half marks U+FE20/U+FE21
// and U+FE22/U+FE23, not to the single marks U+0361/U+0360 that yaz and MARC::Charset produce:
// LC's own UTF-8 records use the halves (59k occurrences in the records we round-trip, no U+0361),
// so only the halves give exact round trips, and NFC does not turn one form into the other. The
// encoder accepts both forms. Match keys must fold the two forms together.

/// Decodes the MARC-8 bytes of one field to UTF-8.
///
/// Hand it a control field's data, or a data field's indicators and subfields with their 0x1F
/// delimiters, never the field terminator. Each call starts at the MARC-8 defaults: G0 = ASCII,
/// G1 = ANSEL. Handles technique 1 (`ESC g`, `ESC b`, `ESC p`, back with `ESC s`) and technique 2
/// designations (`ESC ( F`, `ESC , F` for G0, `ESC ) F`, `ESC - F` for G1, `$` for the multibyte
/// EACC, ANSEL's `ESC ) ! E` with the `!` tolerated anywhere), escapes in mid-word, combining marks
/// (moved after their base), and LC's numeric character references `&#xXXXX;`. The output is not
/// normalised: run NFC afterwards.
public struct MARC8Decoder: Sendable {
    public init() {}

    /// Appends the UTF-8 form of `input` to `output`; problems go to `issues`, with offsets
    /// relative to the start of `input`.
    public func decode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], issues: inout [CharsetIssue]) {
        MARC8Tables.graphic.withUnsafeBufferPointer { graphic in
            var run = MARC8DecodeRun(input: input, graphic: graphic)
            run.decode(into: &output, issues: &issues)
        }
    }
}

/// Set numbers of `MARC8Tables` (the generator's order).
enum MARC8Set {
    static let ascii = 0
    static let ansel = 1
    static let subscripts = 8
    static let superscripts = 9
    static let greekSymbols = 10
    static let eacc = 11
    static let c1 = 14

    /// The sets technique 1 invokes (`ESC b`, `ESC p`, `ESC g`); `ESC s` leaves them.
    static func isTechniqueOne(_ set: Int) -> Bool { set >= subscripts && set <= greekSymbols }

    static func name(_ set: Int) -> String {
        ["Basic Latin", "ANSEL", "Basic Greek", "Basic Cyrillic", "Extended Cyrillic", "Basic Hebrew", "Basic Arabic",
         "Extended Arabic", "Subscripts", "Superscripts", "Greek Symbols", "EACC"][set]
    }
}

/// The state of decoding one field.
struct MARC8DecodeRun {
    let input: UnsafeBufferPointer<UInt8>
    let graphic: UnsafeBufferPointer<UInt32>
    var g0 = MARC8Set.ascii
    var g1 = MARC8Set.ansel
    var marks = PendingMarks()

    init(input: UnsafeBufferPointer<UInt8>, graphic: UnsafeBufferPointer<UInt32>) {
        self.input = input
        self.graphic = graphic
    }

    mutating func decode(into output: inout [UInt8], issues: inout [CharsetIssue]) {
        let count = input.count
        var i = 0
        while i < count {
            let byte = input[i]
            // Most MARC-8 text is ASCII: copy whole runs (the space included, `&` excluded because
            // it may open a numeric character reference).
            if g0 == MARC8Set.ascii && marks.isEmpty && byte >= 0x20 && byte < 0x7F && byte != 0x26 {
                var j = i + 1
                while j < count {
                    let next = input[j]
                    if next < 0x20 || next >= 0x7F || next == 0x26 { break }
                    j += 1
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<j]))
                i = j
                continue
            }
            switch byte {
            case 0x21...0x7E:
                i = decodeGraphic(byte, at: i, set: g0, output: &output, issues: &issues)
            case 0xA1...0xFE:
                i = decodeGraphic(byte & 0x7F, at: i, set: g1, output: &output, issues: &issues)
            case 0x20:
                // The space is the same in every set, EACC included.
                if marks.isEmpty {
                    output.append(0x20)
                } else {
                    marks.placeOnSpace(input: input, output: &output, issues: &issues, before: "a space", report: false)
                }
                i += 1
            case 0x1B:
                i = escape(at: i, issues: &issues)
            case 0x00...0x1F, 0x7F:
                // Delimiters, terminators and other controls pass through; marks cannot cross them.
                marks.placeOnSpace(input: input, output: &output, issues: &issues, before: "a control character")
                output.append(byte)
                i += 1
                if byte == 0x1F {
                    // Every subfield starts at the defaults, as yaz and MARC::Charset read MARC-8 and
                    // as every encoder writes it (escaping back before each delimiter). Reading a set
                    // on across the delimiter, as a literal reading of LC's per-field rule allows,
                    // recovers nothing on the corpus and garbles the records that forget to switch back.
                    resetAtDelimiter(offset: i - 1, issues: &issues)
                    // A subfield code is structure, not text: ASCII whatever set G0 held.
                    if i < count && input[i] > 0x20 && input[i] < 0x7F {
                        output.append(input[i])
                        i += 1
                    }
                }
            default:
                // C1 (0x80-0x9F): MARC-8 defines four, non-sort begin/end and the joiners.
                let value = byte < 0xA0 ? MARC8Tables.c1[Int(byte) - 0x80] : 0
                if value != 0 {
                    marks.placeOnSpace(input: input, output: &output, issues: &issues, before: "a control character")
                    appendUTF8(value, to: &output)
                } else {
                    unmapped(at: i, length: 1, output: &output, issues: &issues)
                }
                i += 1
            }
        }
        marks.placeOnSpace(input: input, output: &output, issues: &issues, before: "the end of the field")
        if g0 != MARC8Set.ascii || g1 != MARC8Set.ansel {
            issues.append(CharsetIssue(
                .setNotReset, offset: count, bytes: [],
                message: "field ends with G0 = \(MARC8Set.name(g0)), G1 = \(MARC8Set.name(g1)); "
                    + "the next field starts at the defaults anyway"))
        }
    }

    /// Back to G0 = ASCII, G1 = ANSEL at a subfield delimiter, reporting a subfield that ended elsewhere.
    private mutating func resetAtDelimiter(offset: Int, issues: inout [CharsetIssue]) {
        guard g0 != MARC8Set.ascii || g1 != MARC8Set.ansel else { return }
        issues.append(CharsetIssue(
            .setNotReset, offset: offset, bytes: [],
            message: "subfield ends with G0 = \(MARC8Set.name(g0)), G1 = \(MARC8Set.name(g1)); "
                + "the next subfield starts at the defaults"))
        g0 = MARC8Set.ascii
        g1 = MARC8Set.ansel
    }

    /// Decodes the character at `i` whose 7-bit form is `code`, in `set`; returns where the next one starts.
    @inline(__always)
    private mutating func decodeGraphic(_ code: UInt8, at i: Int, set: Int, output: inout [UInt8],
                                        issues: inout [CharsetIssue]) -> Int {
        if set == MARC8Set.eacc {
            return decodeEACC(at: i, output: &output, issues: &issues)
        }
        if code == 0x26 && set == MARC8Set.ascii, let reference = parseNumericReference(input, at: i) {
            emitReference(reference.scalar, at: i, output: &output)
            return i + reference.length
        }
        let value = graphic[set &* 128 &+ Int(code)]
        if value == 0 && set != MARC8Set.ascii && i < input.count && input[i] < 0x80 {
            // A G0 set without this byte (Greek has no ':' or ','): records that forget to switch
            // back to ASCII before punctuation. The ASCII character is what was meant.
            issues.append(CharsetIssue(
                .readAsASCII, offset: i, bytes: [input[i]],
                message: "byte \(hexByte(input[i])) maps to nothing in G0 (\(MARC8Set.name(set)))"))
            emit(graphic[Int(code)], at: i, length: 1, output: &output, issues: &issues)
            return i + 1
        }
        emit(value, at: i, length: 1, output: &output, issues: &issues)
        return i + 1
    }

    /// An EACC character: three bytes, all with the high bit clear (G0) or all set (G1).
    private mutating func decodeEACC(at i: Int, output: inout [UInt8], issues: inout [CharsetIssue]) -> Int {
        let high = input[i] & 0x80
        var length = 1
        if i + 1 < input.count, input[i + 1] & 0x80 == high, (0x21...0x7E).contains(input[i + 1] & 0x7F) {
            length = 2
            // 0x20 is a legal third byte (0x212320, ideographic space).
            if i + 2 < input.count, input[i + 2] & 0x80 == high, (0x20...0x7E).contains(input[i + 2] & 0x7F) {
                length = 3
            }
        }
        guard length == 3 else {
            unmapped(at: i, length: length, output: &output, issues: &issues, why: "incomplete EACC character")
            return i + length
        }
        let scalar = MARC8EACCTable.shared.scalar(input[i] & 0x7F, input[i + 1] & 0x7F, input[i + 2] & 0x7F)
        if scalar == 0, let skip = (1...2).first(where: { eaccCharacter(at: i + $0) != 0 }) {
            // Text that lost a byte (a mangled multibyte record): three bytes starting one or two
            // further make a character where these do not, so the bytes before them are strays.
            // Resynchronising recovers the rest of the run, as yaz and MARC::Charset do; unlike
            // them, the stray bytes are reported and kept as U+FFFD.
            let stray = input[i..<(i + skip)].map { hexByte($0) }.joined(separator: " ")
            unmapped(at: i, length: skip, output: &output, issues: &issues,
                why: "stray byte(s) \(stray) in EACC text (the bytes after them make a character)")
            return i + skip
        }
        emit(scalar, at: i, length: 3, output: &output, issues: &issues)
        return i + 3
    }

    /// The character the three EACC bytes at `i` make, or 0 when they make none.
    private func eaccCharacter(at i: Int) -> UInt32 {
        guard i + 2 < input.count else { return 0 }
        let high = input[i] & 0x80
        guard input[i + 1] & 0x80 == high, input[i + 2] & 0x80 == high,
            (0x21...0x7E).contains(input[i] & 0x7F), (0x21...0x7E).contains(input[i + 1] & 0x7F),
            (0x20...0x7E).contains(input[i + 2] & 0x7F)
        else { return 0 }
        let value = MARC8EACCTable.shared.scalar(input[i] & 0x7F, input[i + 1] & 0x7F, input[i + 2] & 0x7F)
        return value & 0x8000_0000 != 0 ? 0 : value
    }

    /// Writes a table value: a base, a mark (held until its base), or U+FFFD for 0.
    @inline(__always)
    private mutating func emit(_ value: UInt32, at i: Int, length: Int, output: inout [UInt8],
                               issues: inout [CharsetIssue]) {
        if value == 0 {
            unmapped(at: i, length: length, output: &output, issues: &issues)
        } else if value & 0x8000_0000 != 0 {
            marks.willAppendMark(at: i, outputCount: output.count)
            appendUTF8(value & 0x1F_FFFF, to: &output)
        } else {
            let written = appendUTF8(value, to: &output)
            marks.placeBase(length: written, in: &output)
        }
    }

    /// A reference names a character outside MARC-8 (LC's lossless rule). A combining one waits
    /// with any marks already waiting (it was written in MARC-8 position, before the base);
    /// otherwise it stays where it is, after its base, as an encoder writes marks MARC-8 lacks.
    private mutating func emitReference(_ scalar: UInt32, at i: Int, output: inout [UInt8]) {
        if isCombiningMark(scalar) {
            if !marks.isEmpty { marks.willAppendMark(at: i, outputCount: output.count) }
            appendUTF8(scalar, to: &output)
        } else {
            let written = appendUTF8(scalar, to: &output)
            marks.placeBase(length: written, in: &output)
        }
    }

    /// U+FFFD for bytes the current set does not map; it counts as a base for waiting marks.
    private mutating func unmapped(at i: Int, length: Int, output: inout [UInt8], issues: inout [CharsetIssue],
                                   why: String? = nil) {
        let bytes = Array(input[i..<i + length])
        let hex = bytes.map { hexByte($0) }.joined(separator: " ")
        let set = input[i] >= 0x80 ? "G1 (\(MARC8Set.name(g1)))" : "G0 (\(MARC8Set.name(g0)))"
        issues.append(CharsetIssue(
            .unmappedBytes, offset: i, bytes: bytes,
            message: (why ?? "bytes \(hex) map to nothing in \(set)")))
        let written = appendUTF8(0xFFFD, to: &output)
        marks.placeBase(length: written, in: &output)
    }
}

/// Whether Unicode calls `scalar` a combining mark (general category M*).
func isCombiningMark(_ scalar: UInt32) -> Bool {
    guard let value = Unicode.Scalar(scalar) else { return false }
    switch value.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return true
    default: return false
    }
}

func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}
