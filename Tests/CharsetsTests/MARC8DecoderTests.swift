import Charsets
import Testing

/// Bytes written here come from LC's published MARC-8 code tables (Part 3): e.g. Basic Cyrillic
/// 0x72 = Р, Basic Greek 0x61 = α, EACC 0x213064 = 人, ANSEL 0xE2 = combining acute.
@Suite struct MARC8DecoderTests {
    @Test func asciiAndDelimitersPassThrough() {
        let field: [UInt8] = Array("10".utf8) + [0x1F] + Array("aThe title /".utf8) + [0x1F] + Array("cAnon.".utf8)
        let result = MARC8Codec.decode(field)
        #expect(result.bytes == field)
        #expect(result.issues.isEmpty)
    }

    @Test func anselAcuteFollowsItsBase() {
        let result = MARC8Codec.decode([0xE2, 0x65])
        #expect(result.bytes == Array("e\u{301}".utf8))
        #expect(result.issues.isEmpty)
    }

    @Test func severalMarksKeepTheirOrder() {
        // Dot below then acute, both before the `a`: Unicode gets them after it, same order.
        let result = MARC8Codec.decode([0x56, 0x69, 0xF2, 0xE2, 0x61, 0x74])
        #expect(result.bytes == Array("Via\u{323}\u{301}t".utf8))
    }

    @Test func anselLettersAndSymbols() {
        // Ł ó d ź: 0xA1, acute + o, d, acute + z; then the euro sign 0xC8 and the degree 0xC0.
        let result = MARC8Codec.decode([0xA1, 0xE2, 0x6F, 0x64, 0xE2, 0x7A, 0x20, 0xC8, 0xC0])
        #expect(result.bytes == Array("Ło\u{301}dz\u{301} €°".utf8))
        #expect(result.issues.isEmpty)
    }

    @Test func greek() {
        // ESC ( S, λ 0x6E, acute 0x22 before ο 0x72, γ 0x64, ο 0x72, ς 0x77, ESC ( B.
        let result = MARC8Codec.decode([0x1B, 0x28, 0x53, 0x6E, 0x22, 0x72, 0x64, 0x72, 0x77, 0x1B, 0x28, 0x42])
        #expect(result.bytes == Array("λο\u{301}γος".utf8))
        #expect(result.issues.isEmpty)
    }

    @Test func cyrillicAndExtendedCyrillic() {
        let russian = MARC8Codec.decode([0x1B, 0x28, 0x4E, 0x72, 0x55, 0x53, 0x53, 0x4B, 0x49, 0x4A, 0x1B, 0x28, 0x42])
        #expect(russian.bytes == Array("Русский".utf8))
        // Extended Cyrillic ђ (0x41) and ј (0x48), then back to ASCII.
        let serbian = MARC8Codec.decode([0x1B, 0x28, 0x51, 0x41, 0x48, 0x1B, 0x28, 0x42, 0x2E])
        #expect(serbian.bytes == Array("ђј.".utf8))
        #expect(russian.issues.isEmpty && serbian.issues.isEmpty)
    }

    @Test func hebrewAndArabic() {
        let hebrew = MARC8Codec.decode([0x1B, 0x28, 0x32, 0x79, 0x6C, 0x65, 0x6D, 0x1B, 0x28, 0x42])
        #expect(hebrew.bytes == Array("שלום".utf8))
        // Arabic fatha (0x6E, combining) before lam: it follows the lam in Unicode.
        let arabic = MARC8Codec.decode([0x1B, 0x28, 0x33, 0x53, 0x6E, 0x64, 0x47, 0x65, 0x1B, 0x28, 0x42])
        #expect(arabic.bytes == Array("سل\u{64E}ام".utf8))
        let persian = MARC8Codec.decode([0x1B, 0x28, 0x34, 0x29, 0x5E, 0x1B, 0x28, 0x42])
        #expect(persian.bytes == Array("پگ".utf8))
        #expect(hebrew.issues.isEmpty && arabic.issues.isEmpty && persian.issues.isEmpty)
    }

