import KatalogIO
import MARCRecord
import MARCText
import Testing
import _KatalogTestSupport

@Suite struct MRKWriterTests {
    /// `good.mrk` follows the convention by hand: the writer gives exactly its bytes.
    @Test func writesTheGoodFixture() throws {
        let (bytes, findings) = try writeMRK(Sample.records)
        #expect(findings.isEmpty)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try fixture("good.mrk"), as: UTF8.self))
    }

    @Test func crlfLineEnds() throws {
        let (bytes, _) = try writeMRK([Sample.records[2]], lineEnding: .crlf)
        #expect(String(decoding: bytes, as: UTF8.self) ==
            "=LDR  00000cam\\\\2200000\\i\\4500\r\n=001  kat00003\r\n=245  14$aThe end.\r\n"
            + "=700  1\\$aDoe, Jane,$eed.\r\n\r\n")
        #expect(try readMRK(bytes).records == [Sample.records[2]])
    }

    /// Every awkward byte (structure characters, control bytes, bytes that are not UTF-8, backslash and dollar
    /// indicators) comes back as it was.
    @Test func awkwardRecordRoundTripsExactly() throws {
        let (bytes, findings) = try writeMRK([Sample.awkward, Sample.records[1]])
        #expect(findings.isEmpty)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("=001  \\\\\\00038361{1F}\n"))
        #expect(text.contains("=005  a{bsol}b{dollar}c{lcub}d{rcub}e\\f{09}{0A}{0D}{7F}\n"))
        #expect(text.contains(
            "=500  {bsol}{dollar}$a{lcub}dollar{rcub} is \"{dollar}\", {bsol} is {lcub}bsol{rcub}; tab{09}here"))
        #expect(text.contains("$bCR{0D} LF{0A} ESC{esc} DEL{7F} 📚 \n"))
        #expect(text.contains("=590  \\\\$a{E2}A{FF}{C3}\n"))
        let back = try readMRK(bytes)
        #expect(back.findings.map(\.code.rawValue) == [])
        #expect(back.records.count == 2)
        for (a, b) in zip(back.records, [Sample.awkward, Sample.records[1]]) {
            #expect(a == b)
            #expect(a.fields.map { Array($0.content) } == b.fields.map { Array($0.content) })
        }
    }

    @Test func marc8RecordsUseLCNames() throws {
        var r = MARCRecord(leader: Leader("00000nam  2200000 a 4500")!)
        r.appendField("245", content: Array("10".utf8) + [0x1F, 0x61, 0xA1, 0xE2, 0x6F, 0x64, 0xFF, 0xC3, 0xA9])
        let (bytes, _) = try writeMRK([r])
        // 0xC3 0xA9 is valid UTF-8 (a UTF-8 record mislabelled MARC-8, most likely): written as it is.
        #expect(String(decoding: bytes, as: UTF8.self).contains("=245  10$a{Lstrok}{acute}od{FF}é\n"))
        #expect(try readMRK(bytes).records.first.map { Array($0.fields[0].content) } == Array(r.fields[0].content))
    }

    @Test func fieldsTheFormatCannotHoldAreReported() throws {
        var r = MARCRecord(leader: Leader("00000nam a2200000 a 4500")!)
        r.appendField("500", content: Array("1".utf8))
        r.appendField("5 0", content: Array("  ".utf8))
        r.appendField("000", content: Array("x".utf8))
        let (bytes, findings) = try writeMRK([r])
        #expect(findings.map(\.code.rawValue) == ["mrk.missing-indicators", "mrk.unwritable-tag", "mrk.unwritable-tag"])
        #expect(String(decoding: bytes, as: UTF8.self) == "=LDR  00000nam\\a2200000\\a\\4500\n=500  1\\\n\n")
    }
}
