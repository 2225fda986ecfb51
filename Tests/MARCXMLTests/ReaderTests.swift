import Foundation
import MARCRecord
import MARCXML
import Testing
import _KatalogTestSupport

@Suite struct ReaderTests {
    @Test func collectionInTheSlimNamespace() throws {
        let out = try readXMLFixture("collection-slim.xml")
        #expect(out.findings.isEmpty)
        #expect(out.controlNumbers == ["x0001", "x0002"])
        let first = try #require(out.records[0].firstField("245"))
        #expect(first.value("a") == "Bumi manusia & anak semua bangsa /")
        #expect(Array(first.indicators) == Array("10".utf8))
        // Entities and character references come back as the characters they stand for.
        #expect(out.records[1].firstField("245")?.value("a") == "日本語 <tag> Line\rbreak\ttab")
        #expect(out.records[0].firstField("008")?.value.utf8.count == 40)
    }

    @Test func prefixedLoneAndUnqualified() throws {
        #expect(try readXMLFixture("prefixed-marc.xml").records.first?.firstField("650")?.value("a") == "Sastra.")
        let lone = try readXMLFixture("lone-record-no-namespace.xml")
        #expect(lone.controlNumbers == ["n1"])
        #expect(lone.records[0].firstField("100")?.value("a") == "Hirata, Andrea.")
    }

    @Test func recordsInsideAnOAIPMHResponse() throws {
        let out = try readXMLFixture("oai-pmh-listrecords.xml")
        // The OAI <record> elements are not MARC records; the one inside <metadata> is.
        #expect(out.controlNumbers == ["oai1"])
        #expect(out.findings.isEmpty)
    }

    @Test func repairsAreReportedWithLineAndColumn() throws {
        let out = try readXMLFixture("repairs.xml")
        #expect(out.controlNumbers == ["r1", "r2"])
        #expect(out.codes == ["marcxml.bad-tag", "marcxml.bad-indicator", "marcxml.bad-tag",
            "marcxml.missing-subfield-code", "marcxml.missing-leader", "marcxml.bad-leader"])
        let r1 = out.records[0]
        #expect(r1.fields.map(\.tag.description) == ["001", "045", "500"])
        #expect(Array(try #require(r1.firstField("045")).indicators) == Array("1 ".utf8))
        #expect(r1.firstField("500")?.subfields.map(\.codeCharacter) == ["a"])
        #expect(out.findings[0].message.hasPrefix("line 4, column"))
        #expect(out.findings[0].recordNumber == 1 && out.findings[0].controlNumber == "r1")
        #expect(out.records[1].leader.bytes == Array("00000nam a22            ".utf8))
    }

    @Test func malformedXMLEndsTheDocumentAfterTheGoodRecords() throws {
        let out = try readXMLFixture("malformed-after-one-record.xml")
        #expect(out.controlNumbers == ["m1"])
        let fatal = try #require(out.findings.last)
        #expect(fatal.code == .xmlMalformed && fatal.severity == .error)
        #expect(fatal.recordNumber == 2)
        #expect(fatal.message.hasPrefix("line 4, column"))
        #expect(out.skipped == 1)
    }

    @Test func strictModeStopsAtMalformedXML() throws {
        #expect(throws: ReadError.self) { try readXMLFixture("malformed-after-one-record.xml", mode: .strict) }
        #expect(throws: ReadError.self) { try readXMLFixture("repairs.xml", mode: .strict) }
        #expect(try readXMLFixture("collection-slim.xml", mode: .strict).records.count == 2)
    }

    @Test(arguments: ["xxe.xml", "billion-laughs.xml"])
    func hostileDocumentsAreRefusedQuickly(name: String) throws {
        let started = Date()
        do {
            _ = try readXMLFixture(name)
            Issue.record("\(name) was read")
        } catch let error as ReadError {
            #expect(error.kind == .unreadable)
            #expect(error.finding.code == .xmlDoctypeRefused)
            #expect(error.finding.message.contains("DOCTYPE"))
        }
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test func undeclaredEntitiesAreNotResolved() throws {
        let out = try readXMLFixture("undeclared-entity.xml")
        #expect(out.records.isEmpty)
        #expect(out.codes == ["marcxml.malformed-xml"])
    }

    static let fixtures = ["collection-slim.xml", "prefixed-marc.xml", "lone-record-no-namespace.xml",
        "oai-pmh-listrecords.xml", "repairs.xml", "malformed-after-one-record.xml"]

    @Test(arguments: fixtures)
    func sameResultForEveryChunkSize(name: String) throws {
        let whole = try readXMLFixture(name, chunkSize: 1 << 20)
        for size in [1, 7, 4096] {
            let chunked = try readXMLFixture(name, chunkSize: size)
            #expect(chunked.records == whole.records, "chunk size \(size)")
            #expect(chunked.codes == whole.codes, "chunk size \(size)")
        }
    }
}
