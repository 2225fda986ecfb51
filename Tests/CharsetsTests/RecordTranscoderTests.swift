import Testing
import MARCRecord
@testable import Charsets

@Suite struct RecordTranscoderTests {
    func title(_ r: MARCRecord) -> [UInt8] { Array(r.firstField("245")!.content) }

    @Test func marc8IsDecodedToComposedUTF8AndTheLeaderSaysSo() {
        var r = record(Array("Soci".utf8) + [0xE2] + Array("et".utf8) + [0xE2] + Array("e".utf8))
        let findings = RecordTranscoder().transcode(&r)
        #expect(findings.isEmpty)
        #expect(title(r) == Array("10\u{1F}aSociété".utf8))
        #expect(r.leaderByte(9) == UInt8(ascii: "a"))
    }

    @Test func aLyingLeaderIsReportedWithItsOffset() throws {
        var r = record(Array("Soci".utf8) + [0xE2] + Array("et".utf8) + [0xE2] + Array("e".utf8), leader09: "a")
        let findings = RecordTranscoder().transcode(&r)
        let f = try #require(findings.first)
        #expect(f.code == .leaderEncodingMismatch)
        #expect(f.tag == "LDR" && f.recordOffset == 9)
        #expect(title(r) == Array("10\u{1F}aSociété".utf8))
    }

    @Test func latin1IsReadAsWindows1252() {
        var r = record(Array("caf".utf8) + [0xE9] + Array(" au lait".utf8))
        _ = RecordTranscoder().transcode(&r)
        #expect(title(r) == Array("10\u{1F}acafé au lait".utf8))
    }

    @Test func strayBytesInUTF8AreReadAsWindows1252AndReported() throws {
        var r = record(Array("Société générale ".utf8) + [0xE9] + Array("t".utf8), leader09: "a")
        let start = Int(r.entries[1].start)
        let findings = RecordTranscoder().transcode(&r)
        #expect(title(r) == Array("10\u{1F}aSociété générale ét".utf8))
        let f = try #require(findings.first { $0.code == .invalidUTF8 })
        #expect(f.tag == "245")
        #expect(f.recordOffset == start + 4 + "Société générale ".utf8.count)
        #expect(f.message.contains("E9"))
    }

    @Test func decomposedUTF8IsComposedByDefaultAndKeptWhenAsked() {
        let nfd = Array("Socie\u{301}te\u{301}".utf8)
        var a = record(nfd, leader09: "a")
        _ = RecordTranscoder().transcode(&a)
        #expect(title(a) == Array("10\u{1F}aSociété".utf8))
        var b = record(nfd, leader09: "a")
        _ = RecordTranscoder(form: .keep).transcode(&b)
        #expect(title(b) == Array("10\u{1F}a".utf8) + nfd)
        var c = record(Array("Société".utf8), leader09: "a")
        _ = RecordTranscoder(form: .nfd).transcode(&c)
        #expect(title(c) == Array("10\u{1F}a".utf8) + nfd)
    }

    @Test func aMarkAtTheStartOfASubfieldNeverComposesWithTheCode() {
        // "$a" + U+0301: NFC over the whole field would make "$á" and lose subfield a.
        var r = record(Array("\u{301}x\u{1F}bcafe\u{301}".utf8), leader09: "a")
        _ = RecordTranscoder().transcode(&r)
        #expect(title(r) == Array("10\u{1F}a\u{301}x\u{1F}bcafé".utf8))
    }

    @Test func asciiRecordsAreLeftAloneButForTheLeader() {
        var r = record(Array("Plain".utf8), leader09: " ")
        let before = r.storage
        _ = RecordTranscoder().transcode(&r)
        #expect(r.storage[10...] == before[10...])
        #expect(r.leaderByte(9) == UInt8(ascii: "a"))
    }

    @Test func marc8OutputPutsMarksFirstAndWritesReferencesForTheRest() throws {
        var r = record(Array("Société ☺".utf8), leader09: "a")
        let findings = RecordTranscoder(output: .marc8).transcode(&r)
        #expect(title(r) == Array("10\u{1F}aSoci".utf8) + [0xE2] + Array("et".utf8) + [0xE2] + Array("e &#x263A;".utf8))
        #expect(r.leaderByte(9) == UInt8(ascii: " "))
        let f = try #require(findings.first)
        #expect(f.code == .unencodable && f.severity == .info)
    }

    @Test func explicitEncodingSkipsDetection() {
        // The same bytes read as CP850 (0x82 = é) rather than guessed.
        var r = record(Array("caf".utf8) + [0x82])
        let findings = RecordTranscoder(input: .codePage(.cp850)).transcode(&r)
        #expect(findings.isEmpty)
        #expect(title(r) == Array("10\u{1F}acafé".utf8))
    }
}
