import Catalog
import Foundation
import MARCRecord
import Testing
import _KatalogTestSupport

/// Dumps of real-shaped clusters (Library of Congress records merged with a second member's copy,
/// deleted clusters, and our own records full of what needs escaping) in every format, plain and
/// gzipped, read by the reference tools without a single error or warning: yaz-marcdump (ISO 2709,
/// MARCXML, MARC-in-JSON), pymarc 5.4 (all three, warnings turned into errors) and xmllint with the
/// MARC 21 slim schema. Each tool's part skips when the tool is absent.
@Suite(.enabled(if: Paths.hasCorpus, "../shared/corpus is absent"), .serialized)
struct DumpInteropTests {
    typealias F = DumpFixtures

    static let yaz = "/usr/bin/yaz-marcdump"
    static let xmllint = "/usr/bin/xmllint"
    static let gunzip = "/usr/bin/gunzip"
    static var hasYaz: Bool { FileManager.default.isExecutableFile(atPath: yaz) }
    static var schema: String? {
        Paths.corpusFile("xsd/MARC21slim.xsd").flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    }

    /// Forty-odd clusters: LC's records (with every fifth a deletion) and our escaping-heavy ones.
    static func entries() throws -> [DumpEntry] {
        let lc = try #require(try F.lcEntries(36))
        return lc + F.entries(10, deletedEvery: 4, firstID: 900)
    }

    /// Writes the dump and returns the path of its uncompressed bytes.
    static func dump(_ entries: [DumpEntry], _ format: DumpFormat, gzip: Bool, in dir: URL) throws -> String {
        let name = "union-\(format.rawValue)" + (gzip ? ".gz" : "")
        var findings: [Finding] = []
        let summary = try DumpWriter.write(entries, to: dir.appendingPathComponent(name).path,
            options: .init(format: format, gzip: gzip)) { findings.append($0) }
        #expect(findings.isEmpty, "\(findings.map(\.line))")
        guard gzip else { return summary.files[0] }
        let unzipped = try run(gunzip, ["-c", summary.files[0]])
        #expect(unzipped.status == 0 && unzipped.stderr.isEmpty)
        let plain = dir.appendingPathComponent(name + ".plain").path
        try Data(unzipped.stdout).write(to: URL(fileURLWithPath: plain))
        return plain
    }

    static let pymarcCheck = """
        import sys, warnings
        warnings.simplefilter("error")
        import pymarc
        kind, path = sys.argv[1], sys.argv[2]
        records = []
        if kind == "marc":
            with open(path, "rb") as fh:
                reader = pymarc.MARCReader(fh, to_unicode=True, force_utf8=True, utf8_handling="strict")
                for record in reader:
                    if record is None:
                        sys.exit("unreadable record: %r" % (reader.current_exception,))
                    records.append(record)
        elif kind == "xml":
            records = pymarc.parse_xml_to_array(path, strict=True)
        else:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    records.extend(pymarc.JSONReader(line))
        for record in records:
            record.as_marc()
            print(record["001"].data)
        """

    @Test(arguments: [false, true])
    func yazReadsEveryFormat(gzip: Bool) throws {
        try #require(Self.hasYaz, "yaz-marcdump is not installed")
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = try Self.entries()
        for (format, input) in [(DumpFormat.iso2709, "marc"), (.marcxml, "marcxml")] {
            let path = try Self.dump(entries, format, gzip: gzip, in: dir)
            let result = try run(Self.yaz, ["-i", input, "-o", "line", path])
            #expect(result.status == 0, "\(format)")
            #expect(result.stderr.isEmpty, "\(format): \(result.stderr)")
            let back = try run(Self.yaz, ["-i", input, "-o", "marc", path])
            #expect(back.status == 0 && back.stderr.isEmpty)
            #expect(try F.readBack(back.stdout, .iso2709).records.map(\.controlNumber) == entries.map(\.clusterID))
        }
        // yaz reads one MARC-in-JSON record per file: every third record, and every deletion record.
        let json = try Self.dump(entries, .json, gzip: gzip, in: dir)
        let one = dir.appendingPathComponent("one.json").path
        for (i, line) in try Paths.bytes(json).split(separator: 0x0A).enumerated()
        where i % 3 == 0 || entries[i].record == nil {
            try Data(line).write(to: URL(fileURLWithPath: one))
            let result = try run(Self.yaz, ["-i", "json", "-o", "marc", one])
            #expect(result.status == 0 && result.stderr.isEmpty, "record \(i + 1): \(result.stderr)")
            #expect(try F.readBack(result.stdout, .iso2709).records.map(\.controlNumber) == [entries[i].clusterID])
        }
    }

    @Test(.enabled(if: Paths.pymarcPython != nil, "needs .venv-pymarc (bash Scripts/install-deps)"),
          arguments: [false, true])
    func pymarcReadsEveryFormatWithoutAWarning(gzip: Bool) throws {
        let python = try #require(Paths.pymarcPython)
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("check.py").path
        try Data(Self.pymarcCheck.utf8).write(to: URL(fileURLWithPath: script))
        let entries = try Self.entries()
        for (format, kind) in [(DumpFormat.iso2709, "marc"), (.marcxml, "xml"), (.json, "json")] {
            let path = try Self.dump(entries, format, gzip: gzip, in: dir)
            let result = try run(python, [script, kind, path])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(format): \(result.stderr)")
            #expect(result.stdoutText.split(separator: "\n").map(String.init) == entries.map(\.clusterID), "\(format)")
        }
    }

    @Test(arguments: [false, true])
    func xmllintValidatesTheMARCXMLAgainstTheSchema(gzip: Bool) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.xmllint), "xmllint is not installed")
        let xsd = try #require(Self.schema)
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.dump(try Self.entries(), .marcxml, gzip: gzip, in: dir)
        let result = try run(Self.xmllint, ["--noout", "--schema", xsd, path])
        #expect(result.status == 0)
        #expect(result.stderr == "\(path) validates\n")
        // Chunked: every file is a schema-valid collection of its own.
        let chunked = try DumpWriter.write(try Self.entries(), to: dir.appendingPathComponent("c.xml").path,
            options: .init(format: .marcxml, chunkSize: 20))
        #expect(chunked.files.count == 3)
        for file in chunked.files {
            let check = try run(Self.xmllint, ["--noout", "--schema", xsd, file])
            #expect(check.status == 0 && check.stderr == "\(file) validates\n")
        }
    }
}
