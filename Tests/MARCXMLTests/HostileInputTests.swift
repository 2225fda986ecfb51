import KatalogIO
import MARCRecord
import MARCXML
import Testing
import _KatalogTestSupport

/// Limits that hold against hostile input (README, "Hostile input and fuzzing").
struct HostileInputTests {
    static let head = #"<collection xmlns="http://www.loc.gov/MARC21/slim">"#
    static let okRecord = #"<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">ok1</controlfield></record>"#

    @Test func tenThousandDeepNestingIsMalformedXML() throws {
        let text = Self.head + "<record>" + String(repeating: "<x>", count: 10_000) + String(repeating: "</x>", count: 10_000)
            + "</record></collection>"
        let outcome = try readXML(Array(text.utf8))
        #expect(outcome.records.isEmpty)
        #expect(outcome.findings.map(\.code) == [.xmlMalformed])
    }

    @Test func tenThousandDeepNestingBeforeAnyRecordIsMalformedXML() throws {
        let text = String(repeating: "<x>", count: 10_000) + Self.okRecord + String(repeating: "</x>", count: 10_000)
        let outcome = try readXML(Array(text.utf8))
        #expect(outcome.findings.map(\.code) == [.xmlMalformed])
    }

    @Test func aRecordWithFiftyMegabytesOfTextIsSkippedAndTheNextRead() throws {
        var bytes = Array((Self.head + #"<record><datafield tag="500" ind1=" " ind2=" ">"#).utf8)
        // Many subfields of 1 MB: each is under libxml2's own text limits, together they are not.
        let subfield = Array(#"<subfield code="a">"#.utf8) + [UInt8](repeating: UInt8(ascii: "t"), count: 1 << 20)
            + Array("</subfield>".utf8)
        for _ in 0..<50 { bytes += subfield }
        bytes += Array(("</datafield></record>" + Self.okRecord + "</collection>").utf8)
        let outcome = try readXML(bytes, chunkSize: 1 << 20)
        #expect(outcome.records.map(\.controlNumber) == ["ok1"])
        #expect(outcome.findings.map(\.code) == [.xmlRecordTooLarge])
        #expect(outcome.skipped == 1)
    }

    @Test func aRecordWithTooManyFieldsIsSkipped() throws {
        var text = Self.head + "<record>"
        text += String(repeating: #"<datafield tag="500" ind1=" " ind2=" "/>"#, count: MARCXMLLimits.maxFieldsPerRecord + 5)
        text += "</record>" + Self.okRecord + "</collection>"
        let outcome = try readXML(Array(text.utf8), chunkSize: 1 << 20)
        #expect(outcome.records.map(\.controlNumber) == ["ok1"])
        #expect(outcome.findings.map(\.code) == [.xmlRecordTooLarge])
    }

    @Test func strictModeStopsAtAnOversizedRecord() throws {
        var text = Self.head + "<record>"
        text += String(repeating: #"<datafield tag="500" ind1=" " ind2=" "/>"#, count: MARCXMLLimits.maxFieldsPerRecord + 5)
        text += "</record></collection>"
        #expect(throws: ReadError.self) { try readXML(Array(text.utf8), chunkSize: 1 << 20, mode: .strict) }
    }

    @Test func aDublinCoreValueOverTheLimitIsCutWithAFinding() throws {
        var bytes = Array(#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>"#.utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "v"), count: 5 << 20)
        bytes += Array("</dc:title><dc:creator>Ng</dc:creator></oai_dc:dc>".utf8)
        var reader = DublinCoreXMLReader(source: MemoryByteSource(bytes, chunkSize: 1 << 16), fileName: "dc.xml")
        var items: [HarvestedDublinCore] = []
        var findings: [Finding] = []
        while let item = try reader.next() {
            items.append(item)
            findings += reader.drainFindings()
        }
        findings += reader.drainFindings()
        #expect(items.count == 1)
        #expect(items.first?.record.elements.first?.value.utf8.count == DublinCoreLimits.maxValueBytes)
        #expect(findings.map(\.code) == [.dcTooLarge])
    }
}
