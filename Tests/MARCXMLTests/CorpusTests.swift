import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import MARCXML
import Testing
import _KatalogTestSupport

private func installed(_ tool: String) -> String? {
    ["/usr/bin/\(tool)", "/usr/local/bin/\(tool)"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// MARCXML against real files and against yaz; skipped when ../shared/corpus is absent.
@Suite(.enabled(if: Paths.hasCorpus, "../shared/corpus is absent"), .serialized)
struct MARCXMLCorpusTests {
    /// yaz's own test suite ships MARCXML files and the ISO 2709 yaz makes of them: we must read the
    /// XML to the same records.
    /// yaz's own test suite ships MARCXML files and the ISO 2709 yaz makes of them: we read the XML to
    /// the same records, except where we report a repair (a two-byte indicator, which yaz copies into
    /// the ISO 2709 record and so breaks its structure) or the record is danmarc2, whose leader
    /// declares other indicator and code lengths.
    @Test(arguments: 0...12)
    func yazGoldenFiles(n: Int) throws {
        let xml = try #require(Paths.corpusFile("marc/yaz/test/marc-files/marc\(n).xml"))
        let iso = try #require(Paths.corpusFile("marc/yaz/test/marc-files/marc\(n).xml.marc"))
        let ours = try readXML(Paths.bytes(xml))
        let theirs = try readISOFile(iso)
        #expect(ours.records.count == theirs.records.count)
        for (a, b) in zip(ours.records, theirs.records) {
            #expect(a.fields.map(\.tag) == b.fields.map(\.tag))
            let danmarc = a.leaderByte(10) != UInt8(ascii: "2")
            let repaired = ours.findings.contains { $0.code == .xmlBadIndicator }
            if danmarc || repaired { continue }
            #expect(a.fields.map { Array($0.content) } == b.fields.map { Array($0.content) })
        }
    }

    @Test func everyCorpusMARCXMLFileIsReadWithoutCrashing() throws {
        let root = try #require(Paths.corpus).appendingPathComponent("marc")
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".xml") }
        #expect(files.count > 50)
        var total = 0
        for file in files {
            let bytes = try Paths.bytes(root.appendingPathComponent(file).path)
            do {
                total += try readXML(bytes, chunkSize: 1 << 16, name: file).records.count
            } catch let error as ReadError {
                #expect(error.kind == .unreadable, "\(file): \(error)")
            }
        }
        #expect(total > 100)
    }

    @Test func libraryOfCongressSliceThroughMARCXMLAndBack() throws {
        let path = try #require(Paths.corpusFile("marc/lc-books/lc-books-25k.mrc"))
        let original = try readISOFile(path).records
        let (xml, findings) = try writeXML(original)
        // The only record XML cannot carry whole: 23,523, whose 001 ends with 0x1F.
        #expect(findings.map(\.tag) == ["001"])
        let back = try readXML(xml, chunkSize: 1 << 16)
        #expect(back.findings.isEmpty)
        #expect(back.records.count == 25_000)
        let differing = zip(original, back.records).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        #expect(differing == [23_523])

        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xmlPath = dir.appendingPathComponent("lc.xml").path
        try Data(xml).write(to: URL(fileURLWithPath: xmlPath))
        if let xmllint = installed("xmllint"), let xsd = Paths.corpusFile("xsd/MARC21slim.xsd") {
            let result = try run(xmllint, ["--stream", "--noout", "--schema", xsd, xmlPath])
            #expect(result.status == 0, "\(result.stderr.prefix(500))")
        }
        // yaz reads our MARCXML back to the original bytes, record for record.
        if let yaz = installed("yaz-marcdump") {
            let result = try run(yaz, ["-i", "marcxml", "-o", "marc", xmlPath])
            #expect(result.status == 0)
            var reader = ISO2709Reader(source: MemoryByteSource(result.stdout), fileName: "yaz")
            let viaYaz = try readAll(&reader).records
            #expect(viaYaz.count == 25_000)
            let yazDiffers = zip(original, viaYaz).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
            #expect(yazDiffers == [23_523])
        }
    }

    @Test(.enabled(if: installed("yaz-marcdump") != nil, "yaz-marcdump is not installed"))
    func weReadYazMARCXMLToTheSameRecords() throws {
        let path = try #require(Paths.corpusFile("marc/lc-books/lc-books-25k.mrc"))
        let original = try readISOFile(path).records
        let result = try run(installed("yaz-marcdump")!, ["-i", "marc", "-o", "marcxml", path])
        #expect(result.status == 0)
        let ours = try readXML(result.stdout, chunkSize: 1 << 16)
        #expect(ours.records.count == 25_000)
        let differing = zip(original, ours.records).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        // yaz drops the stray 0x1F of record 23,523 too.
        #expect(differing == [23_523])
    }
}

/// pymarc 5.4.0 against our MARCXML, both ways; skipped without the corpus or the pymarc environment.
@Suite(.enabled(if: Paths.hasCorpus && Paths.pymarcPython != nil, "needs ../shared/corpus and .venv-pymarc"))
struct MARCXMLPymarcTests {
    @Test func pymarcReadsOurMARCXMLToTheSameRecords() throws {
        let path = try #require(Paths.corpusFile("marc/lc-books/lc-books-25k.mrc"))
        let original = try readISOFile(path).records
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xmlPath = dir.appendingPathComponent("ours.xml").path
        try Data(try writeXML(original).0).write(to: URL(fileURLWithPath: xmlPath))
        let isoPath = dir.appendingPathComponent("pymarc.mrc").path
        #expect(try Paths.pymarcConvert("xml", "marc", xmlPath, isoPath) == 0)
        let back = try readISOFile(isoPath).records
        #expect(back.count == 25_000)
        let differing = zip(original, back).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        #expect(differing == [23_523])
    }

    @Test func weReadPymarcMARCXMLUpToItsFirstIllFormedRecord() throws {
        let path = try #require(Paths.corpusFile("marc/lc-books/lc-books-25k.mrc"))
        let original = try readISOFile(path).records
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xmlPath = dir.appendingPathComponent("pymarc.xml").path
        #expect(try Paths.pymarcConvert("marc", "xml", path, xmlPath) == 0)
        let ours = try readXML(Paths.bytes(xmlPath), chunkSize: 1 << 16)
        // pymarc writes the stray 0x1F of record 23,523 raw, which makes its XML ill-formed there: we
        // keep every record before it, identical, and report where the document broke.
        #expect(ours.records.count == 23_522)
        #expect(zip(original, ours.records).allSatisfy { $0 == $1 })
        let fatal = try #require(ours.findings.last)
        #expect(fatal.code == .xmlMalformed && fatal.recordNumber == 23_523)
    }
}
