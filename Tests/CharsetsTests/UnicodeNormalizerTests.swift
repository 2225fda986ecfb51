import Testing
@testable import Charsets

@Suite struct UnicodeNormalizerTests {
    private func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

    // Swift's String == compares canonical equivalence ("e\u{301}" == "é"), so every check here
    // compares bytes or scalars.

    @Test func composesAndDecomposesALatinLetter() {
        #expect(UnicodeNormalizer.nfc([0x65, 0xCC, 0x81]) == [0xC3, 0xA9])
        #expect(UnicodeNormalizer.nfd([0xC3, 0xA9]) == [0x65, 0xCC, 0x81])
        #expect(Array(UnicodeNormalizer.nfc("Cafe\u{301}").utf8) == [0x43, 0x61, 0x66, 0xC3, 0xA9])
        #expect(Array(UnicodeNormalizer.nfd("Café").utf8) == [0x43, 0x61, 0x66, 0x65, 0xCC, 0x81])
    }

    @Test func reordersCombiningMarks() {
        // Dot below (ccc 220) goes before acute (230), and then composes with the a first.
        let nfc = UnicodeNormalizer.nfc("a\u{301}\u{323}")
        #expect(nfc.unicodeScalars.map(\.value) == [0x1EA1, 0x301])
    }

    @Test func decomposesAndComposesHangul() {
        let nfd = UnicodeNormalizer.nfd("한국")
        #expect(nfd.unicodeScalars.map(\.value) == [0x1112, 0x1161, 0x11AB, 0x1100, 0x116E, 0x11A8])
        #expect(UnicodeNormalizer.nfc(nfd).unicodeScalars.map(\.value) == [0xD55C, 0xAD6D])
        #expect(!UnicodeNormalizer.isNFC(nfd))
        #expect(UnicodeNormalizer.isNFC("한국"))
    }

    @Test func checksNormalForm() {
        #expect(UnicodeNormalizer.isNFC("plain ASCII, with punctuation!"))
        #expect(UnicodeNormalizer.isNFC(""))
        #expect(UnicodeNormalizer.isNFC("Dvořák"))
        #expect(!UnicodeNormalizer.isNFC(utf8("Dvor\u{30C}a\u{301}k")))
        let decomposed = utf8("e\u{301}")
        #expect(decomposed.withUnsafeBufferPointer { UnicodeNormalizer.isNormalized($0, .nfd) })
        #expect(decomposed.withUnsafeBufferPointer { !UnicodeNormalizer.isNormalized($0, .nfc) })
        #expect(utf8("ﬁ").withUnsafeBufferPointer { UnicodeNormalizer.isNormalized($0, .nfc) })
        #expect(utf8("ﬁ").withUnsafeBufferPointer { !UnicodeNormalizer.isNormalized($0, .nfkc) })
    }

    /// `isNormalized` agrees with "normalizing changes nothing", including for broken input.
    @Test(arguments: [
        "ascii", "Éé", "e\u{301}", "한", "\u{1112}\u{1161}", "ﬁ Ⅻ ①", "ABC", "Straße", "\u{212B}", "a\u{323}\u{301}",
    ])
    func isNormalizedMeansNormalizingChangesNothing(_ text: String) {
        let bytes = utf8(text)
        for form in UnicodeNormalizer.Form.allCases {
            let same = UnicodeNormalizer.normalize(bytes, to: form) == bytes
            #expect(bytes.withUnsafeBufferPointer { UnicodeNormalizer.isNormalized($0, form) } == same, "\(form)")
        }
    }

    @Test func foldsForMatchKeys() {
        #expect(Array(UnicodeNormalizer.nfkcCasefold("ＡＢＣ Straße ﬁ Ⅻ").utf8) == utf8("abc strasse fi xii"))
        #expect(Array(UnicodeNormalizer.nfkcCasefold("HELLO").utf8) == utf8("hello"))
    }

    /// The ASCII shortcut for NFKC_Casefold (lowercase A–Z, keep the rest) must be what ICU does.
    @Test func asciiCasefoldShortcutMatchesICU() {
        for byte in UInt8(0)..<0x80 {
            // With "é" behind it the buffer is not ASCII, so ICU folds it.
            let viaICU = UnicodeNormalizer.nfkcCasefold([byte, 0xC3, 0xA9])
            let shortcut = UnicodeNormalizer.nfkcCasefold([byte])
            #expect(viaICU == shortcut + [0xC3, 0xA9], "0x\(String(byte, radix: 16))")
        }
    }