    @Test func eacc() {
        let result = MARC8Codec.decode([0x1B, 0x24, 0x31, 0x21, 0x30, 0x64, 0x21, 0x30, 0x34, 0x1B, 0x28, 0x42])
        #expect(result.bytes == Array("人中".utf8))
        #expect(result.issues.isEmpty)
    }

    @Test func eaccSpaceIsOneByteAndHangulKana() {
        // 0x20 between EACC characters is a plain space; 0x6F485F is 가, 0x692422 is あ.
        let result = MARC8Codec.decode([0x1B, 0x24, 0x31, 0x21, 0x30, 0x64, 0x20, 0x6F, 0x48, 0x5F, 0x69, 0x24, 0x22,
                                        0x1B, 0x28, 0x42])
        #expect(result.bytes == Array("人 가あ".utf8))
        #expect(result.issues.isEmpty)
    }

    @Test func eaccInG1() {
        // `ESC $ ) 1` puts EACC in G1: the same code with the high bit set.
        let result = MARC8Codec.decode([0x1B, 0x24, 0x29, 0x31, 0xA1, 0xB0, 0xE4, 0x61, 0x1B, 0x29, 0x21, 0x45])
        #expect(result.bytes == Array("人a".utf8))
        #expect(result.issues.isEmpty)
    }

    @Test func techniqueOneSets() {
        let water = MARC8Codec.decode([0x48, 0x1B, 0x62, 0x32, 0x1B, 0x73, 0x4F])
        #expect(water.bytes == Array("H₂O".utf8))
        let square = MARC8Codec.decode([0x78, 0x1B, 0x70, 0x32, 0x1B, 0x73])
        #expect(square.bytes == Array("x²".utf8))
        let alpha = MARC8Codec.decode([0x1B, 0x67, 0x61, 0x62, 0x1B, 0x73, 0x2D, 0x72, 0x61, 0x79])
        #expect(alpha.bytes == Array("αβ-ray".utf8))
        #expect(water.issues.isEmpty && square.issues.isEmpty && alpha.issues.isEmpty)
    }

    @Test func escapeInMidWord() {
        let result = MARC8Codec.decode([0x61, 0x62, 0x1B, 0x28, 0x4E, 0x41, 0x42, 0x1B, 0x28, 0x42, 0x63])
        #expect(result.bytes == Array("abабc".utf8))
        #expect(result.issues.isEmpty)
    }

    @Test func markWaitsAcrossAnEscape() {
        // Acute (ANSEL, G1) then a switch to Cyrillic, then а: the acute belongs to the а.
        let result = MARC8Codec.decode([0xE2, 0x1B, 0x28, 0x4E, 0x41, 0x1B, 0x28, 0x42])
        #expect(result.bytes == Array("а\u{301}".utf8))
        #expect(result.issues.isEmpty)
    }

    @Test func designationSpellings() {
        // `ESC , N` (G0, 96-set intermediate as written), `ESC ) N` (G1), `ESC ( ! E` (ANSEL in G0).
        let comma = MARC8Codec.decode([0x1B, 0x2C, 0x4E, 0x41, 0x1B, 0x28, 0x42])
        #expect(comma.bytes == Array("а".utf8))
        let g1 = MARC8Codec.decode([0x1B, 0x29, 0x4E, 0xC1, 0xC2, 0x61, 0x1B, 0x29, 0x21, 0x45])
        #expect(g1.bytes == Array("абa".utf8))
        let anselInG0 = MARC8Codec.decode([0x1B, 0x28, 0x21, 0x45, 0x62, 0x1B, 0x28, 0x42, 0x61])
        #expect(anselInG0.bytes == Array("a\u{301}".utf8))
        let anselNoBang = MARC8Codec.decode([0x1B, 0x29, 0x4E, 0x1B, 0x29, 0x45, 0xE2, 0x61])
        #expect(anselNoBang.bytes == Array("a\u{301}".utf8))
        #expect(comma.issues.isEmpty && g1.issues.isEmpty && anselInG0.issues.isEmpty && anselNoBang.issues.isEmpty)
    }

