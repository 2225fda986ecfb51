import KatalogIO
import MARCRecord
import MARCXML
import Testing
import _KatalogTestSupport

/// Everything the `oai_dc` reader produced from one input.
private struct DCOutcome {
    var items: [HarvestedDublinCore] = []
    var findings: [Finding] = []
    var skipped = 0
    var codes: [String] { findings.map(\.code.rawValue) }
}

private func readDC(_ bytes: [UInt8], chunkSize: Int = 4096, mode: ReadMode = .lenient) throws -> DCOutcome {
    var reader = DublinCoreXMLReader(source: MemoryByteSource(bytes, chunkSize: chunkSize), fileName: "dc.xml",
        mode: mode, chunkSize: chunkSize)
    var out = DCOutcome()
    while let item = try reader.next() {
        out.items.append(item)
        out.findings += reader.drainFindings()
    }
    out.findings += reader.drainFindings()
    out.skipped = reader.recordsSkipped
    return out
}

private func readDC(_ text: String, chunkSize: Int = 4096, mode: ReadMode = .lenient) throws -> DCOutcome {
    try readDC(Array(text.utf8), chunkSize: chunkSize, mode: mode)
}

private func fixture(_ name: String) throws -> [UInt8] {
    try Paths.bytes(Paths.fixture("oai_dc/\(name)"))
}

private let dcOpen = """
    <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    """

