import Testing
import MARCRecord
@testable import Charsets

/// Builds a record whose one data field 245 holds `value` as raw bytes, with leader/09 as given.
func record(_ value: [UInt8], leader09: Character = " ", tag: String = "245", extraTags: [String] = []) -> MARCRecord {
    var r = MARCRecord()
    r.setLeaderByte(leader09.asciiValue!, at: 9)
    r.appendField("001", content: Array("ocm00000001".utf8))
    for extra in extraTags { r.appendField(Tag(extra)!, content: Array("  \u{1F}aplain".utf8)) }
    r.appendField(Tag(tag)!, content: Array("10\u{1F}a".utf8) + value)
    return r
}

@Suite struct UTF8ScanTests {
    func scan(_ bytes: [UInt8]) -> UTF8Scan { bytes.withUnsafeBufferPointer { UTF8Scan($0) } }

    @Test func asciiIsValidAndHasNoHighBytes() {
        let s = scan(Array("Hello".utf8))
        #expect(s.isASCII && s.isValid && s.multibyteSequences == 0)
    }

    @Test func countsSequencesOfEveryLength() {
        let s = scan(Array("é€𝄞".utf8))
        #expect(s.multibyteSequences == 3)
        #expect(s.highBytes == 2 + 3 + 4)
        #expect(s.isValid)
    }

    @Test(arguments: [
        [0xC0, 0xAF],  // overlong '/'
        [0xE0, 0x80, 0xAF],  // overlong
        [0xED, 0xA0, 0x80],  // surrogate U+D800
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xE9, 0x20],  // Latin-1 é before a space
        [0xE2, 0x65],  // ANSEL acute before e
        [0xC3],  // cut short
    ] as [[UInt8]])
    func rejectsMalformedSequences(_ bytes: [UInt8]) {
        let s = scan(bytes)
        #expect(!s.isValid)
        #expect(s.firstInvalid == 0)
    }
}

@Suite struct EncodingDetectorTests {
    @Test func asciiAgreesWithEitherLeader() {
        for l in [" ", "a"] as [Character] {
            let v = EncodingDetector.detect(record(Array("Plain title".utf8), leader09: l))
            #expect(v.encoding == .ascii)
            #expect(!v.leaderDisagrees)
        }
    }

    @Test func utf8UnderABlankLeaderIsUTF8AndTheLeaderLies() {
        let v = EncodingDetector.detect(record(Array("Société générale".utf8), leader09: " "))
        #expect(v.encoding == .utf8)
        #expect(v.leaderDisagrees)
        #expect(v.confidence == 1)
    }

    @Test func anselMarksBeforeLettersAreMARC8EvenUnderAnALeader() {
        // "Société" in MARC-8: the acute (0xE2) precedes each e.
        let bytes: [UInt8] = Array("Soci".utf8) + [0xE2] + Array("et".utf8) + [0xE2] + Array("e".utf8)
        let v = EncodingDetector.detect(record(bytes, leader09: "a"))
        #expect(v.encoding == .marc8)
        #expect(v.leaderDisagrees)
    }

    @Test func escapeSequencesMeanMARC8() {
        // ESC ( N: Cyrillic into G0, then back with ESC ( B.
        let bytes: [UInt8] = [0x1B, 0x28, 0x4E, 0x6D, 0x6F, 0x1B, 0x28, 0x42]
        let v = EncodingDetector.detect(record(bytes))
        #expect(v.encoding == .marc8)
        #expect(!v.leaderDisagrees)
    }

    @Test func wordFinalAccentedLettersMeanWindows1252() {
        // "café au lait; déjà vu" in Latin-1: é and à end words, where no MARC-8 mark can be.
        let bytes: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" au lait; d".utf8) + [0xE9] + Array("j".utf8) + [0xE0]
            + Array(" vu".utf8)
        let v = EncodingDetector.detect(record(bytes))
        #expect(v.encoding == .windows1252)
    }

    @Test func windowsQuotesMeanWindows1252() {
        let bytes: [UInt8] = [0x93] + Array("Quoted".utf8) + [0x94]
        #expect(EncodingDetector.detect(record(bytes)).encoding == .windows1252)
    }

    @Test func mostlyUTF8WithAStrayByteStaysUTF8() {
        let bytes: [UInt8] = Array("Société générale ".utf8) + [0xE9] + Array("t".utf8)
        let v = EncodingDetector.detect(record(bytes, leader09: "a"))
        #expect(v.encoding == .utf8)
        #expect(v.confidence < 1)
    }

    @Test func nonUTF8UnimarcIsISO5426() {
        // UNIMARC: a 200 title and no 245; ISO 5426 puts its diacritics (0xC2 acute) before the letter.
        let bytes: [UInt8] = Array("Soci".utf8) + [0xC2] + Array("et".utf8) + [0xC2] + Array("e".utf8)
        let v = EncodingDetector.detect(record(bytes, tag: "200"))
        #expect(v.unimarc)
        #expect(v.encoding == .iso5426)
    }

    @Test func referencesUnderABlankLeaderAreMARC8() {
        let v = EncodingDetector.detect(record(Array("Smile &#x263A; please".utf8), leader09: " "))
        #expect(v.encoding == .marc8)
    }
}

@Suite struct CyrillicCodePageDetectionTests {
    @Test func wholeWordsOfHighBytesAreWindows1251() {
        // "Москва" in Windows-1251.
        let bytes: [UInt8] = [0xCC, 0xEE, 0xF1, 0xEA, 0xE2, 0xE0]
        let v = EncodingDetector.detect(record(bytes))
        #expect(v.encoding == .windows1251)
        var r = record(bytes)
        _ = RecordTranscoder().transcode(&r)
        #expect(Array(r.firstField("245")!.content) == Array("10\u{1F}aМосква".utf8))
    }

    @Test func lowCyrillicBytesAreCP866() {
        // "Москва" in CP866: М 0x8C, о 0xAE, с 0xE1, к 0xAA, в 0xA2, а 0xA0.
        let bytes: [UInt8] = [0x8C, 0xAE, 0xE1, 0xAA, 0xA2, 0xA0]
        #expect(EncodingDetector.detect(record(bytes, tag: "200")).encoding == .cp866)
    }
}
