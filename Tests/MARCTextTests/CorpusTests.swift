import Foundation
import KatalogIO
import MARCRecord
import MARCText
import Testing
import _KatalogTestSupport

/// Real files from ../shared/corpus; skipped when the corpus is absent (a fresh clone).
@Suite(.enabled(if: Paths.hasCorpus, "../shared/corpus is absent"))
struct CorpusTests {
    static func read(_ relative: String, as format: RecordFormat) throws -> ReadOutcome {
        let path = try #require(Paths.corpusFile("marc/\(relative)"))
        let name = URL(fileURLWithPath: relative).lastPathComponent
        switch format {
        case .mrk:
            var reader = MRKReader(source: try FileByteSource(path: path), fileName: name, chunkSize: 4096)
            return try readAll(&reader)
        default:
            var reader = MARCJSONReader(source: try FileByteSource(path: path), fileName: name, chunkSize: 4096)
            return try readAll(&reader)
        }
    }

    static func twin(_ relative: String) throws -> [MARCRecord] {
        ISO2709Twin.records(try Paths.bytes(try #require(Paths.corpusFile("marc/\(relative)"))))
    }

    /// Field tags and contents, in order, as text (for readable failure messages).
    static func contents(_ record: MARCRecord) -> [String] {
        record.fields.map { "\($0.tag) " + ASCII.escaped($0.content, limit: .max) }
    }

    // MARK: - MARC-in-JSON

    /// yaz's test files: each `marcN.json` beside the ISO 2709 record yaz made from it.
    @Test(arguments: 0...12)
    func yazJSONMatchesItsISO2709Twin(number: Int) throws {
        let out = try Self.read("yaz/test/marc-files/marc\(number).json", as: .json)
        let twin = try Self.twin("yaz/test/marc-files/marc\(number).json.marc")
        #expect(out.records.count == 1 && twin.count == 1)
        let (ours, theirs) = (try #require(out.records.first), try #require(twin.first))
        if number == 0 {
            // ind2 is "á", two bytes: yaz writes both into the indicator position; an indicator is one byte,
            // so the reader blanks it and says so.
            #expect(out.codes == ["json.bad-indicator"])
            let blanked = Array(theirs.fields[0].content).replacing([0xC3, 0xA1], with: [0x20])
            #expect(Array(ours.fields[0].content) == blanked)
        } else {
            // marc1 and marc2 hold control fields with subfields and three indicators (ind3, leader/10 = 3);
            // marc2 and marc5 have two-byte subfield codes ("å", "η"), kept whole as yaz keeps them; marc12 has
            // \u001f inside two 880 values, which yaz (and we) keep as subfield delimiters.
            let expected: Set<FindingCode> = [.jsonFieldKindMismatch, .jsonUnusualSubfieldCode, .jsonStructureByte]
            #expect(out.findings.allSatisfy { expected.contains($0.code) }, "\(out.findings.map(\.line))")
            #expect(ours == theirs, "\(Self.contents(ours)) != \(Self.contents(theirs))")
        }
    }

    @Test(arguments: [
        ("catmandu-marc/t/test.ndj", "marc-perl/marc-mij/t/test.mrc", 9),
        ("marc-perl/marc-mij/t/test.ndj", "marc-perl/marc-mij/t/test.mrc", 9),
        ("marc4j/test/resources/summerland-marc-in-json.json", "marc4j/test/resources/summerland.mrc", 1),
        ("marc4j/test/resources/summerland-marc-in-json-indented.json", "marc4j/test/resources/summerland.mrc", 1),
    ])
    func jsonMatchesItsISO2709Twin(json: String, iso: String, count: Int) throws {
        let out = try Self.read(json, as: .json)
        let twin = try Self.twin(iso)
        #expect(out.findings.isEmpty, "\(out.findings.map(\.line))")
        #expect(out.records.count == count && twin.count == count)
        for (ours, theirs) in zip(out.records, twin) {
            #expect(ours == theirs, "\(Self.contents(ours)) != \(Self.contents(theirs))")
        }
    }

    @Test func pymarcOneJSONMatchesOneDat() throws {
        let out = try Self.read("pymarc-5.4.0-sdist/test/one.json", as: .json)
        let twin = try Self.twin("pymarc-5.4.0-sdist/test/one.dat")
        #expect(out.findings.isEmpty)
        let (ours, theirs) = (try #require(out.records.first), try #require(twin.first))
        // The only difference: one.dat says leader/09 = a (UTF-8), the JSON a blank.
        #expect(ours.leaderByte(9) == 0x20 && theirs.leaderByte(9) == UInt8(ascii: "a"))
        #expect(Self.contents(ours) == Self.contents(theirs))
    }

    @Test func pymarcBatchJSON() throws {
        let out = try Self.read("pymarc-5.4.0-sdist/test/batch.json", as: .json)
        #expect(out.findings.isEmpty)
        #expect(out.records.count == 2)
        #expect(out.records.first?.controlNumber == "5637241")
        #expect(out.records.first?.firstField("010")?.value("a") == "   91758335 ")
    }

    /// pymarc's `test.json` and MARC4J's `illegal-marc-in-json.json` break lines inside strings, which JSON
    /// forbids; the lenient reader keeps the line feeds, says where each is, and otherwise reads the record
    /// MARC4J's legal version holds.
    @Test(arguments: ["pymarc-5.4.0-sdist/test/test.json", "marc4j/test/resources/illegal-marc-in-json.json"])
    func rawLineFeedsInStringsAreKeptAndReported(file: String) throws {
        let legal = try Self.read("marc4j/test/resources/legal-json-marc-in-json.json", as: .json)
        #expect(legal.findings.isEmpty)
        let out = try Self.read(file, as: .json)
        #expect(!out.findings.isEmpty && out.findings.allSatisfy { $0.code == .jsonRawControlCharacter })
        let (ours, theirs) = (try #require(out.records.first), try #require(legal.records.first))
        #expect(ours.fields.map(\.tag) == theirs.fields.map(\.tag))
        #expect(ours.firstField("100")?.value("a")?.hasPrefix("Dylan,\n") == true)
        let differing = zip(ours.fields, theirs.fields).filter { !$0.content.elementsEqual($1.content) }
        #expect(differing.allSatisfy { $0.0.content.contains(0x0A) })
        do {
            _ = try readJSON(try Paths.bytes(try #require(Paths.corpusFile("marc/\(file)"))), mode: .strict)
            Issue.record("strict mode accepted raw line feeds")
        } catch let error as ReadError {
            #expect(error.finding.code == .jsonRawControlCharacter && error.finding.tag == "100")
        }
    }

    @Test func catmanduInternalFormatIsNotTakenForMARCInJSON() throws {
        let out = try Self.read("catmandu-marc/t/old_new.json", as: .json)
        #expect(out.records.isEmpty)
        #expect(out.findings.contains { $0.code == .jsonMissingFields && $0.severity == .error })
    }

    // MARK: - MARCBreaker

    @Test(arguments: [
        ("catmandu-marc/t/camel.mrk", "catmandu-marc/t/camel.mrc", 10),
        ("marc-perl/marc-marcmaker/t/camel.mrk", "marc-perl/marc-marcmaker/t/camel.usmarc", 10),
        ("marc4j/test/resources/brkrtest.mrk", "marc4j/test/resources/brkrtest.mrc", 8),
        ("marc4j/test/resources/brkrtest.mrk8", "marc4j/test/resources/brkrtest_UTF8.mrc", 8),
    ])
    func mrkMatchesItsISO2709Twin(mrk: String, iso: String, count: Int) throws {
        let out = try Self.read(mrk, as: .mrk)
        let twin = try Self.twin(iso)
        // brkrtest.mrk8 carries the literal text "{text}" (kept; reported for information).
        #expect(out.findings.allSatisfy { $0.severity == .info }, "\(out.findings.map(\.line))")
        #expect(out.records.count == count && twin.count == count)
        for (ours, theirs) in zip(out.records, twin) {
            #expect(ours == theirs, "\(Self.contents(ours)) != \(Self.contents(theirs))")
        }
    }

    @Test func qaCatalogueMarcMakerFiles() throws {
        for (n, count) in [(1, 1), (2, 1), (3, 1), (4, 2)] {
            let out = try Self.read("qa-catalogue/src/test/resources/marcmaker/0\(n).marcmaker", as: .mrk)
            #expect(out.records.count == count, "file \(n)")
            #expect(!out.findings.contains { $0.severity == .error }, "file \(n): \(out.findings.map(\.line))")
        }
        // 02 wraps its 245 onto a second line, as LC's MARCBreaker did.
        let wrapped = try Self.read("qa-catalogue/src/test/resources/marcmaker/02.marcmaker", as: .mrk)
        #expect(wrapped.codes == ["mrk.continuation-line"])
        #expect(wrapped.records.first?.firstField("245")?.value("c")
            == "by John W. Smith III ; with an introduction and commentary by Spencer Yarborough.")
    }

    // MARK: - Chunking and round trips

    @Test func everyFileReadsTheSameInAnyChunkSize() throws {
        let files = Self.allTextFiles + [
            ("marc4j/test/resources/illegal-marc-in-json.json", .json), ("yaz/test/marc-files/marc12.json", .json),
            ("qa-catalogue/src/test/resources/marcmaker/02.marcmaker", .mrk),
        ]
        for (file, format) in files {
            let bytes = try Paths.bytes(try #require(Paths.corpusFile("marc/\(file)")))
            let read = { (size: Int) throws -> ReadOutcome in
                format == .mrk ? try readMRK(bytes, chunkSize: size) : try readJSON(bytes, chunkSize: size)
            }
            let whole = try read(bytes.count)
            for size in [1, 7, 4096] {
                let chunked = try read(size)
                #expect(chunked.records == whole.records, "\(file), chunk size \(size)")
                #expect(chunked.findings == whole.findings, "\(file), chunk size \(size)")
            }
        }
    }

    static let allTextFiles: [(String, RecordFormat)] = [
        ("catmandu-marc/t/test.ndj", .json), ("pymarc-5.4.0-sdist/test/batch.json", .json),
        ("pymarc-5.4.0-sdist/test/one.json", .json), ("marc4j/test/resources/marc-in-json.json", .json),
        ("yaz/test/marc-files/marc1.json", .json), ("yaz/test/marc-files/marc9.json", .json),
        ("catmandu-marc/t/camel.mrk", .mrk), ("marc4j/test/resources/brkrtest.mrk", .mrk),
        ("marc4j/test/resources/brkrtest.mrk8", .mrk), ("qa-catalogue/src/test/resources/marcmaker/04.marcmaker", .mrk),
    ]

    @Test func everyRecordSurvivesBothWriters() throws {
        for (file, format) in Self.allTextFiles {
            let original = try Self.read(file, as: format)
            let records = original.records
            #expect(!records.isEmpty, "\(file)")
            let (mrk, mrkFindings) = try writeMRK(records)
            #expect(mrkFindings.isEmpty, "\(file)")
            let fromMRK = try readMRK(mrk)
            #expect(fromMRK.records.map(Self.contents) == records.map(Self.contents), "\(file) via .mrk")
            #expect(fromMRK.records == records, "\(file) via .mrk")
            // JSON needs UTF-8: only the MARC-8 brkrtest.mrk loses bytes (reported), every other file is exact.
            let (json, jsonFindings) = try writeJSON(records)
            let fromJSON = try readJSON(json)
            // What the JSON reader reports on the written file, it reported on the original already (yaz's marc1
            // has control fields with subfields, and a '&' subfield code).
            let reported = Set(original.findings.map(\.code))
            #expect(fromJSON.findings.allSatisfy { $0.severity == .info || reported.contains($0.code) },
                "\(file): \(fromJSON.findings.map(\.line))")
            if file.hasSuffix("brkrtest.mrk") {
                #expect(!jsonFindings.isEmpty && jsonFindings.allSatisfy { $0.code == .jsonInvalidUTF8 })
            } else {
                #expect(jsonFindings.isEmpty, "\(file)")
                #expect(fromJSON.records == records, "\(file) via JSON")
            }
        }
    }
}
