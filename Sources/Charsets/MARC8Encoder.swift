/// Encodes the UTF-8 of one field to MARC-8.
///
/// Per character: the direct mapping when MARC-8 has one (staying in the current G0 set when it
/// carries the character, else the first set in the generator's order: ASCII, ANSEL, Greek,
/// Cyrillic, Extended Cyrillic, Hebrew, Arabic, Extended Arabic, subscripts, superscripts, Greek
/// symbols, EACC); else its canonical decomposition from `decompose`, when every part is
/// encodable; else LC's lossless form `&#xXXXX;` and an `.unencodable` issue.
///
/// - Combining marks move before their base, in their order. Marks after the first one MARC-8
///   lacks stay after the base, all as references, so their order survives.
/// - Double diacritics: U+FE20/U+FE21 and U+FE22/U+FE23 map to the halves 0xEB/0xEC and
///   0xFA/0xFB; U+0361 (U+0360), written once after the first letter, becomes 0xEB (0xFA) before
///   the first letter and 0xEC (0xFB) before the next letter; with no next letter (a space, a
///   control or the end comes first) the second half is left out.
/// - Other sets go to G0 (`ESC ( F`, `ESC $ 1`, technique 1 for sub/superscripts and Greek
///   symbols); ANSEL stays in G1. Escapes are written only when the set changes, and G0 returns
///   to ASCII before every control character (so each subfield starts at the defaults, which
///   readers that decode subfield by subfield need) and at the end of the field.
/// - A literal `&` that would read back as a reference is written `&#x26;`; ESC is written
///   `&#x1B;`. Other controls pass through.
/// - Invalid UTF-8: each maximal ill-formed subsequence becomes `&#xFFFD;` with an
///   `.invalidUTF8` issue.
public struct MARC8Encoder: Sendable {
    private let decompose: (@Sendable (UInt32) -> [UInt32]?)?

    /// - Parameter decompose: the canonical decomposition of a scalar (nil when it has none),
    ///   used for characters MARC-8 has no direct mapping for.
    public init(decompose: (@Sendable (UInt32) -> [UInt32]?)? = nil) {
        self.decompose = decompose
    }

    /// Appends the MARC-8 form of `input` to `output`; problems go to `issues`, with offsets
    /// relative to the start of `input`.
    public func encode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], issues: inout [CharsetIssue]) {
        var run = MARC8EncodeRun(input: input, scheme: .marc8, decompose: decompose)
        run.encode(into: &output, issues: &issues)
    }
}

/// What differs between the MARC-8 and the ISO 5426 encoders.
struct MARC8EncodingScheme: Sendable {
    let name: String
    let reverse: MARC8ReverseTable
    let doubleDiacritics: [(joined: UInt32, first: UInt8, second: UInt8)]
    /// Whether G0 may be switched with escapes (MARC-8) or stays ASCII (ISO 5426 as we write it).
    let designates: Bool
    /// Whether a literal `&` that looks like a reference must itself be written as one: only the
    /// MARC-8 decoder turns references back into characters.
    let protectsAmpersand: Bool

    static let marc8 = MARC8EncodingScheme(
        name: "MARC-8", reverse: .marc8, doubleDiacritics: MARC8Tables.doubleDiacritics, designates: true,
        protectsAmpersand: true)
    static let iso5426 = MARC8EncodingScheme(
        name: "ISO 5426", reverse: .iso5426, doubleDiacritics: ISO5426Tables.doubleDiacritics, designates: false,
        protectsAmpersand: false)

    func doubleDiacritic(_ scalar: UInt32) -> (first: UInt8, second: UInt8)? {
        for pair in doubleDiacritics where pair.joined == scalar { return (pair.first, pair.second) }
        return nil
    }
}
