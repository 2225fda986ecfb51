import Testing
import CICUShim
@testable import Charsets

@Suite struct CodePageTests {
    /// The pages the acceptance check names; the table test runs over every listed page.
    static let acceptancePages: [CodePage] = [.cp850, .cp437, .cp852, .cp1252, .latin1]

    // MARK: - All 256 bytes against ICU

    /// Each byte alone through our table codec and through ICU's whole-buffer converter (a different
    /// shim function and ICU code path): same character, or both say unmapped.
    @Test(arguments: CodePage.allCases)
    func decodesEveryByteAsICUDoes(_ page: CodePage) {
        let codec = page.codec
        for byte in UInt8.min...UInt8.max {
            let icu = ShimICU.toUTF8([byte], converter: page.icuName)
            let (ours, issues) = codec.decode([byte])
            if icu.status == KICU_OK {
                #expect(ours == icu.bytes, "\(page) byte 0x\(String(byte, radix: 16))")
                #expect(issues.isEmpty)
            } else {
                #expect(icu.status == KICU_UNMAPPABLE, "\(page) byte 0x\(String(byte, radix: 16))")
                #expect(ours == [0xEF, 0xBF, 0xBD])
                #expect(issues.map(\.kind) == [.unmappedBytes])
                #expect(issues.first?.bytes == [byte])
            }
        }
    }

    /// Encoding what a byte decodes to gives what ICU's encoder gives: the byte itself wherever ICU
    /// round-trips it.
    @Test(arguments: CodePage.allCases)
    func encodesEveryDecodedByteAsICUDoes(_ page: CodePage) {
        let codec = page.codec
        for byte in UInt8.min...UInt8.max {
            let decoded = codec.decode([byte]).utf8
            guard decoded != [0xEF, 0xBF, 0xBD] else { continue }
            let icu = ShimICU.fromUTF8(decoded, converter: page.icuName)
            let (ours, issues) = codec.encode(decoded)
            #expect(icu.status == KICU_OK, "\(page) byte 0x\(String(byte, radix: 16)) does not round-trip in ICU")
            #expect(ours == icu.bytes, "\(page) byte 0x\(String(byte, radix: 16))")
            #expect(issues.isEmpty)
        }
    }

    /// The acceptance pages: every byte ICU maps comes back as itself.
    @Test(arguments: acceptancePages)
    func mappedBytesRoundTrip(_ page: CodePage) {
        let codec = page.codec
        var mapped = 0
        for byte in UInt8.min...UInt8.max {
            let (decoded, issues) = codec.decode([byte])
            guard issues.isEmpty else { continue }
            mapped += 1
            #expect(codec.encode(decoded).bytes == [byte], "\(page) byte 0x\(String(byte, radix: 16))")
        }
        // cp852 is the one with a hole in ICU's table (0xAA); the others map all 256.
        #expect(mapped == (page == .cp852 ? 255 : 256))
    }

    /// All 256 bytes in one buffer: the bulk path matches the byte-at-a-time one, the result is what
    /// ICU converts the mapped bytes to, and it is already NFC.
    @Test(arguments: CodePage.allCases)
    func decodesWholeBufferLikeSingleBytes(_ page: CodePage) {
        let codec = page.codec
        let all = Array(UInt8.min...UInt8.max)
        let (whole, issues) = codec.decode(all)
        #expect(whole == all.flatMap { codec.decode([$0]).utf8 })
        let mapped = all.filter { codec.scalar(forByte: $0) != nil }
        #expect(codec.decode(mapped).utf8 == ShimICU.toUTF8(mapped, converter: page.icuName).bytes)
        // Unmapped bytes are few and apart in every page, so each issue's bytes are complete.
        #expect(issues.flatMap(\.bytes) == all.filter { codec.scalar(forByte: $0) == nil })
        #expect(UnicodeNormalizer.isNFC(whole))
    }

    // MARK: - Published facts

    struct Fact: Sendable, CustomTestStringConvertible {
        var page: CodePage
        var byte: UInt8
        var scalar: UInt32
        var testDescription: String { "\(page) 0x\(String(byte, radix: 16, uppercase: true)) = U+\(String(scalar, radix: 16, uppercase: true))" }
    }

    /// From the published mapping tables (Unicode's VENDORS/MICSFT and ISO 8859 files, RFC 1489),
    /// written down here rather than asked of ICU.
    static let facts: [Fact] = [
        Fact(page: .cp850, byte: 0x82, scalar: 0x00E9),  // é
        Fact(page: .cp850, byte: 0x9B, scalar: 0x00F8),  // ø
        Fact(page: .cp850, byte: 0xD5, scalar: 0x0131),  // ı
        Fact(page: .cp858, byte: 0xD5, scalar: 0x20AC),  // € where cp850 has ı
        Fact(page: .cp437, byte: 0xE1, scalar: 0x00DF),  // ß
        Fact(page: .cp437, byte: 0x80, scalar: 0x00C7),  // Ç
        Fact(page: .cp437, byte: 0xDB, scalar: 0x2588),  // █
        Fact(page: .cp852, byte: 0xA5, scalar: 0x0105),  // ą
        Fact(page: .cp852, byte: 0x9F, scalar: 0x010D),  // č
        Fact(page: .cp866, byte: 0x80, scalar: 0x0410),  // А
        Fact(page: .cp866, byte: 0xF0, scalar: 0x0401),  // Ё
        Fact(page: .cp1250, byte: 0x9A, scalar: 0x0161),  // š
        Fact(page: .cp1251, byte: 0xC0, scalar: 0x0410),  // А
        Fact(page: .cp1252, byte: 0x80, scalar: 0x20AC),  // €
        Fact(page: .cp1252, byte: 0x9C, scalar: 0x0153),  // œ
        Fact(page: .latin1, byte: 0xE9, scalar: 0x00E9),  // é
        Fact(page: .latin1, byte: 0xA4, scalar: 0x00A4),  // ¤
        Fact(page: .latin9, byte: 0xA4, scalar: 0x20AC),  // € where Latin-1 has ¤
        Fact(page: .iso8859_5, byte: 0xB0, scalar: 0x0410),  // А
        Fact(page: .koi8r, byte: 0xC1, scalar: 0x0430),  // а
        Fact(page: .koi8r, byte: 0xE1, scalar: 0x0410),  // А
    ]

