import KatalogIO
import Testing
import _KatalogTestSupport

private func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

/// A small, valid ISO 2709 record: 001 and 245, 85 bytes.
private let isoRecord: [UInt8] =
    utf8("00085nam a2200049   4500")
    + utf8("001000900000") + utf8("245002600009") + [0x1E]
    + utf8("00038361") + [0x1E]
    + utf8("10\u{1F}aA title /\u{1F}cAn author.") + [0x1E]
    + [0x1D]

/// The same record as a CDS/ISIS ISO export writes it: `#` for terminators, `^` for delimiters and a
/// line break after every 80 bytes.
private func isisExport(lineBreak: [UInt8]) -> [UInt8] {
    let flat = isoRecord.map { byte -> UInt8 in
        switch byte {
        case 0x1E, 0x1D: UInt8(ascii: "#")
        case 0x1F: UInt8(ascii: "^")
        default: byte
        }
    }
    var out: [UInt8] = []
    var i = 0
    while i < flat.count {
        out += flat[i..<min(i + 80, flat.count)]
        out += lineBreak
        i += 80
    }
    return out
}

@Suite struct FormatSnifferTests {
    @Test func iso2709() {
        #expect(isoRecord.count == 85)
        #expect(FormatSniffer.sniff(isoRecord) == .iso2709)
        #expect(FormatSniffer.sniff(isoRecord + isoRecord, fileName: "records.mrc") == .iso2709)
    }

    @Test(arguments: ["good-three-records.mrc", "unimarc.mrc", "oversized-record.mrc"])
    func iso2709Fixtures(_ name: String) throws {
        let bytes = try Paths.bytes(Paths.fixture("iso2709/\(name)"))
        #expect(FormatSniffer.sniff(Array(bytes.prefix(FormatSniffer.prefixLength))) == .iso2709)
    }

    @Test func headerLineBeforeARealRecord() {
        #expect(FormatSniffer.sniff(utf8("HEADER-LINE-FROM-AN-EXPORT\n") + isoRecord) == .iso2709)
        #expect(FormatSniffer.sniff(utf8("Exported 2026-11-25 by Some System\r\n") + isoRecord) == .iso2709)
    }

    @Test func headerLineFixture() throws {
        let bytes = try Paths.bytes(Paths.fixture("iso2709/junk-before-leader.mrc"))
        #expect(FormatSniffer.sniff(Array(bytes.prefix(FormatSniffer.prefixLength))) == .iso2709)
    }

    @Test func leaderShapedTextWithoutTerminatorsIsNotISO() {
        #expect(FormatSniffer.sniff(utf8("Some header\n00085nam a2200049   4500 and then plain text")) == nil)
    }

    @Test func leadingWhitespaceBeforeISO() {
        #expect(FormatSniffer.sniff(utf8("\r\n  \t") + [0x1A, 0x00] + isoRecord) == .iso2709)
    }

    @Test(arguments: [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection/>",
        "<collection xmlns=\"http://www.loc.gov/MARC21/slim\">",
        "<record><leader>00000nam a2200000   4500</leader></record>",
        "  \n\t<?xml version=\"1.0\"?>",
    ])
    func marcxml(_ text: String) {
        #expect(FormatSniffer.sniff(utf8(text)) == .marcxml)
    }

    @Test func marcxmlWithByteOrderMark() {
        #expect(FormatSniffer.sniff([0xEF, 0xBB, 0xBF] + utf8("<?xml version=\"1.0\"?>")) == .marcxml)
        #expect(FormatSniffer.sniff([0xEF, 0xBB, 0xBF] + utf8("\r\n  <collection>")) == .marcxml)
    }

    @Test(arguments: [
        "{\"leader\":\"00000nam a2200000   4500\",\"fields\":[]}",
        "[{\"leader\":\"00000nam a2200000   4500\"}]",
        "\n  [\n",
    ])
    func json(_ text: String) {
        #expect(FormatSniffer.sniff(utf8(text)) == .json)
        #expect(FormatSniffer.sniff([0xEF, 0xBB, 0xBF] + utf8(text)) == .json)
    }

    @Test func mrk() {
        #expect(FormatSniffer.sniff(utf8("=LDR  00000nam a2200000   4500\n=001  kat00001\n")) == .mrk)
        #expect(FormatSniffer.sniff(utf8("\n=LDR  00000nam a2200000   4500\n")) == .mrk)
        #expect(FormatSniffer.sniff(utf8("=000  00000nam a2200000   4500\n")) == .mrk)
        #expect(FormatSniffer.sniff(utf8("=245  10$aA title\n")) == .mrk)  // a record whose leader line is missing
        #expect(FormatSniffer.sniff(utf8("=245 10$aA title\n")) == nil)
    }

