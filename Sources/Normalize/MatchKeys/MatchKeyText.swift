import Charsets

/// The folding every text match key shares: letters and digits only, lower case, no diacritics,
/// non-Latin scripts transliterated to Latin, one blank between words.
///
/// `Laskar Pelangi : sebuah novel` → `laskar pelangi sebuah novel`; `Les Misérables` → `les miserables`;
/// `Война и мир` → `voina i mir`; `吾輩は猫である` → `wu bei ha mao de aru`.
///
/// Most catalogue text is ASCII, so that path is one pass over the bytes with no allocation beyond
/// the output. Other text goes through ICU: NFKC case folding and NFD, marks dropped; only text
/// holding letters of a non-Latin script pays for the transliterator (`Any-Latin; Latin-ASCII`),
/// which is slow. Han is read as Mandarin (ICU's `Han-Latin`), Japanese kanji too.
public enum MatchKeyText {
    /// The folded form of `text`.
    public static func fold(_ text: String) -> String {
        var text = text
        return text.withUTF8 { fold($0) }
    }

    /// The folded form of UTF-8 bytes (ill-formed sequences are dropped as separators).
    public static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: foldedBytes(bytes), as: UTF8.self)
    }

    /// The folded form of UTF-8 bytes as bytes, for callers that only scan it (the match profile):
    /// always well-formed UTF-8 (ASCII, or whole scalars the Unicode path appended), so it is exactly
    /// the bytes of `fold`'s string.
    package static func foldedBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingBlank = false
        if !appendASCII(bytes, to: &out, pendingBlank: &pendingBlank) {
            out.removeAll(keepingCapacity: true)
            pendingBlank = false
            appendUnicode(bytes, to: &out, pendingBlank: &pendingBlank)
        }
        return out
    }

    // MARK: - ASCII

    /// Folds ASCII bytes; `false` (output incomplete) at the first byte outside ASCII.
    @inline(__always)
    static func appendASCII(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], pendingBlank: inout Bool)
        -> Bool
    {
        for b in bytes {
            if b >= 0x80 { return false }
            appendASCIIByte(b, to: &out, pendingBlank: &pendingBlank)
        }
        return true
    }

    @inline(__always)
    static func appendASCIIByte(_ b: UInt8, to out: inout [UInt8], pendingBlank: inout Bool) {
        let lower = b | 0x20
        if lower &- 0x61 < 26 || b &- 0x30 < 10 {
            if pendingBlank {
                if !out.isEmpty { out.append(0x20) }
                pendingBlank = false
            }
            out.append(b &- 0x30 < 10 ? b : lower)
        } else if b != UInt8(ascii: "'") {
            // An apostrophe joins (`children's` → `childrens`, as RecordManager's key has it); any
            // other punctuation, ISBD's included, separates words.
            pendingBlank = true
        }
    }

    // MARK: - Unicode

    private static func appendUnicode(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8],
        pendingBlank: inout Bool)
    {
        var latin: [UInt8] = []
        let source: [UInt8]
        if needsTransliteration(bytes) {
            Transliterator.transliterate(bytes, id: Transliterator.latinASCII, into: &latin)
            source = latin
        } else {
            source = Array(bytes)
        }
        let folded = UnicodeNormalizer.normalize(source, to: .nfkcCasefold)
        let decomposed = UnicodeNormalizer.normalize(folded, to: .nfd)
        for scalar in String(decoding: decomposed, as: UTF8.self).unicodeScalars {
            if scalar.isASCII {
                appendASCIIByte(UInt8(scalar.value), to: &out, pendingBlank: &pendingBlank)
                continue
            }
            if let replacement = latinReplacements[scalar.value] {
                for b in replacement.utf8 { appendASCIIByte(b, to: &out, pendingBlank: &pendingBlank) }
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                continue  // diacritics, and joiners that are not letters
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    if pendingBlank {
                        if !out.isEmpty { out.append(0x20) }
                        pendingBlank = false
                    }
                    out.append(contentsOf: String(scalar).utf8)
                } else {
                    pendingBlank = true
                }
            default:
                pendingBlank = true
            }
        }
    }

    /// Latin letters NFD does not take apart, and the apostrophe-like letters of romanization
    /// (`ʻ`, `ʼ`) and typography (`’`), which join like `'`.
    private static let latinReplacements: [UInt32: String] = [
        0xF8: "o", 0x111: "d", 0xF0: "d", 0xFE: "th", 0x142: "l", 0x131: "i", 0xE6: "ae", 0x153: "oe",
        0x127: "h", 0x167: "t", 0x14B: "n", 0xDF: "ss", 0x2BB: "'", 0x2BC: "'", 0x2BE: "'", 0x2BF: "'",
        0x2019: "'", 0x2018: "'",
    ]

    /// Whether the text holds letters of a script other than Latin: Greek, Cyrillic, Armenian,
    /// Hebrew, Arabic, the Indic and South-East Asian scripts, Georgian, Hangul, kana, Han, and their
    /// presentation forms. Combining marks, Latin Extended Additional (Vietnamese), punctuation and
    /// symbols do not count.
    static func needsTransliteration(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            var scalar: UInt32
            let length: Int
            if lead >= 0xF0 {
                scalar = UInt32(lead & 0x07)
                length = 4
            } else if lead >= 0xE0 {
                scalar = UInt32(lead & 0x0F)
                length = 3
            } else {
                scalar = UInt32(lead & 0x1F)
                length = 2
            }
            guard i + length <= bytes.count else { return false }
            for k in 1..<length { scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F) }
            i += length
            switch scalar {
            case 0x0370...0x1DBF, 0x1F00...0x1FFF, 0x2E80...0x2FFF, 0x3040...0xA4CF, 0xA960...0xA97F,
                0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0xFF66...0xFFDC,
                0x20000...0x3FFFF:
                return true
            default:
                continue
            }
        }
        return false
    }
}