    @Test func fieldEndingInCyrillicIsReported() {
        let result = MARC8Codec.decode([0x61, 0x1B, 0x28, 0x4E, 0x41])
        #expect(result.bytes == Array("aа".utf8))
        #expect(result.issues.map(\.kind) == [.setNotReset])
        #expect(result.issues.first?.offset == 5)
    }

    @Test func technique1SetLeftOpenIsReported() {
        let result = MARC8Codec.decode([0x48, 0x1B, 0x62, 0x32])
        #expect(result.bytes == Array("H₂".utf8))
        #expect(result.issues.map(\.kind) == [.setNotReset])
    }

    @Test func everyFieldStartsAtTheDefaults() {
        let decoder = MARC8Decoder()
        var output: [UInt8] = []
        var issues: [CharsetIssue] = []
        [UInt8]([0x1B, 0x28, 0x4E, 0x41]).withUnsafeBufferPointer { decoder.decode($0, into: &output, issues: &issues) }
        [UInt8]([0x41, 0xE2, 0x61]).withUnsafeBufferPointer { decoder.decode($0, into: &output, issues: &issues) }
        // Output is appended to, and the second field reads 0x41 as ASCII and 0xE2 as ANSEL.
        #expect(output == Array("аAa\u{301}".utf8))
        #expect(issues.map(\.kind) == [.setNotReset])
    }

