import Charsets
import Testing

/// Bytes from the ISO 5426 table (MAB2 compilation): 0xC2 acute, 0xC9 umlaut, 0xE8 Ł, 0xF9 ø,
/// 0xDD/0xDF the double tilde halves.
@Suite struct ISO5426CodecTests {
    @Test func diacriticFollowsItsBase() {
        let result = MARC8Codec.decode5426([0x4D, 0xC9, 0x75, 0x6C, 0x6C, 0x65, 0x72, 0x20, 0xC2, 0x65])
        #expect(result.bytes == Array("Mu\u{308}ller e\u{301}".utf8))
        #expect(result.issues.isEmpty)
    }

    @Test func lettersOfTheSet() {
        let result = MARC8Codec.decode5426([0xE8, 0xC2, 0x6F, 0x64, 0xC2, 0x7A, 0x20, 0xF9, 0xFB])
        #expect(result.bytes == Array("Ło\u{301}dz\u{301} øß".utf8))
    }

    @Test func bothDiaeresesDecodeAlike() {
        #expect(MARC8Codec.decode5426([0xC8, 0x61]).bytes == Array("a\u{308}".utf8))
        #expect(MARC8Codec.decode5426([0xC9, 0x61]).bytes == Array("a\u{308}".utf8))
        // Encoding takes the plain umlaut row (0xC8 carries an unresolved note in the table).
        #expect(MARC8Codec.encode5426("a\u{308}").bytes == [0xC9, 0x61])
    }

    @Test func unmappedByte() {
        let result = MARC8Codec.decode5426([0x61, 0xB3, 0x62])
        #expect(result.bytes == Array("a\u{FFFD}b".utf8))
        #expect(result.issues.map(\.kind) == [.unmappedBytes])
        #expect(result.issues.first?.offset == 1)
        #expect(result.issues.first?.bytes == [0xB3])
    }

    @Test func escapeIsSkippedAndReported() {
        let result = MARC8Codec.decode5426([0x61, 0x1B, 0x28, 0x4E, 0x62])
        #expect(result.bytes == Array("ab".utf8))
        #expect(result.issues.map(\.kind) == [.badEscape])
        #expect(result.issues.first?.bytes == [0x1B, 0x28, 0x4E])
    }

    @Test func referencesStayText() {
        #expect(MARC8Codec.decode5426(Array("&#x263A;".utf8)).bytes == Array("&#x263A;".utf8))
    }

    @Test func danglingDiacritic() {
        let result = MARC8Codec.decode5426([0x61, 0xC2, 0x1F, 0x62])
        #expect(result.bytes == Array("a \u{301}\u{1F}b".utf8))
        #expect(result.issues.map(\.kind) == [.danglingCombiningMark])
    }

    @Test func encodes() {
        #expect(MARC8Codec.encode5426("Mu\u{308}ller").bytes == [0x4D, 0xC9, 0x75, 0x6C, 0x6C, 0x65, 0x72])
        let precomposed = MARC8Codec.encode5426("M\u{FC}ller", decompose: MARC8Codec.decompose)
        #expect(precomposed.bytes == [0x4D, 0xC9, 0x75, 0x6C, 0x6C, 0x65, 0x72])
        #expect(MARC8Codec.encode5426("n\u{360}g").bytes == [0xDD, 0x6E, 0xDF, 0x67])
        #expect(MARC8Codec.encode5426("$").bytes == [0x24])
    }

    @Test func outsideTheSet() {
        let result = MARC8Codec.encode5426("Ж")
        #expect(result.bytes == Array("&#x0416;".utf8))
        #expect(result.issues.map(\.kind) == [.unencodable])
        // The table has no ligature first half: U+0361 cannot be split and is a reference.
        #expect(MARC8Codec.encode5426("t\u{361}s").bytes == Array("t&#x0361;s".utf8))
    }

    @Test(arguments: ["Mu\u{308}ller, Jo\u{308}rg", "Ło\u{301}dz\u{301} ø æ œ ß þ", "«Zitat» n\u{FE22}g\u{FE23} § †", "\u{98}Der \u{9C}Titel"])
    func roundTrip(_ text: String) {
        let encoded = MARC8Codec.encode5426(text)
        #expect(encoded.issues.isEmpty)
        #expect(MARC8Codec.decode5426(encoded.bytes).bytes == Array(text.utf8))
    }
}
