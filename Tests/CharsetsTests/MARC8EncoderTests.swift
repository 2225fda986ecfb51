import Charsets
import Testing

@Suite struct MARC8EncoderTests {
    @Test func asciiPassesThrough() {
        let field = Array("10".utf8) + [0x1F] + Array("aAT&T, 1999 /".utf8) + [0x1F] + Array("c[s.n.]".utf8)
        let result = MARC8Codec.encode(field)
        #expect(result.bytes == field)
        #expect(result.issues.isEmpty)
    }

    @Test func combiningMarkMovesBeforeItsBase() {
        #expect(MARC8Codec.encode("Vie\u{323}\u{302}t").bytes == [0x56, 0x69, 0xF2, 0xE3, 0x65, 0x74])
        #expect(MARC8Codec.encode("e\u{301}").bytes == [0xE2, 0x65])
    }

    @Test func precomposedNeedsTheDecomposition() {
        let without = MARC8Codec.encode("caf\u{E9}")
        #expect(without.bytes == Array("caf&#x00E9;".utf8))
        #expect(without.issues.map(\.kind) == [.unencodable])
        #expect(without.issues.first?.offset == 3)
        #expect(without.issues.first?.bytes == [0xC3, 0xA9])
        let with = MARC8Codec.encode("caf\u{E9}", decompose: MARC8Codec.decompose)
        #expect(with.bytes == [0x63, 0x61, 0x66, 0xE2, 0x65])
        #expect(with.issues.isEmpty)
        // Two levels (ệ → ẹ + circumflex → e + dot below + circumflex), then a mark that followed.
        let nested = MARC8Codec.encode("\u{1EC7}\u{300}", decompose: MARC8Codec.decompose)
        #expect(nested.bytes == [0xF2, 0xE3, 0xE1, 0x65])
    }

    @Test func directMappingWinsOverDecomposition() {
        // Ø and Ł are ANSEL letters (0xA2, 0xA1), not O and L with a mark.
        #expect(MARC8Codec.encode("ØŁ", decompose: MARC8Codec.decompose).bytes == [0xA2, 0xA1])
    }

    @Test func cyrillicWithEscapesOnlyWhenTheSetChanges() {
        let result = MARC8Codec.encode("Русский")
        #expect(result.bytes == [0x1B, 0x28, 0x4E, 0x72, 0x55, 0x53, 0x53, 0x4B, 0x49, 0x4A, 0x1B, 0x28, 0x42])
        // Digits, spaces and punctuation Cyrillic also carries need no switch back.
        let mixed = MARC8Codec.encode("Мир, 1990!")
        #expect(mixed.bytes.filter { $0 == 0x1B }.count == 2)
        #expect(MARC8Codec.decode(mixed.bytes).bytes == Array("Мир, 1990!".utf8))
    }

    @Test func alphaGoesToBasicGreek() {
        #expect(MARC8Codec.encode("α").bytes == [0x1B, 0x28, 0x53, 0x61, 0x1B, 0x28, 0x42])
    }

    @Test func eaccAndTechniqueOne() {
        #expect(MARC8Codec.encode("人中").bytes == [0x1B, 0x24, 0x31, 0x21, 0x30, 0x64, 0x21, 0x30, 0x34, 0x1B, 0x28, 0x42])
        #expect(MARC8Codec.encode("H₂O").bytes == [0x48, 0x1B, 0x62, 0x32, 0x1B, 0x73, 0x4F])
        #expect(MARC8Codec.encode("x²").bytes == [0x78, 0x1B, 0x70, 0x32, 0x1B, 0x73])
    }

    @Test func subfieldDelimiterStartsAtTheDefaults() {
        let result = MARC8Codec.encode("\u{1F}aРус\u{1F}bx")
        #expect(result.bytes == [0x1F, 0x61, 0x1B, 0x28, 0x4E, 0x72, 0x55, 0x53, 0x1B, 0x28, 0x42, 0x1F, 0x62, 0x78])
    }

    @Test func doubleDiacriticsInBothForms() {
        #expect(MARC8Codec.encode("t\u{FE20}s\u{FE21}").bytes == [0xEB, 0x74, 0xEC, 0x73])
        #expect(MARC8Codec.encode("t\u{361}s").bytes == [0xEB, 0x74, 0xEC, 0x73])
        #expect(MARC8Codec.encode("n\u{FE22}g\u{FE23}").bytes == [0xFA, 0x6E, 0xFB, 0x67])
        #expect(MARC8Codec.encode("n\u{360}g").bytes == [0xFA, 0x6E, 0xFB, 0x67])
        // U+0361 decodes to LC's halves, not back to U+0361.
        #expect(MARC8Codec.decode(MARC8Codec.encode("Ot\u{361}sy").bytes).bytes == Array("Ot\u{FE20}s\u{FE21}y".utf8))
        // The second letter's own marks come after the second half.
        #expect(MARC8Codec.encode("i\u{361}a\u{301}").bytes == [0xEB, 0x69, 0xEC, 0xE2, 0x61])
        // No second letter: the second half has nothing to span and is left out.
        #expect(MARC8Codec.encode("t\u{361} s").bytes == [0xEB, 0x74, 0x20, 0x73])
    }

