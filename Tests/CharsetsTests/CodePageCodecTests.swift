import Testing
@testable import Charsets

@Suite struct CodePageCodecTests {
    private func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

    // MARK: - Decoding

    @Test func decodesCP850Text() {
        // "Café Ørsted" in cp850: é = 0x82, Ø = 0x9D.
        let (text, issues) = CodePage.cp850.codec.decode([0x43, 0x61, 0x66, 0x82, 0x20, 0x9D, 0x72, 0x73, 0x74, 0x65, 0x64])
        #expect(text == utf8("Café Ørsted"))
        #expect(issues.isEmpty)
    }

    @Test func asciiOnAPageThatMovesControlsStillGoesThroughTheTable() {
        // cp437 decodes 0x1A as U+001C: an all-ASCII buffer must not be copied as it is.
        #expect(CodePage.cp437.codec.decode([0x41, 0x1A, 0x42]).utf8 == [0x41, 0x1C, 0x42])
        #expect(CodePage.latin1.codec.decode([0x41, 0x1A, 0x42]).utf8 == [0x41, 0x1A, 0x42])
    }

    @Test func unmappedBytesBecomeReplacementCharactersWithOneIssuePerRun() {
        // cp1253 (Greek) has nothing at 0xD2 or 0xFF.
        let (text, issues) = CodePage.cp1253.codec.decode([0x41, 0xD2, 0xFF, 0xC1, 0xD2])
        #expect(text == utf8("A\u{FFFD}\u{FFFD}Α\u{FFFD}"))
        #expect(issues.map(\.kind) == [.unmappedBytes, .unmappedBytes])
        #expect(issues.map(\.offset) == [1, 4])
        #expect(issues.map(\.bytes) == [[0xD2, 0xFF], [0xD2]])
        #expect(issues[0].message.contains("cp1253"))
    }

    @Test func decodeAppendsToOutput() {
        var output = utf8("prefix:")
        var issues: [CharsetIssue] = []
        [UInt8]([0x82, 0x41]).withUnsafeBufferPointer {
            CodePage.cp850.codec.decode($0, into: &output, issues: &issues)
        }
        #expect(output == utf8("prefix:éA"))
    }

