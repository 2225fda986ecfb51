import Charsets
import Foundation
import ISIS
import MARCRecord
import Testing
import _KatalogTestSupport

/// The field-usage table `inspect` prints.
struct FieldUsageTests {
    @Test func countsOccurrencesRecordsCodesAndSamples() {
        var usage = ISISFieldUsage()
        usage.add(ISISRecord(mfn: 1, fields: [field(26, "^aParis^BUnesco"), field(70, "A"), field(70, "B")]),
            unmappedTags: [70, 70])
        usage.add(ISISRecord(mfn: 2, fields: [field(26, "^cx"), field(24, "")]))
        let rows = usage.rows(decoder: ISISTextDecoder(.utf8))
        #expect(rows.map(\.tag) == [24, 26, 70])
        let r26 = rows[1]
        #expect(r26.occurrences == 2 && r26.records == 2 && r26.subfieldCodes == "abc" && r26.sample == "^aParis^BUnesco")
        let r70 = rows[2]
        #expect(r70.occurrences == 2 && r70.records == 1 && r70.unmapped == 2 && r70.sample == "A")
        #expect(rows[0].sample == "")
    }

    @Test(.enabled(if: Paths.hasCorpus)) func namesComeFromTheFDTBesideTheMasterFile() throws {
        let path = try #require(Paths.corpusFile("isis/cds-cisis-linux-isis20/CDS.mst"))
        let fdtPath = try #require(ISISFieldUsage.siblingPath(of: path, extension: "fdt"))
        #expect(fdtPath.hasSuffix("CDS.fdt"))
        let fdt = ISISFieldDefinitionTable.parse(try Paths.bytes(fdtPath)).0
        var usage = ISISFieldUsage()
        var reader = try ISISMasterReader(path: path)
        while let record = try reader.next() { usage.add(record) }
        let rows = usage.rows(decoder: ISISTextDecoder(.codePage(.cp850)), fdt: fdt)
        let title = try #require(rows.first { $0.tag == 24 })
        #expect(title.name == "Title" && title.records == 150)
        #expect(rows.first { $0.tag == 70 }?.name == "Personal Authors")
        #expect(rows.first { $0.tag == 26 }?.subfieldCodes == "abc")
    }
}
