import KatalogIO
import MARCRecord
import MARCXML
import Testing

/// `MARCXMLReader.nextItem()`: the OAI-PMH envelope around the records, in document order.
@Suite struct OAIEnvelopeTests {
    static let response = """
        <?xml version="1.0" encoding="UTF-8"?>
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/ ">
        <responseDate>2026-11-25T10:00:00Z</responseDate>
        <ListRecords>
        <record><header><identifier>oai:x:1</identifier><datestamp>2024-03-01</datestamp></header>
        <metadata><marc:record xmlns:marc="http://www.loc.gov/MARC21/slim"><marc:leader>00000nam a2200000 a 4500</marc:leader>
        <marc:controlfield tag="001">one</marc:controlfield></marc:record></metadata></record>
        <record><header status="deleted"><identifier>oai:x:2</identifier><datestamp>2024-03-02</datestamp></header></record>
        <resumptionToken completeListSize="9">a&amp;b=c d</resumptionToken>
        </ListRecords>
        </OAI-PMH>
        """

    @Test func reportsTheEnvelopeAroundTheRecordsInOrder() throws {
        var reader = MARCXMLReader(source: MemoryByteSource(Array(Self.response.utf8)))
        var ends: [String: String] = [:]
        var order: [String] = []
        var deletedStatus: String?
        var tokenSize: String?
        while let item = try reader.nextItem() {
            switch item {
            case .record(let record):
                order.append("MARC \(record.controlNumber ?? "")")
            case .oai(.start(let name, let attributes, _)):
                if name == "header", let status = attributes["status"] { deletedStatus = status }
                if name == "resumptionToken" { tokenSize = attributes["completeListSize"] }
            case .oai(.end(let name, let text)):
                order.append(name)
                if ["responseDate", "identifier", "resumptionToken"].contains(name) { ends[name] = text }
            }
        }
        #expect(ends["responseDate"] == "2026-11-25T10:00:00Z")
        // Entities in the token decoded: the harvester sends back what the XML means.
        #expect(ends["resumptionToken"] == "a&b=c d")
        #expect(tokenSize == "9")
        #expect(deletedStatus == "deleted")
        #expect(order.firstIndex(of: "header")! < order.firstIndex(of: "MARC one")!)
        #expect(order.filter { $0 == "record" }.count == 2)
    }

    @Test func nextSkipsTheEnvelope() throws {
        var reader = MARCXMLReader(source: MemoryByteSource(Array(Self.response.utf8)))
        var ids: [String] = []
        while let record = try reader.next() { ids.append(record.controlNumber ?? "") }
        #expect(ids == ["one"])
    }
}