    @Test func decodesALargeBuffer() {
        let input = [UInt8]((0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 % 223 + 33) })
        let (text, issues) = CodePage.cp866.codec.decode(input)
        #expect(issues.isEmpty)
        #expect(String(decoding: text, as: UTF8.self).unicodeScalars.count == input.count)
    }

    // MARK: - Encoding

    @Test func encodesPrecomposedText() {
        let (bytes, issues) = CodePage.cp850.codec.encode("Café Ørsted")
        #expect(bytes == [0x43, 0x61, 0x66, 0x82, 0x20, 0x9D, 0x72, 0x73, 0x74, 0x65, 0x64])
        #expect(issues.isEmpty)
    }

    @Test func composesDecomposedLettersThePageHas() {
        // "e" + COMBINING ACUTE, as decomposed sources write it, is cp850's é (0x82).
        let (bytes, issues) = CodePage.cp850.codec.encode(utf8("Cafe\u{301} A\u{30A}"))
        #expect(bytes == [0x43, 0x61, 0x66, 0x82, 0x20, 0x8F])
        #expect(issues.isEmpty)
        // Latin-2 has ą precomposed (0xB1): "a" + COMBINING OGONEK goes there.
        #expect(CodePage.latin2.codec.encode(utf8("a\u{328}")).bytes == [0xB1])
    }

    @Test func composesSingletonsToTheirCanonicalEquivalent() {
        // U+212B ANGSTROM SIGN is canonically Å; U+2126 OHM SIGN is Ω (cp437 0xEA).
        #expect(CodePage.cp850.codec.encode("\u{212B}").bytes == [0x8F])
        #expect(CodePage.cp437.codec.encode("\u{2126}").bytes == [0xEA])
    }

    @Test func writesCharacterReferencesForWhatThePageLacks() {
        let (bytes, issues) = CodePage.cp850.codec.encode("Москва, Київ")
        #expect(bytes == utf8("&#x041C;&#x043E;&#x0441;&#x043A;&#x0432;&#x0430;, &#x041A;&#x0438;&#x0457;&#x0432;"))
        // One issue per run of characters, not per character.
        #expect(issues.map(\.kind) == [.unencodable, .unencodable])
        #expect(issues.map(\.offset) == [0, 14])
        #expect(issues[0].bytes == [0xD0, 0x9C, 0xD0, 0xBE, 0xD1, 0x81, 0xD0, 0xBA])  // first eight bytes
        #expect(issues[0].message.contains("U+041C"))
        #expect(issues[1].message.contains("U+041A"))
    }

    @Test func keepsTheBaseWhenAMarkCannotBeComposed() {
        // cp850 has q but no q with acute, nor the mark alone.
        let (bytes, issues) = CodePage.cp850.codec.encode(utf8("q\u{301}!"))
        #expect(bytes == utf8("q&#x0301;!"))
        #expect(issues.map(\.offset) == [1])
        // Beyond the BMP: five hex digits.
        #expect(CodePage.latin1.codec.encode("𝄞").bytes == utf8("&#x1D11E;"))
    }

    @Test func euroGoesWhereEachPageHasIt() {
        #expect(CodePage.cp1252.codec.encode("€").bytes == [0x80])
        #expect(CodePage.latin9.codec.encode("€").bytes == [0xA4])
        #expect(CodePage.cp858.codec.encode("€").bytes == [0xD5])
        let (bytes, issues) = CodePage.latin1.codec.encode("€")
        #expect(bytes == utf8("&#x20AC;"))
        #expect(issues.map(\.kind) == [.unencodable])
    }

    @Test func illFormedUTF8IsReferencedAsReplacementCharacter() {
        // C3 then "(": C3 is a lead byte cut short (its maximal subpart is C3 alone); FF never starts one.
        let (bytes, issues) = CodePage.latin1.codec.encode([0x41, 0xC3, 0x28, 0xFF, 0xE9])
        #expect(bytes == utf8("A&#xFFFD;(&#xFFFD;&#xFFFD;"))
        #expect(issues.map(\.kind) == [.invalidUTF8, .invalidUTF8])
        #expect(issues.map(\.offset) == [1, 3])
        #expect(issues.map(\.bytes) == [[0xC3], [0xFF, 0xE9]])
    }

    @Test func reportsMixedProblemsInOffsetOrder() {
        // Ж (D0 96), a stray FF, Ж again, then a lone continuation byte.
        let (bytes, issues) = CodePage.latin1.codec.encode([0xD0, 0x96, 0xFF, 0xD0, 0x96, 0x41, 0x80])
        #expect(bytes == utf8("&#x0416;&#xFFFD;&#x0416;A&#xFFFD;"))
        #expect(issues.map(\.kind) == [.unencodable, .invalidUTF8, .unencodable, .invalidUTF8])
        #expect(issues.map(\.offset) == [0, 2, 3, 6])
    }

    @Test func encodeAppendsToOutput() {
        var output: [UInt8] = [0x01]
        var issues: [CharsetIssue] = []
        utf8("é").withUnsafeBufferPointer { CodePage.latin1.codec.encode($0, into: &output, issues: &issues) }
        #expect(output == [0x01, 0xE9])
        #expect(issues.isEmpty)
    }

    @Test func codecsAreSharedAcrossThreads() async {
        let pages = CodePage.allCases
        let results = await withTaskGroup(of: (CodePage, [UInt8]).self) { group in
            for page in pages + pages {
                group.addTask { (page, page.codec.decode(Array(0x80...0xFF)).utf8) }
            }
            var results: [CodePage: Set<[UInt8]>] = [:]
            for await (page, text) in group { results[page, default: []].insert(text) }
            return results
        }
        #expect(results.count == pages.count)
        #expect(results.values.allSatisfy { $0.count == 1 })
    }
}
