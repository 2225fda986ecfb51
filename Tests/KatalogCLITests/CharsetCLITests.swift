import Foundation
import Testing
import _KatalogTestSupport

/// `--encoding`, `--to-encoding` and `--unicode-form` as a user runs them.
@Suite(.serialized) struct CharsetCLITests {
    let katalog = Paths.katalogBinary
    let mixed = Paths.fixture("charsets/mixed-encodings.mrc")

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func everyRecordComesOutAsComposedUTF8AndLyingLeadersAreReported() throws {
        let result = try run(katalog, ["convert", mixed, "--to", "mrk", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let out = text(result.stdout)
        #expect(out.components(separatedBy: "=245  10$aThéâtre М 人\r\n").count - 1 == 2
            || out.components(separatedBy: "=245  10$aThéâtre М 人\n").count - 1 == 2)
        #expect(out.contains("“Café au lait” et déjà vu"))
        #expect(out.contains("Théâtre — Москва"))
        #expect(!out.unicodeScalars.contains { $0.value == 0x301 }, "output is NFC")
        let mismatches = result.stderr.split(separator: "\n").filter { $0.contains("[charset.leader-mismatch]") }
        #expect(mismatches.count == 2)
        #expect(mismatches.first?.contains("record 2 (001 enc00002) offset 100 (+9): LDR:") == true)
    }

    @Test func leaderNineSaysUTF8OnOutput() throws {
        let result = try run(katalog, ["convert", mixed, "--quiet"])
        #expect(result.status == 0)
        let records = result.stdout.split(separator: 0x1D)
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0[$0.startIndex + 9] == UInt8(ascii: "a") })
    }

    @Test func marc8OutputGoesBackToTheSameText() throws {
        let dir = Paths.temporaryDirectory()
        let marc8 = dir.appendingPathComponent("marc8.mrc").path
        let there = try run(katalog, ["convert", mixed, "--to-encoding", "marc8", "-o", marc8, "--quiet"])
        #expect(there.status == 0, "\(there.stderr)")
        let bytes = try Paths.bytes(marc8)
        #expect(bytes.contains(0x1B), "Cyrillic and EACC need escapes")
        #expect(bytes.split(separator: 0x1D).allSatisfy { $0[$0.startIndex + 9] == UInt8(ascii: " ") })
        let back = try run(katalog, ["convert", marc8, "--encoding", "marc8", "--to", "mrk", "--quiet"])
        #expect(back.status == 0)
        let direct = try run(katalog, ["convert", mixed, "--to", "mrk", "--quiet"])
        // The leaders' record lengths differ (MARC-8 takes other byte counts); every field is the same.
        func fields(_ bytes: [UInt8]) -> [Substring] {
            text(bytes).split(separator: "\n").filter { !$0.hasPrefix("=LDR") }
        }
        #expect(fields(back.stdout) == fields(direct.stdout))
        #expect(fields(back.stdout).count == 8)  // 001 and 245 of four records
    }

    @Test func marc8IsRefusedForUnicodeOnlyFormats() throws {
        let result = try run(katalog, ["convert", mixed, "--to", "marcxml", "--to-encoding", "marc8", "--quiet"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unicode by definition"))
    }

    @Test func unknownEncodingIsAUsageError() throws {
        let result = try run(katalog, ["convert", mixed, "--encoding", "ebcdic-martian", "--quiet"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cp850"))
    }

    @Test func anExplicitEncodingOverridesDetection() throws {
        // Record 3 read as CP850 instead of the detected Windows-1252: 0xE9 is Ú there.
        let result = try run(katalog, ["convert", mixed, "--encoding", "cp850", "--to", "mrk", "--quiet"])
        #expect(result.status == 0)
        #expect(text(result.stdout).contains("CafÚ au lait"))
    }

    @Test func keepLeavesUTF8ByteForByte() throws {
        let input = Paths.fixture("iso2709/good-three-records.mrc")
        let kept = try run(katalog, ["convert", input, "--unicode-form", "keep", "--quiet"])
        #expect(kept.stdout == (try Paths.bytes(input)))
        let composed = try run(katalog, ["convert", input, "--quiet"])
        #expect(composed.stdout != kept.stdout)
        #expect(text(composed.stdout).contains("Café and 日本語"))
    }

    @Test func inspectTellsWhatTheBytesAre() throws {
        let result = try run(katalog, ["inspect", mixed, "--quiet"])
        #expect(result.status == 0)
        let out = text(result.stdout)
        #expect(out.contains("character set found in the bytes: 'marc8' 2, 'utf8' 1, 'windows1252' 1"))
        #expect(out.contains("leader/09 wrong in 2 record(s)"))
    }
}