private func envelope(_ records: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>\(records)</ListRecords></OAI-PMH>
    """
}

@Suite struct DublinCoreXMLReaderTests {
    @Test func slimsListRecordsPage() throws {
        let out = try readDC(try fixture("slims-oai.xml"))
        #expect(out.findings.isEmpty)
        #expect(out.items.map(\.oaiIdentifier) == ["oai:slims/12", "oai:slims/11", "oai:slims/10"])
        // SLiMS oai.php writes no datestamp.
        #expect(out.items.allSatisfy { $0.datestamp == nil && !$0.isDeleted })
        #expect(out.items.map(\.recordNumber) == [1, 2, 3])
        let first = out.items[0].record
        #expect(first.firstValue("title") == "Laskar pelangi : sebuah novel")
        #expect(first.values("identifier") == [
            "http://perpustakaan.contoh.ac.id/slims/index.php?p=show_detail&id=12", "9793062797", "899.221 3 HIR l",
        ])
        #expect(first.firstValue("identifier_isbn") == "978-979-3062-79-2")
        // The bare <image> is kept, in the envelope's default namespace; dc:abstract is there but empty.
        let image = try #require(first.elements.first { $0.name == "image" })
        #expect(image.namespace == "http://www.openarchives.org/OAI/2.0/" && image.value == "laskar_pelangi.jpg")
        #expect(!image.isDublinCore)
        #expect(first.elements.contains { $0.name == "abstract" && $0.value.isEmpty })
        #expect(first.values("abstract").isEmpty)
        #expect(first.elements.first { $0.name == "title" }?.isDublinCore == true)
        // A CDATA section holding brackets: `<![CDATA[[Text]]]>`.
        #expect(out.items[2].record.firstValue("medium") == "[Text]")
        #expect(out.items[2].record.firstValue("title") == "إحياء علوم الدين")
        #expect(out.items[0].line == 6)
    }

    @Test func inlisliteNamespacesWithTrailingBlanks() throws {
        let out = try readDC(try fixture("inlislite-oai.xml"))
        #expect(out.findings.isEmpty)
        #expect(out.items.map(\.oaiIdentifier) == ["oai:192.168.10.5:2041", "oai:192.168.10.5:2042",
            "oai:192.168.10.5:2043"])
        #expect(out.items.map(\.datestamp) == ["2019-08-12", "2020-01-30", "2021-03-02"])
        let record = out.items[0].record
        #expect(record.elements.allSatisfy { $0.namespace == DublinCoreRecord.elementsNamespace })
        #expect(record.firstValue("publishYear") == "1980")
        #expect(record.firstValue("relation") == "xii, 535 hlm. ; 21 cm")
        #expect(record.elements.count == 14)
    }

    @Test(arguments: [1, 7, 64, 1 << 16])
    func sameItemsWhateverTheChunking(chunkSize: Int) throws {
        for name in ["slims-oai.xml", "inlislite-oai.xml"] {
            let whole = try readDC(try fixture(name), chunkSize: 1 << 20)
            let chunked = try readDC(try fixture(name), chunkSize: chunkSize)
            #expect(chunked.items == whole.items)
            #expect(chunked.findings.isEmpty)
        }
    }

    @Test func bareDescriptionsWithoutAnEnvelope() throws {
        let xml = """
            <records>\(dcOpen)<dc:title xml:lang="id">Ronggeng Dukuh Paruk</dc:title>\
            <dc:identifier xsi:type="dcterms:URI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            http://example.org/1</dc:identifier></oai_dc:dc>\(dcOpen)<dc:title>Ca bau kan</dc:title></oai_dc:dc>\
            </records>
            """
        let out = try readDC(xml)
        #expect(out.findings.isEmpty)
        #expect(out.items.map { $0.record.firstValue("title") } == ["Ronggeng Dukuh Paruk", "Ca bau kan"])
        #expect(out.items.allSatisfy { $0.oaiIdentifier == nil })
        let title = out.items[0].record.elements[0]
        #expect(title.language == "id")
        #expect(out.items[0].record.elements[1].type == "dcterms:URI")
    }

    @Test func deletedRecordsAndRecordsWithoutMetadata() throws {
        let xml = envelope("""
            <record><header status="deleted"><identifier>oai:slims/7</identifier><datestamp>2024-01-02</datestamp>\
            </header></record>\
            <record><header><identifier>oai:slims/8</identifier></header><metadata></metadata></record>\
            <record><header><identifier>oai:slims/9</identifier></header><metadata>\(dcOpen)\
            <dc:title>Saman</dc:title></oai_dc:dc></metadata></record>
            """)
        let out = try readDC(xml)
        #expect(out.items.map(\.oaiIdentifier) == ["oai:slims/7", "oai:slims/9"])
        #expect(out.items[0].isDeleted && out.items[0].record.elements.isEmpty)
        #expect(out.items[0].datestamp == "2024-01-02")
        #expect(out.items[1].recordNumber == 3)
        #expect(out.codes == ["oaidc.no-metadata"])
        #expect(out.findings.first?.recordNumber == 2)
        #expect(out.findings.first?.controlNumber == "oai:slims/8")
        #expect(out.skipped == 1)
    }

    @Test func slimsStrayTextAndEmptyDescriptions() throws {
        // SLiMS echoes "resumption" before <request> on follow-up pages; an empty description is kept.
        let xml = """
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">resumption<request verb="ListRecords">x</request>\
            <ListRecords><record><header><identifier>oai:slims/3</identifier></header><metadata>\(dcOpen)\
            <dc:title><![CDATA[]]></dc:title></oai_dc:dc></metadata></record></ListRecords></OAI-PMH>
            """
        let out = try readDC(xml)
        #expect(out.items.count == 1)
        #expect(out.codes == ["oaidc.empty-record"])
        #expect(out.findings.first?.severity == .info)
    }

    @Test func malformedXMLKeepsTheRecordsBeforeIt() throws {
        // Older SLiMS leaves a CDATA section open when an attachment is access-limited.
        let xml = envelope("""
            <record><header><identifier>oai:slims/1</identifier></header><metadata>\(dcOpen)\
            <dc:title>Cantik itu luka</dc:title></oai_dc:dc></metadata></record>
            <record><header><identifier>oai:slims/2</identifier></header><metadata>\(dcOpen)
            <dc:title>Gadis pantai</dc:title><dc:relation><![CDATA[</oai_dc:dc></metadata></record>
            """)
        let out = try readDC(xml)
        #expect(out.items.map(\.oaiIdentifier) == ["oai:slims/1"])
        #expect(out.codes == ["oaidc.malformed-xml"])
        let finding = try #require(out.findings.first)
        #expect(finding.severity == .error)
        #expect(finding.recordNumber == 2)
        #expect(finding.message.hasPrefix("line "))
        #expect(out.skipped == 1)
        #expect(throws: ReadError.self) { try readDC(xml, mode: .strict) }
    }

    @Test func controlCharactersAreReplacedNotFatal() throws {
        let xml = envelope("""
            <record><header><identifier>oai:slims/4</identifier></header><metadata>\(dcOpen)
            <dc:title>Para priyayi\u{0B}</dc:title></oai_dc:dc></metadata></record>
            <record><header><identifier>oai:slims/5</identifier></header><metadata>\(dcOpen)\
            <dc:title>Ayat-ayat cinta</dc:title></oai_dc:dc></metadata></record>
            """)
        let out = try readDC(xml, chunkSize: 16)
        #expect(out.items.map { $0.record.firstValue("title") } == ["Para priyayi", "Ayat-ayat cinta"])
        #expect(out.codes == ["oaidc.illegal-character"])
        #expect(out.findings.first?.recordNumber == 1)
        #expect(out.findings.first?.message.hasPrefix("line 3:") == true)
        #expect(throws: ReadError.self) { try readDC(xml, mode: .strict) }
    }

    @Test(arguments: [1, 2, 3, 4096])
    func windows1252BytesInAUTF8Document(chunkSize: Int) throws {
        var bytes = Array(envelope("""
            <record><header><identifier>oai:slims/6</identifier></header><metadata>\(dcOpen)\
            <dc:title>Kafe di Bandung</dc:title><dc:publisher>Caf</dc:publisher></oai_dc:dc></metadata></record>
            <record><header><identifier>oai:slims/7</identifier></header><metadata>\(dcOpen)\
            <dc:title>Ensiklopedi \u{201C}S</dc:title></oai_dc:dc></metadata></record>
            """).utf8)
        // The publisher becomes "Caf\xE9" and the second title "…\u{201C}S\xE9rie\x93": Windows-1252.
        let publisherEnd = try #require(bytes.firstRange(of: Array("</dc:publisher>".utf8))).lowerBound
        bytes.insert(0xE9, at: publisherEnd)
        let titleEnd = try #require(bytes.ranges(of: Array("</dc:title>".utf8)).last).lowerBound
        bytes.insert(contentsOf: [0xE9, 0x72, 0x69, 0x65, 0x93], at: titleEnd)
        let out = try readDC(bytes, chunkSize: chunkSize)
        #expect(out.items.map { $0.record.firstValue("publisher") } == ["Café", nil])
        #expect(out.items.last?.record.firstValue("title") == "Ensiklopedi \u{201C}Série\u{201C}")
        #expect(out.codes == ["oaidc.invalid-utf8", "oaidc.invalid-utf8"])
        #expect(out.findings.map(\.recordNumber) == [1, 2])
        #expect(out.findings.first?.message == "line 2: byte 0xE9 is not UTF-8")
    }

    @Test func otherDeclaredEncodingsAreLibxml2s() throws {
        let declaration = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
        var bytes = Array((declaration + dcOpen + "<dc:title>Caf</dc:title></oai_dc:dc>").utf8)
        bytes.insert(0xE9, at: bytes.count - "</dc:title></oai_dc:dc>".utf8.count)
        let out = try readDC(bytes, chunkSize: 5)
        #expect(out.findings.isEmpty)
        #expect(out.items.first?.record.firstValue("title") == "Café")
    }

    @Test func nestedMarkupKeepsItsText() throws {
        let out = try readDC("\(dcOpen)<dc:description>Cetakan <b>kedua</b>, revisi</dc:description></oai_dc:dc>")
        #expect(out.items.first?.record.firstValue("description") == "Cetakan kedua, revisi")
        #expect(out.codes == ["oaidc.nested-element"])
    }

    @Test(arguments: [
        // XXE: an external entity reading a local file.
        """
        <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"><title>&x;</title></oai_dc:dc>
        """,
        // An entity expansion bomb.
        """
        <?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
        <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"><title>&d;</title></oai_dc:dc>
        """,
    ])
    func doctypesAreRefused(xml: String) throws {
        do {
            _ = try readDC(xml)
            Issue.record("a document with a DOCTYPE was read")
        } catch let error as ReadError {
            #expect(error.kind == .unreadable)
            #expect(error.finding.code == .dcDoctypeRefused)
        }
    }

    @Test func undeclaredEntitiesEndTheDocument() throws {
        let out = try readDC("\(dcOpen)<dc:title>Caf&eacute;</dc:title></oai_dc:dc>")
        #expect(out.items.isEmpty)
        #expect(out.codes == ["oaidc.malformed-xml"])
    }
}