    @Test func appendsToOutputAndLeavesASCIIAlone() {
        var output = utf8(">")
        utf8("just ASCII").withUnsafeBufferPointer { UnicodeNormalizer.nfc($0, into: &output) }
        utf8(" e\u{301}").withUnsafeBufferPointer { UnicodeNormalizer.nfc($0, into: &output) }
        #expect(output == utf8(">just ASCII é"))
    }

    /// ICU would copy ill-formed bytes through; we write U+FFFD for each maximal ill-formed subpart
    /// and say where it was.
    @Test func repairsIllFormedUTF8() {
        let input: [UInt8] = [0x61, 0xFF, 0x65, 0xCC, 0x81, 0xED, 0xA0, 0x80, 0x62, 0xE2, 0x82]
        var output: [UInt8] = []
        var issues: [CharsetIssue] = []
        input.withUnsafeBufferPointer { UnicodeNormalizer.normalize($0, to: .nfc, into: &output, issues: &issues) }
        // ED A0 80 (a UTF-16 surrogate) is three maximal subparts; E2 82 at the end is one.
        #expect(output == utf8("a\u{FFFD}é\u{FFFD}\u{FFFD}\u{FFFD}b\u{FFFD}"))
        #expect(issues.map(\.kind) == [.invalidUTF8, .invalidUTF8, .invalidUTF8])
        #expect(issues.map(\.offset) == [1, 5, 9])
        #expect(issues.map(\.bytes) == [[0xFF], [0xED, 0xA0, 0x80], [0xE2, 0x82]])
        #expect(!UnicodeNormalizer.isNFC(input))
        #expect(!UnicodeNormalizer.isNFC([0x80]))
        #expect(UnicodeNormalizer.nfd([0xC0, 0xAF]) == utf8("\u{FFFD}\u{FFFD}"))  // overlong "/"
    }

    /// Several megabytes in one call: ICU's UTF-8 normalizer is linear, unlike Foundation's on Linux.
    /// No timing assertion; a quadratic path would not finish within the test run.
    @Test func normalizesSeveralMegabytes() {
        let unit = utf8("Dvor\u{30C}a\u{301}k: Symfonie c\u{30C}. 9 — 한국어 e\u{301}dition ﬁnale; ")
        let count = 6_000_000 / unit.count
        var input: [UInt8] = []
        input.reserveCapacity(count * unit.count)
        for _ in 0..<count { input.append(contentsOf: unit) }
        let output = UnicodeNormalizer.nfc(input)
        let unitNFC = UnicodeNormalizer.nfc(unit)
        #expect(output.count == unitNFC.count * count)
        #expect(output.starts(with: unitNFC + unitNFC))
        #expect(UnicodeNormalizer.isNFC(output))
        #expect(UnicodeNormalizer.nfd(output) == UnicodeNormalizer.nfd(input))
    }

    // MARK: - One code point

    @Test func decomposesOneCodePoint() {
        #expect(UnicodeNormalizer.canonicalDecomposition(of: 0xE9) == [0x65, 0x301])
        #expect(UnicodeNormalizer.canonicalDecomposition(of: 0x439) == [0x438, 0x306])  // й
        #expect(UnicodeNormalizer.canonicalDecomposition(of: 0x1EA5) == [0x61, 0x302, 0x301])  // ấ, recursive
        #expect(UnicodeNormalizer.canonicalDecomposition(of: 0x212B) == [0x41, 0x30A])  // Å sign
        #expect(UnicodeNormalizer.canonicalDecomposition(of: 0xD55C) == [0x1112, 0x1161, 0x11AB])  // 한
        #expect(UnicodeNormalizer.canonicalDecomposition(of: 0x61) == nil)
        #expect(UnicodeNormalizer.canonicalDecomposition(of: 0xBD) == nil)  // ½: compatibility only
        #expect(UnicodeNormalizer.canonicalDecomposition(of: 0xFB01) == nil)  // ﬁ: compatibility only
        #expect(UnicodeNormalizer.canonicalDecomposition(of: 0xD800) == nil)
        #expect(UnicodeNormalizer.canonicalDecomposition(of: 0x11_0000) == nil)
        #expect(UnicodeNormalizer.canonicalDecomposition(of: "ǘ" as Unicode.Scalar) == ["u", "\u{308}", "\u{301}"])
    }

    /// The shortcut below U+00C0 in `canonicalDecomposition` must not hide a decomposition.
    @Test func nothingBelowC0DecomposesCanonically() {
        for value in UInt32(0)..<0xC0 {
            let bytes = utf8(String(Unicode.Scalar(value)!))
            #expect(UnicodeNormalizer.nfd(bytes) == bytes, "U+\(String(value, radix: 16))")
        }
    }
}
