import Foundation
import MARCRecord
import MARCXML
import Testing
import _KatalogTestSupport

@Suite struct WriterTests {
    @Test func roundTripThroughMARCXML() throws {
        let records = try readISOFile(Paths.fixture("iso2709/good-three-records.mrc")).records
        let (xml, findings) = try writeXML(records)
        #expect(findings.isEmpty)
        let back = try readXML(xml)
        #expect(back.findings.isEmpty)
        #expect(back.records == records)
    }

    @Test func whatXMLCannotCarryIsDroppedAndReported() throws {
        var record = MARCRecord()
        record.appendControlField("001", "   00038361\u{1F}")
        record.appendField("245", content: Array("10".utf8) + [0x1F, 0x61] + Array("A\rB\tC\nD".utf8) + [0x01, 0xFF])
        let (xml, findings) = try writeXML([record])
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("<controlfield tag=\"001\">   00038361</controlfield>"))
        #expect(text.contains("A&#13;B&#9;C&#10;D\u{FFFD}</subfield>"))
        #expect(findings.map(\.code) == [.xmlIllegalCharacter, .xmlIllegalCharacter, .xmlInvalidUTF8])
        #expect(findings.map(\.tag) == ["001", "245", "245"])
        #expect(findings.map(\.recordOffset) == [11, 11, 12])
        // CR, TAB and LF survive a round trip.
        let back = try readXML(xml)
        #expect(back.records.first?.firstField("245")?.value("a") == "A\rB\tC\nD\u{FFFD}")
    }

    @Test func emptyOutputIsAnEmptyCollection() throws {
        let (xml, _) = try writeXML([])
        #expect(String(decoding: xml, as: UTF8.self).hasSuffix("<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n</collection>\n"))
        #expect(try readXML(xml).records.isEmpty)
    }
}