    @Test(arguments: facts)
    func decodesPublishedMapping(_ fact: Fact) {
        let codec = fact.page.codec
        #expect(codec.scalar(forByte: fact.byte)?.value == fact.scalar)
        let (utf8, issues) = codec.decode([0x41, fact.byte, 0x42])
        #expect(utf8 == [0x41] + Array(String(Unicode.Scalar(fact.scalar)!).utf8) + [0x42])
        #expect(issues.isEmpty)
        #expect(codec.encode(String(Unicode.Scalar(fact.scalar)!)).bytes == [fact.byte])
    }

    /// Where ICU's tables differ from Microsoft's files; we follow ICU, and this says so.
    @Test func followsICUWhereItDiffersFromMicrosoft() {
        // IBM's PC layout moves three controls: 0x1A is U+001C, 0x1C is U+007F, 0x7F is U+001A.
        for page in [CodePage.cp437, .cp850, .cp852, .cp866] {
            #expect(page.codec.scalar(forByte: 0x1A)?.value == 0x1C, "\(page)")
            #expect(page.codec.scalar(forByte: 0x1C)?.value == 0x7F, "\(page)")
            #expect(page.codec.scalar(forByte: 0x7F)?.value == 0x1A, "\(page)")
            #expect(page.codec.byte(for: "\u{1A}") == 0x7F, "\(page)")
        }
        // Microsoft has MICRO SIGN U+00B5 at 0xE6 of cp437 and cp865; IBM's table has GREEK SMALL
        // LETTER MU U+03BC, and encodes U+00B5 only as a one-way fallback, so it is not encodable.
        for page in [CodePage.cp437, .cp865] {
            #expect(page.codec.scalar(forByte: 0xE6)?.value == 0x3BC, "\(page)")
            #expect(page.codec.byte(for: "\u{B5}") == nil, "\(page)")
        }
        // Microsoft's cp852 has ¬ at 0xAA; ICU's ibm-852 maps it to nothing.
        #expect(CodePage.cp852.codec.scalar(forByte: 0xAA) == nil)
        // Microsoft leaves cp1252's 0x81 undefined; ICU (like WHATWG) gives it the C1 control U+0081.
        #expect(CodePage.cp1252.codec.scalar(forByte: 0x81)?.value == 0x81)
        // The ISO pages and the Windows pages keep every ASCII byte as it is.
        #expect(CodePage.latin1.codec.tables.asciiIsIdentity)
        #expect(CodePage.cp1252.codec.tables.asciiIsIdentity)
        #expect(!CodePage.cp437.codec.tables.asciiIsIdentity)
    }

    /// `encode` writes `&#xXXXX;` as ASCII bytes; that is only right if every page has them there.
    @Test(arguments: CodePage.allCases)
    func carriesCharacterReferenceSyntaxAsASCII(_ page: CodePage) {
        for character in "&#x0123456789ABCDEF;".unicodeScalars {
            #expect(page.codec.byte(for: character) == UInt8(character.value), "\(page) \(character)")
        }
    }

    // MARK: - Names

    @Test func findsPagesByTheNamesPeopleType() {
        let expected: [(String, CodePage)] = [
            ("cp850", .cp850), ("CP850", .cp850), ("ibm850", .cp850), ("IBM-850", .cp850), ("850", .cp850),
            ("cp437", .cp437), ("IBM437", .cp437), ("437", .cp437),
            ("windows-1252", .cp1252), ("Windows-1252", .cp1252), ("cp1252", .cp1252), ("win1252", .cp1252),
            ("latin1", .latin1), ("Latin-1", .latin1), ("ISO-8859-1", .latin1), ("iso_8859-1", .latin1),
            ("iso8859-1", .latin1), ("l1", .latin1),
            ("latin2", .latin2), ("ISO-8859-2", .latin2),
            ("iso-8859-5", .iso8859_5), ("ISO8859-5", .iso8859_5),
            ("latin9", .latin9), ("ISO-8859-15", .latin9),
            // IANA's latin5 is ISO 8859-9 (Turkish), not ISO 8859-5 (Cyrillic).
            ("latin5", .iso8859_9),
            ("KOI8-R", .koi8r), ("koi8r", .koi8r),
            // Not in our list of spellings, but ICU knows it as an alias of ibm-850.
            ("csPC850Multilingual", .cp850),
        ]
        for (name, page) in expected {
            #expect(CodePage(name: name) == page, "\(name)")
        }
    }

    @Test func refusesNamesThatAreNotOneOfItsPages() {
        // ibm-1252 is a real ICU table, but not the windows-1252 one we ship as cp1252.
        for name in ["", "utf-8", "UTF8", "marc8", "cp9999", "ibm-1252", "Shift_JIS", "latin"] {
            #expect(CodePage(name: name) == nil, "\(name)")
        }
    }

    @Test(arguments: CodePage.allCases)
    func findsEveryPageByRawValueAndICUName(_ page: CodePage) {
        #expect(CodePage(name: page.rawValue) == page)
        #expect(CodePage(name: page.icuName) == page)
        #expect(!page.codec.icuConverterName.isEmpty)
    }
}