    @Test func unmappedByteBecomesReplacementWithItsOffset() {
        // ANSEL has nothing at 0xAF.
        let result = MARC8Codec.decode([0x61, 0xAF, 0x62])
        #expect(result.bytes == Array("a\u{FFFD}b".utf8))
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.kind == .unmappedBytes)
        #expect(result.issues.first?.offset == 1)
        #expect(result.issues.first?.bytes == [0xAF])
    }

    @Test func unmappedEACCKeepsAllThreeBytes() {
        let result = MARC8Codec.decode([0x1B, 0x24, 0x31, 0x21, 0x21, 0x21, 0x21, 0x30, 0x64, 0x1B, 0x28, 0x42])
        #expect(result.bytes == Array("\u{FFFD}人".utf8))
        #expect(result.issues.map(\.kind) == [.unmappedBytes])
        #expect(result.issues.first?.offset == 3)
        #expect(result.issues.first?.bytes == [0x21, 0x21, 0x21])
    }

    @Test func incompleteEACCBeforeADelimiter() {
        // The subfield code after 0x1F is structure, not text: it is ASCII whatever G0 holds, and
        // the subfield starts again at the defaults.
        let result = MARC8Codec.decode([0x1B, 0x24, 0x31, 0x21, 0x30, 0x1F, 0x61, 0x1B, 0x24, 0x31, 0x21, 0x30, 0x64])
        #expect(result.bytes == Array("\u{FFFD}\u{1F}a人".utf8))
        #expect(result.issues.map(\.kind) == [.unmappedBytes, .setNotReset, .setNotReset])
        #expect(result.issues.first?.offset == 3)
        #expect(result.issues.first?.bytes == [0x21, 0x30])
        #expect(result.issues[1].offset == 5)
    }

    @Test func everySubfieldStartsAtTheDefaults() {
        // $a in Cyrillic (ESC ( N) with no switch back; $b is ASCII, as yaz and MARC::Charset read it.
        let result = MARC8Codec.decode([0x1B, 0x28, 0x4E, 0x6D, 0x6F, 0x1F, 0x62, 0x6D, 0x6F])
        #expect(result.bytes == Array("МО\u{1F}bmo".utf8))
        #expect(result.issues.map(\.kind) == [.setNotReset])
        #expect(result.issues.first?.offset == 5)
    }

    @Test func punctuationAGreekSetLacksIsReadAsASCII() {
        // ESC ( S (Greek) then "ab:" — Greek has no ':' at 0x3A, so the record forgot to switch back.
        let result = MARC8Codec.decode([0x1B, 0x28, 0x53, 0x61, 0x3A, 0x1B, 0x28, 0x42])
        #expect(result.bytes == Array("α:".utf8))
        #expect(result.issues.map(\.kind) == [.readAsASCII])
        #expect(result.issues.first?.offset == 4)
        #expect(result.issues.first?.bytes == [0x3A])
    }

    @Test func badEscapes() {
        let unknownFinal = MARC8Codec.decode([0x61, 0x1B, 0x28, 0x5A, 0x62])
        #expect(unknownFinal.bytes == Array("ab".utf8))
        #expect(unknownFinal.issues.map(\.kind) == [.badEscape])
        #expect(unknownFinal.issues.first?.offset == 1)
        #expect(unknownFinal.issues.first?.bytes == [0x1B, 0x28, 0x5A])
        // A lone ESC before text loses only the ESC.
        let lone = MARC8Codec.decode([0x1B, 0x78, 0x79])
        #expect(lone.bytes == Array("xy".utf8))
        #expect(lone.issues.map(\.kind) == [.badEscape])
        let cut = MARC8Codec.decode([0x61, 0x1B, 0x28])
        #expect(cut.bytes == Array("a".utf8))
        #expect(cut.issues.map(\.kind) == [.badEscape])
        #expect(cut.issues.first?.bytes == [0x1B, 0x28])
    }

    @Test func numericCharacterReferences() {
        #expect(MARC8Codec.decode(Array("a&#x263A;b".utf8)).bytes == Array("a☺b".utf8))
        #expect(MARC8Codec.decode(Array("&#x1F600; &#x41;".utf8)).bytes == Array("😀 A".utf8))
        #expect(MARC8Codec.decode(Array("&#x263a;".utf8)).bytes == Array("☺".utf8))
        for text in ["AT&T", "&#x;", "&#xZZ;", "&#x263A", "&#1234;", "&#xD800;", "&#x1234567;", "&#x110000;", "&amp;"] {
            let result = MARC8Codec.decode(Array(text.utf8))
            #expect(result.bytes == Array(text.utf8), "\(text) stays text")
            #expect(result.issues.isEmpty)
        }
    }

    @Test func referencesToCombiningMarks() {
        // After its base (how an encoder writes a mark MARC-8 lacks): stays there.
        #expect(MARC8Codec.decode(Array("e&#x335;x".utf8)).bytes == Array("e\u{335}x".utf8))
        // With a MARC-8 mark already waiting: it waits too, in order.
        let waiting = MARC8Codec.decode([0xE2] + Array("&#x335;a".utf8))
        #expect(waiting.bytes == Array("a\u{301}\u{335}".utf8))
        // A waiting mark lands on a character given as a reference.
        let onReference = MARC8Codec.decode([0xE2] + Array("&#x25B;".utf8))
        #expect(onReference.bytes == Array("ɛ\u{301}".utf8))
    }

    @Test func danglingMarksAreKeptAfterASpace() {
        let atEnd = MARC8Codec.decode([0x61, 0xE2])
        #expect(atEnd.bytes == Array("a \u{301}".utf8))
        #expect(atEnd.issues.map(\.kind) == [.danglingCombiningMark])
        #expect(atEnd.issues.first?.offset == 1)
        #expect(atEnd.issues.first?.bytes == [0xE2])
        let beforeDelimiter = MARC8Codec.decode([0x61, 0xE8, 0xE2, 0x1F, 0x62])
        #expect(beforeDelimiter.bytes == Array("a \u{308}\u{301}\u{1F}b".utf8))
        #expect(beforeDelimiter.issues.first?.bytes == [0xE8, 0xE2])
        // A mark before a space (MARC-8's spacing accent) takes that space as its base: the
        // convention, not a defect, so not reported.
        let beforeSpace = MARC8Codec.decode([0x61, 0xE2, 0x20, 0x62])
        #expect(beforeSpace.bytes == Array("a \u{301}b".utf8))
        #expect(beforeSpace.issues.isEmpty)
    }

    @Test func doubleDiacriticsDecodeToLCHalves() {
        // Ligature 0xEB t 0xEC s and double tilde 0xFA n 0xFB g.
        let ligature = MARC8Codec.decode([0xEB, 0x74, 0xEC, 0x73])
        #expect(ligature.bytes == Array("t\u{FE20}s\u{FE21}".utf8))
        let tilde = MARC8Codec.decode([0xFA, 0x6E, 0xFB, 0x67])
        #expect(tilde.bytes == Array("n\u{FE22}g\u{FE23}".utf8))
        #expect(ligature.issues.isEmpty && tilde.issues.isEmpty)
    }

    @Test func c1ControlsAndOtherControls() {
        let result = MARC8Codec.decode([0x88, 0x54, 0x68, 0x65, 0x20, 0x89, 0x65, 0x6E, 0x64, 0x0A, 0x8D])
        #expect(result.bytes == Array("\u{98}The \u{9C}end\n\u{200D}".utf8))
        #expect(result.issues.isEmpty)
        let undefined = MARC8Codec.decode([0x80, 0xFF])
        #expect(undefined.issues.map(\.offset) == [0, 1])
    }

    @Test func offsetsAreRelativeToTheSliceGiven() {
        let record: [UInt8] = Array("xxxxa".utf8) + [0xAF]
        var output: [UInt8] = []
        var issues: [CharsetIssue] = []
        record.withUnsafeBufferPointer { buffer in
            MARC8Decoder().decode(UnsafeBufferPointer(rebasing: buffer[4...]), into: &output, issues: &issues)
        }
        #expect(output == Array("a\u{FFFD}".utf8))
        #expect(issues.first?.offset == 1)
    }
}

