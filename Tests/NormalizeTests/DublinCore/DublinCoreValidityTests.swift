import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import MARCXML
import Normalize
import Testing
import struct MARCRecord.Tag
import _KatalogTestSupport

/// The acceptance test of the crosswalk: descriptions shaped like SLiMS's and INLISLite's `oai_dc`
/// become MARC 21 records that are structurally valid — written as ISO 2709 and read back strictly
/// without a finding, and written as MARCXML that the LC schema accepts.
@Suite struct DublinCoreValidityTests {
    /// Every description of a fixture, crosswalked as a harvest would: 001 from the OAI identifier's
    /// local part, 884 $k the identifier, 008/00–05 from the datestamp.
    private func crosswalked(_ fixture: String) throws -> [MARCRecord] {
        let path = Paths.fixture("oai_dc/\(fixture)")
        var reader = DublinCoreXMLReader(source: try FileByteSource(path: path), fileName: fixture, mode: .strict)
        var records: [MARCRecord] = []
        while let item = try reader.next() {
            let local = item.oaiIdentifier.map { String($0.split(separator: ":").last ?? "") }
            records.append(DublinCoreCrosswalk.marcRecord(from: item.record, controlNumber: local,
                sourceIdentifier: item.oaiIdentifier, datestamp: item.datestamp))
        }
        #expect(reader.drainFindings().isEmpty)
        return records
    }

    private func write(_ records: [MARCRecord], to path: String, xml: Bool) throws -> [Finding] {
        let output = try OutputFile(path: path)
        var findings: [Finding] = []
        if xml {
            var writer = MARCXMLWriter(output: output)
            for record in records { findings += try writer.write(record) }
            try writer.finish()
        } else {
            var writer = ISO2709Writer(output: output)
            for record in records { findings += try writer.write(record) }
            try writer.finish()
        }
        try output.commit()
        return findings
    }

    @Test(arguments: ["slims-oai.xml", "inlislite-oai.xml"])
    func roundTripsThroughISO2709Strictly(fixture: String) throws {
        let records = try crosswalked(fixture)
        #expect(records.count == 3)
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("dc.mrc").path
        #expect(try write(records, to: path, xml: false).isEmpty)
        var reader = ISO2709Reader(source: try FileByteSource(path: path), fileName: path, mode: .strict)
        let back = try readAll(&reader)
        #expect(back.findings.isEmpty)
        #expect(back.records == records)
        for record in back.records { checkStructure(record) }
    }

    @Test(.enabled(if: schemaCheck != nil, "needs xmllint and ../shared/corpus/xsd/MARC21slim.xsd"),
        arguments: ["slims-oai.xml", "inlislite-oai.xml"])
    func marcXMLValidatesAgainstTheSchema(fixture: String) throws {
        let (xmllint, xsd) = try #require(schemaCheck)
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("dc.xml").path
        #expect(try write(try crosswalked(fixture), to: path, xml: true).isEmpty)
        let result = try run(xmllint, ["--noout", "--schema", xsd, path])
        #expect(result.status == 0, "\(result.stderr.prefix(800))")
    }

    @Test(.enabled(if: hasMARCLint, "needs perl with MARC::Lint"), arguments: ["slims-oai.xml", "inlislite-oai.xml"])
    func marcLintHasNothingToSay(fixture: String) throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("dc.mrc").path
        #expect(try write(try crosswalked(fixture), to: path, xml: false).isEmpty)
        let script = """
            use MARC::Lint; use MARC::File::USMARC;
            my $f = MARC::File::USMARC->in($ARGV[0]); my $lint = MARC::Lint->new;
            while (my $r = $f->next) { $lint->check_record($r); print "$_\\n" for $lint->warnings; }
            """
        let result = try run("/usr/bin/perl", ["-e", script, path])
        #expect(result.status == 0)
        #expect(result.stdoutText.isEmpty, "\(result.stdoutText)")
    }

    /// What MARC 21 asks of every record beyond what ISO 2709 framing checks.
    private func checkStructure(_ record: MARCRecord) {
        let leader = record.leader
        #expect(leader.characterCoding == "a")
        #expect(leader.bytes[17] == UInt8(ascii: "3") && leader.bytes[18] == UInt8(ascii: "u"))
        #expect("acdefgijkmoprt".contains(leader.typeOfRecord))
        #expect(record.firstField("008")?.content.count == 40)
        #expect(record.fields("245" as Tag).count == 1)
        for field in record.fields where !field.isControlField {
            #expect(field.indicators.allSatisfy { $0 == 0x20 || $0 &- 0x30 < 10 }, "\(field.tag)")
            let subfields = Array(field.subfields)
            #expect(!subfields.isEmpty, "\(field.tag)")
            for subfield in subfields {
                #expect(subfield.code &- 0x61 < 26 || subfield.code &- 0x30 < 10, "\(field.tag)")
                #expect(!subfield.value.isEmpty, "\(field.tag) $\(subfield.codeCharacter)")
            }
        }
    }

    /// A Dublin Core description and the catalogued record of the same book give the same match
    /// keys, so the merger finds them as candidates.
    @Test func crosswalkedRecordsShareKeysWithCataloguedOnes() throws {
        let laskar = try crosswalked("slims-oai.xml")[0]
        var catalogued = MARCRecord()
        catalogued.appendControlField("008", "081015s2008    io a          000 1 ind d")
        catalogued.appendDataField("100", indicators: "1 ", subfields: [("a", "Hirata, Andrea.")])
        catalogued.appendDataField("245", indicators: "10",
            subfields: [("a", "Laskar pelangi :"), ("b", "sebuah novel /"), ("c", "Andrea Hirata.")])
        catalogued.appendDataField("300", indicators: "  ", subfields: [("a", "xxxiv, 529 hlm. :"), ("b", "ilus. ;"),
            ("c", "20 cm.")])
        #expect(TitleKey.key(for: laskar) == "laskar pelangi sebuah novel")
        #expect(TitleKey.key(for: laskar) == TitleKey.key(for: catalogued))
        #expect(AuthorKey.key(for: laskar) == "hirata")
        #expect(AuthorKey.key(for: laskar) == AuthorKey.key(for: catalogued))
        #expect(YearKey.key(for: laskar) == 2008)
        #expect(YearKey.key(for: laskar) == YearKey.key(for: catalogued))
        #expect(PaginationKey.key(for: laskar) == 529)
        #expect(PaginationKey.key(for: laskar) == PaginationKey.key(for: catalogued))

        let bumi = try crosswalked("inlislite-oai.xml")[0]
        #expect(TitleKey.key(for: bumi) == "bumi manusia")
        #expect(AuthorKey.key(for: bumi) == "toer")
        #expect(YearKey.key(for: bumi) == 1980)
        #expect(PaginationKey.key(for: bumi) == 535)
    }
}

/// xmllint and the MARCXML schema, when both are there.
private let schemaCheck: (xmllint: String, xsd: String)? = {
    guard let xsd = Paths.corpusFile("xsd/MARC21slim.xsd"), FileManager.default.fileExists(atPath: xsd),
        let xmllint = executable("xmllint")
    else { return nil }
    return (xmllint, xsd)
}()

/// Whether MARC::Lint (CPAN MARC-Lint, Debian libmarc-lint-perl) can be loaded.
private let hasMARCLint: Bool = {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/perl") else { return false }
    return (try? run("/usr/bin/perl", ["-MMARC::Lint", "-e", "1"]).status) == 0
}()

/// The path of an executable on `PATH`, or nil.
private func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
