import KatalogIO
import MARCRecord
import MARCText
import Testing
import _KatalogTestSupport

/// Reading well-formed MARCBreaker text.
@Suite struct MRKReaderTests {
    @Test func goodFileReadsToTheSampleRecords() throws {
        let out = try readMRK(fixture("good.mrk"))
        #expect(out.findings.isEmpty)
        #expect(out.records == Sample.records)
        #expect(out.records.map(\.lines) == Sample.records.map(\.lines))
    }

    @Test func sameResultForEveryChunkSizeAndLineEnd() throws {
        let lf = try fixture("good.mrk")
        var crlf: [UInt8] = []
        for b in lf {
            if b == 0x0A { crlf.append(0x0D) }
            crlf.append(b)
        }
        for bytes in [lf, crlf] {
            for size in [1, 7, 4096, bytes.count] {
                let out = try readMRK(bytes, chunkSize: size)
                #expect(out.findings.isEmpty, "chunk size \(size)")
                #expect(out.records.map(\.lines) == Sample.records.map(\.lines), "chunk size \(size)")
            }
        }
    }

    @Test func blanksDollarsAndBackslashesByContext() throws {
        let out = try readMRK("""
            =LDR  00000nam\\a2200000\\a\\4500
            =008  a\\b {bsol} c{dollar}
            =500  \\1$aC:\\dir {bsol} $5 {dollar}5 \\$bend

            """)
        #expect(out.findings.isEmpty)
        let record = try #require(out.records.first)
        #expect(Array(record.fields[0].content) == Array("a b \\ c$".utf8))
        #expect(Array(record.fields[1].content) == Array(" 1\u{1F}aC:\\dir \\ \u{1F}5 $5 \\\u{1F}bend".utf8))
    }

    @Test func mnemonicsForBytesAndCodePoints() throws {
        let out = try readMRK("""
            =LDR  00000nam a2200000 a 4500
            =001  x{1F}{1f}{esc}{U+00E9}{U+1F4DA}{lcub}{rcub}
            =500  {5C}{24}$a{0D}{0A}{7F}{FF}

            """)
        #expect(out.findings.isEmpty)
        let record = try #require(out.records.first)
        #expect(Array(record.fields[0].content) ==
            [0x78, 0x1F, 0x1F, 0x1B, 0xC3, 0xA9, 0xF0, 0x9F, 0x93, 0x9A, 0x7B, 0x7D])
        #expect(Array(record.fields[1].content) == [0x5C, 0x24, 0x1F, 0x61, 0x0D, 0x0A, 0x7F, 0xFF])
    }

    @Test func marc8NamesAreDecodedOnlyInMARC8Records() throws {
        let out = try readMRK("""
            =LDR  00000nam\\\\2200000\\a\\4500
            =500  \\\\$aL{acute}od{acute}z {Lstrok} {pound}5

            =LDR  00000nam\\a2200000\\a\\4500
            =500  \\\\$aL{acute}od{acute}z

            """)
        #expect(out.records.count == 2)
        #expect(Array(out.records[0].fields[0].content) ==
            Array("  \u{1F}aL".utf8) + [0xE2] + Array("od".utf8) + [0xE2] + Array("z ".utf8) + [0xA1, 0x20, 0xB9, 0x35])
        #expect(out.records[1].firstField("500")?.value("a") == "L{acute}od{acute}z")
        #expect(out.codes == ["mrk.unknown-mnemonic"])
        let f = try #require(out.findings.first)
        #expect(f.severity == .info && f.recordNumber == 2 && f.tag == "500" && f.message.contains("{acute}"))
    }

    @Test func bracesThatAreNotMnemonicsAreText() throws {
        let out = try readMRK(
            "=LDR  00000nam a2200000 a 4500\n=500  \\\\$aa {} b {) and (} c {not a mnemonic at all}\n")
        #expect(out.findings.isEmpty)
        #expect(out.records.first?.firstField("500")?.value("a") == "a {} b {) and (} c {not a mnemonic at all}")
    }

    @Test func commentsByteOrderMarkAndTheZeroTag() throws {
        let out = try readMRK("\u{FEFF}# exported by hand\n=000  00000nam\\\\2200000\\a\\4500\n# note\n=001  a1\n")
        #expect(out.findings.isEmpty)
        #expect(out.records.first?.lines == ["00000nam  2200000 a 4500", "001 a1"])
    }

    @Test func aLeaderLineStartsARecordEvenWithoutABlankLine() throws {
        let out = try readMRK("=LDR  00000nam a2200000 a 4500\n=001  a\n=LDR  00000nam a2200000 a 4500\n=001  b")
        #expect(out.controlNumbers == ["a", "b"])
        #expect(out.codes == ["mrk.no-blank-line"])
        #expect(out.findings.first?.recordNumber == 2 && out.findings.first?.severity == .info)
    }

    @Test func bytesConsumedAndStrictModeOnCleanInput() throws {
        let bytes = try fixture("good.mrk")
        var reader = MRKReader(source: MemoryByteSource(bytes, chunkSize: 64), fileName: "good.mrk", mode: .strict,
            chunkSize: 64)
        var count = 0
        while try reader.next() != nil { count += 1 }
        #expect(count == 3)
        #expect(reader.bytesConsumed == Int64(bytes.count))
        #expect(reader.recordsSkipped == 0 && reader.drainFindings().isEmpty)
    }
}