    @Test func isisMasterFileByContent() {
        var littleEndian = [UInt8](repeating: 0, count: 100)
        littleEndian[4] = 5
        #expect(FormatSniffer.sniff(littleEndian) == .isis)

        var bigEndian = [UInt8](repeating: 0, count: 100)
        bigEndian[7] = 5
        #expect(FormatSniffer.sniff(bigEndian) == .isis)
    }

    @Test func notAnIsisMasterFile() {
        // Too short to hold a control record.
        var short = [UInt8](repeating: 0, count: 63)
        short[4] = 5
        #expect(FormatSniffer.sniff(short) == nil)
        // Next MFN zero: all zeros is nothing at all.
        #expect(FormatSniffer.sniff([UInt8](repeating: 0, count: 100)) == nil)
    }

    @Test(arguments: ["CDS.MST", "cds.mst", "/data/isis/BIBLIO.Mst"])
    func isisMasterFileByName(_ name: String) {
        #expect(FormatSniffer.sniff([], fileName: name) == .isis)
        #expect(FormatSniffer.sniff(isoRecord, fileName: name) == .isis)
    }

    @Test func otherNamesDoNotForceIsis() {
        #expect(FormatSniffer.sniff(isoRecord, fileName: "mst.mrc") == .iso2709)
        #expect(FormatSniffer.sniff(isoRecord, fileName: "records.mst.bak") == .iso2709)
    }

    @Test func isisISOExportWithLineBreaks() {
        let lf = isisExport(lineBreak: [0x0A])
        #expect(lf[80] == 0x0A)
        #expect(FormatSniffer.sniff(lf) == .isisISO)

        let crlf = isisExport(lineBreak: [0x0D, 0x0A])
        #expect(crlf[80] == 0x0D)
        #expect(FormatSniffer.sniff(crlf) == .isisISO)
    }

    @Test func isisISOExportWithHashTerminatorsOnly() {
        let noBreaks = isisExport(lineBreak: [])
        #expect(!noBreaks.contains(0x1E) && !noBreaks.contains(0x1D))
        #expect(FormatSniffer.sniff(noBreaks) == .isisISO)
    }

    @Test func isoRecordWithRealTerminatorsAndHashIsStillISO() {
        let withHash = isoRecord.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "#") : $0 }
        #expect(withHash.contains(UInt8(ascii: "#")))
        #expect(FormatSniffer.sniff(withHash) == .iso2709)
    }

    @Test func randomTextIsNothing() {
        let text = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n", count: 20)
        #expect(FormatSniffer.sniff(utf8(text)) == nil)
        #expect(FormatSniffer.sniff(utf8("hello")) == nil)
    }

    @Test func dublinCoreByItsNamespaceNotMARCXMLInTheSameEnvelope() {
        let dc = utf8("""
            <?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record>\
            <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/ " \
            xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Judul</dc:title></oai_dc:dc>
            """)
        #expect(FormatSniffer.sniff(dc) == .oaiDC)
        let marc = utf8("""
            <?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListMetadataFormats>\
            <metadataPrefix>oai_dc</metadataPrefix><metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/\
            </metadataNamespace><record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000   4500</leader>
            """)
        #expect(FormatSniffer.sniff(marc) == .marcxml)
    }

    @Test func emptyAndBlankAreNothing() {
        #expect(FormatSniffer.sniff([]) == nil)
        #expect(FormatSniffer.sniff(utf8(" \r\n\t ")) == nil)
        #expect(FormatSniffer.sniff([0xEF, 0xBB, 0xBF]) == nil)
    }

    @Test func formatNames() {
        #expect(RecordFormat.allCases.map(\.rawValue) == ["iso2709", "marcxml", "json", "mrk", "isis", "isis-iso", "oai_dc"])
        #expect(RecordFormat(rawValue: "isis-iso") == .isisISO)
        #expect(RecordFormat(rawValue: "isisISO") == nil)
        #expect(Set(RecordFormat.allCases.map(\.displayName)).count == RecordFormat.allCases.count)
    }

    @Test func marcBreakerWithoutALeaderLineOrAfterComments() {
        #expect(FormatSniffer.sniff(Array("=001  kat1\n=245  10$aTitle\n".utf8)) == .mrk)
        #expect(FormatSniffer.sniff(Array("# exported\r\n# by hand\r\n=LDR  00000nam a2200000 a 4500\r\n".utf8)) == .mrk)
        #expect(FormatSniffer.sniff(Array("# just a comment\nnothing else\n".utf8)) == nil)
        #expect(FormatSniffer.sniff(Array("=x\n".utf8)) == nil)
    }
}
