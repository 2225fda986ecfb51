import Foundation
import KatalogIO
import MARCRecord
import MARCText
import Testing
import _KatalogTestSupport

@Suite struct MARCJSONWriterTests {
    @Test func writesOneObjectPerLineInTheUsualKeyOrder() throws {
        var r = MARCRecord(leader: Leader("00000nam a2200000 a 4500")!)
        r.appendControlField("001", "x1")
        r.appendDataField("245", indicators: "1 ", subfields: [("a", "T \"q\" \\ /"), ("c", "C")])
        let (bytes, findings) = try writeJSON([r, r])
        #expect(findings.isEmpty)
        let line = #"{"leader":"00000nam a2200000 a 4500","fields":[{"001":"x1"},{"245":{"ind1":"1","ind2":" ","#
            + #""subfields":[{"a":"T \"q\" \\ /"},{"c":"C"}]}}]}"# + "\n"
        #expect(String(decoding: bytes, as: UTF8.self) == line + line)
    }

    /// `good.ndjson` lines 1 and 3 were written by Python's `json.dumps(…, ensure_ascii=False,
    /// separators=(",", ":"))`, as pymarc does: the writer gives the same bytes.
    @Test func matchesPythonsCompactOutput() throws {
        let lines = try fixture("good.ndjson").split(separator: 0x0A, omittingEmptySubsequences: true)
        let (bytes, _) = try writeJSON([Sample.records[0], Sample.records[2]])
        let written = bytes.split(separator: 0x0A)
        #expect(written.count == 2)
        #expect(Array(written[0]) == Array(lines[0]))
        #expect(Array(written[1]) == Array(lines[2]))
    }

    @Test func roundTripsTheSampleRecords() throws {
        let (bytes, findings) = try writeJSON(Sample.records)
        #expect(findings.isEmpty)
        let back = try readJSON(bytes)
        #expect(back.findings.isEmpty)
        #expect(back.records == Sample.records)
        #expect(back.records.map(\.lines) == Sample.records.map(\.lines))
    }

    @Test func controlBytesAreEscapedAndComeBack() throws {
        var r = MARCRecord(leader: Leader("00000nam a2200000 a 4500")!)
        r.appendField("001", content: Array(0x00...0x7F))
        let (bytes, findings) = try writeJSON([r])
        #expect(findings.isEmpty)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"\u0000\u0001"#) && text.contains(#"\u001f"#) && text.contains(#"\b\t\n\u000b\f\r"#))
        #expect(text.contains(##" !\"#"##) && text.contains(#"[\\]"#))
        #expect(bytes.filter { $0 < 0x20 } == [0x0A], "only the line end is a raw control byte")
        let back = try readJSON(bytes)
        #expect(back.codes == ["json.structure-byte", "json.structure-byte", "json.structure-byte"])
        #expect(back.records.first.map { Array($0.fields[0].content) } == Array(0x00...0x7F))
    }

    @Test func invalidUTF8IsReplacedAndReported() throws {
        let (bytes, findings) = try writeJSON([Sample.awkward])
        #expect(findings.map(\.code.rawValue) == ["json.invalid-utf8"])
        let f = try #require(findings.first)
        #expect(f.tag == "590" && f.message.hasPrefix("3 byte(s)") && f.action == "written as U+FFFD")
        let back = try readJSON(bytes)
        // The 0x1F ending the 001 (as in 8 Library of Congress records) is reported, as the ISO 2709 reader does.
        #expect(back.codes == ["json.structure-byte"] && back.findings.first?.tag == "001")
        let record = try #require(back.records.first)
        #expect(record.firstField("590")?.value("a") == "\u{FFFD}A\u{FFFD}\u{FFFD}")
        // Everything else, control bytes and the 0x1F at the end of the 001 included, comes back as it was.
        #expect(Array(record.fields.dropLast().map { Array($0.content) }) ==
            Array(Sample.awkward.fields.dropLast().map { Array($0.content) }))
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""001":"   00038361\u001f""#))
    }

    @Test func fieldsTheFormatCannotHoldAreReported() throws {
        var r = MARCRecord(leader: Leader("00000nam a2200000 a 4500")!)
        r.appendField("500", content: Array("1".utf8))
        r.appendField("501", content: Array("  lost".utf8) + [0x1F, UInt8(ascii: "a"), UInt8(ascii: "x"), 0x1F])
        let (bytes, findings) = try writeJSON([r])
        #expect(findings.map(\.code.rawValue) == ["json.missing-indicators", "json.unwritable-bytes",
            "json.unwritable-bytes"])
        #expect(findings.map(\.tag) == ["500", "501", "501"])
        #expect(findings[1].message.contains("lost"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"{"500":{"ind1":"1","ind2":" ","subfields":[]}}"#))
        #expect(text.contains(#"{"501":{"ind1":" ","ind2":" ","subfields":[{"a":"x"}]}}"#))
    }

    @Test func moreThanTwoIndicatorsAreWrittenAsYazDoes() throws {
        var r = MARCRecord(leader: Leader("00000nam0 32000000  450 ")!)
        r.appendField("200", content: Array("1 9".utf8) + [0x1F, UInt8(ascii: "a"), UInt8(ascii: "T")])
        let (bytes, _) = try writeJSON([r])
        #expect(String(decoding: bytes, as: UTF8.self).contains(#"{"200":{"ind1":"1","ind2":" ","ind3":"9","#))
        #expect(try readJSON(bytes).records == [r])
    }
}