/// Helpers for the MARC-8 and ISO 5426 tests.
enum MARC8Codec {
    struct Result {
        var bytes: [UInt8]
        var issues: [CharsetIssue]
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    static func decode(_ bytes: [UInt8]) -> Result {
        var output: [UInt8] = []
        var issues: [CharsetIssue] = []
        bytes.withUnsafeBufferPointer { MARC8Decoder().decode($0, into: &output, issues: &issues) }
        return Result(bytes: output, issues: issues)
    }

    static func encode(_ text: String, decompose: (@Sendable (UInt32) -> [UInt32]?)? = nil) -> Result {
        encode(Array(text.utf8), decompose: decompose)
    }

    static func encode(_ bytes: [UInt8], decompose: (@Sendable (UInt32) -> [UInt32]?)? = nil) -> Result {
        var output: [UInt8] = []
        var issues: [CharsetIssue] = []
        bytes.withUnsafeBufferPointer {
            MARC8Encoder(decompose: decompose).encode($0, into: &output, issues: &issues)
        }
        return Result(bytes: output, issues: issues)
    }

    static func decode5426(_ bytes: [UInt8]) -> Result {
        var output: [UInt8] = []
        var issues: [CharsetIssue] = []
        bytes.withUnsafeBufferPointer { ISO5426Decoder().decode($0, into: &output, issues: &issues) }
        return Result(bytes: output, issues: issues)
    }

    static func encode5426(_ text: String, decompose: (@Sendable (UInt32) -> [UInt32]?)? = nil) -> Result {
        var output: [UInt8] = []
        var issues: [CharsetIssue] = []
        Array(text.utf8).withUnsafeBufferPointer {
            ISO5426Encoder(decompose: decompose).encode($0, into: &output, issues: &issues)
        }
        return Result(bytes: output, issues: issues)
    }

    /// A few canonical decompositions, standing in for ICU in tests.
    static let decompositions: [UInt32: [UInt32]] = [
        0xE9: [0x65, 0x301], 0xF3: [0x6F, 0x301], 0x17A: [0x7A, 0x301], 0x1EC7: [0x1EB9, 0x302],
        0x1EB9: [0x65, 0x323], 0xFC: [0x75, 0x308], 0xD1: [0x4E, 0x303], 0x3AC: [0x3B1, 0x301],
    ]
    static let decompose: @Sendable (UInt32) -> [UInt32]? = { decompositions[$0] }
}