    @Test func outsideMARC8IsAReference() {
        let result = MARC8Codec.encode("smile \u{263A}!")
        #expect(result.bytes == Array("smile &#x263A;!".utf8))
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.kind == .unencodable)
        #expect(result.issues.first?.offset == 6)
        #expect(MARC8Codec.encode("\u{1F600}").bytes == Array("&#x1F600;".utf8))
    }

    @Test func referenceIsWrittenInASCII() {
        // The reference needs G0 = ASCII: Cyrillic is left for it and taken up again.
        let result = MARC8Codec.encode("Ж\u{263A}Ж")
        #expect(result.bytes == [0x1B, 0x28, 0x4E, 0x76, 0x1B, 0x28, 0x42] + Array("&#x263A;".utf8)
            + [0x1B, 0x28, 0x4E, 0x76, 0x1B, 0x28, 0x42])
    }

    @Test func marksMARC8LacksStayAfterTheBase() {
        // U+0335 is in no MARC-8 set: it and every mark after it follow the base as references.
        let result = MARC8Codec.encode("a\u{301}\u{335}\u{300}b")
        #expect(result.bytes == [0xE2, 0x61] + Array("&#x0335;&#x0300;b".utf8))
        #expect(result.issues.map(\.kind) == [.unencodable])
        #expect(result.issues.first?.offset == 3)
    }

    @Test func marksOnACharacterMARC8Lacks() {
        let result = MARC8Codec.encode("\u{25B}\u{301}")
        #expect(result.bytes == [0xE2] + Array("&#x025B;".utf8))
    }

    @Test func orphanMarkAtTheStart() {
        let result = MARC8Codec.encode("\u{301}a")
        #expect(result.bytes == Array("&#x0301;a".utf8))
        #expect(result.issues.map(\.kind) == [.danglingCombiningMark])
    }

    @Test func literalReferenceTextIsProtected() {
        let result = MARC8Codec.encode("&#x41; & &x")
        #expect(result.bytes == Array("&#x0026;#x41; & &x".utf8))
        #expect(result.issues.isEmpty)
        #expect(MARC8Codec.decode(result.bytes).bytes == Array("&#x41; & &x".utf8))
    }

    @Test func escapeCharacterIsAReference() {
        let result = MARC8Codec.encode("a\u{1B}b")
        #expect(result.bytes == Array("a&#x001B;b".utf8))
        #expect(result.issues.map(\.kind) == [.unencodable])
    }

    @Test func invalidUTF8() {
        let stray = MARC8Codec.encode([0x61, 0xFF, 0x62])
        #expect(stray.bytes == Array("a&#xFFFD;b".utf8))
        #expect(stray.issues.map(\.kind) == [.invalidUTF8])
        #expect(stray.issues.first?.offset == 1)
        #expect(stray.issues.first?.bytes == [0xFF])
        // A truncated sequence is one replacement (maximal subpart), then the next byte is read.
        let truncated = MARC8Codec.encode([0xE4, 0xBA, 0x61])
        #expect(truncated.bytes == Array("&#xFFFD;a".utf8))
        #expect(truncated.issues.first?.bytes == [0xE4, 0xBA])
        // Encoded surrogates are not UTF-8.
        let surrogate = MARC8Codec.encode([0xED, 0xA0, 0x80])
        #expect(surrogate.issues.map(\.kind) == [.invalidUTF8, .invalidUTF8, .invalidUTF8])
    }

    @Test func c1Characters() {
        #expect(MARC8Codec.encode("\u{98}The \u{9C}x\u{200D}").bytes == [0x88, 0x54, 0x68, 0x65, 0x20, 0x89, 0x78, 0x8D])
    }

    static let roundTrips: [String] = [
        "Plain ASCII, with punctuation: [1999] & more!",
        "Ło\u{301}dz\u{301}, Kraków? no: Krako\u{301}w",
        "Vie\u{323}\u{302}t Nam; Nguye\u{302}\u{303}n",
        "Ot\u{FE20}s\u{FE21}y i n\u{FE22}g\u{FE23} and ©℗ € ° ß æ œ Ð ð þ ı",
        "λο\u{301}γος; Ἀ is not, but α\u{313} is",
        "Русский язык, 1990. Ђорђе Јовановић",
        "שָׁלוֹם עולם",
        "سَلام و پگاه",
        "人中文 가나 あいう",
        "H₂O and x² and the αβγ-rays",
        "\u{98}The \u{9C}end with\u{200D}joiner",
        " \u{301} spacing acute",
        "mixed: Ж人α\u{263A}z",
        "\u{1F}aTitle\u{1F}bРус\u{1F}6880-01",
    ]

    @Test(arguments: roundTrips)
    func roundTrip(_ text: String) {
        let encoded = MARC8Codec.encode(text)
        let decoded = MARC8Codec.decode(encoded.bytes)
        #expect(decoded.bytes == Array(text.utf8), "\(text) came back as \(decoded.text)")
        #expect(decoded.issues.filter { $0.kind != .danglingCombiningMark }.isEmpty)
        #expect(encoded.issues.filter { $0.kind != .unencodable }.isEmpty)
    }

    @Test func roundTripIsExactForTheReferenceToo() {
        let text = "before \u{263A}\u{1F600} after"
        #expect(MARC8Codec.decode(MARC8Codec.encode(text).bytes).bytes == Array(text.utf8))
    }
}
