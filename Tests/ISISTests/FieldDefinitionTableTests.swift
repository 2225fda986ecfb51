import Foundation
import ISIS
import MARCRecord
import Testing
import _KatalogTestSupport

@Suite struct FieldDefinitionTableTests {
    @Test func winISISFixedColumns() {
        let text = "W:CDS   \r\nF:CDS   CDS1  \r\nS:CDS   CDS0  \r\n***\r\n"
            + "Conference main entry         npdz                12 300 0 0\r\n"
            + "Series                        vz                  44 300 0 1\r\n"
            + "Notes                                             50 500 0 0\r\n"
            + "broken line\r\n"
        let (fdt, findings) = ISISFieldDefinitionTable.parse(Array(text.utf8), fileName: "cds.fdt")
        #expect(fdt.flavour == .winisis)
        #expect(fdt.definitions.map(\.tag) == [12, 44, 50])
        #expect(fdt.definitions[0].name == Array("Conference main entry".utf8))
        #expect(fdt.definitions[0].subfieldCodes == Array("npdz".utf8))
        #expect(fdt.definitions.map(\.repeatable) == [false, true, false])
        #expect(fdt.definitions[2].subfieldCodes.isEmpty && fdt.definitions[2].length == 500)
        #expect(findings.map(\.code) == [.isisFDTBadLine])
    }

    @Test func abcdPipeSeparated() {
        let text = "LDR||Leader|0|0||||\nH||General Info|0|0||||\nT|17|Copyr. or dep. number|0|1|12abdi||X|1\n"
            + "S||Indicator 1|0|0|1||X||1\nF|20|ISBN|0|1|a||X\nF|1|Control number|0|0|||AI\n"
        let (fdt, findings) = ISISFieldDefinitionTable.parse(Array(text.utf8))
        #expect(fdt.flavour == .abcd && findings.isEmpty)
        #expect(fdt.definitions.map(\.tag) == [17, 20, 1])
        #expect(fdt.definitions.map(\.repeatable) == [true, true, false])
        #expect(fdt.definitions[0].subfieldCodes == Array("12abdi".utf8))
    }

    @Test(.enabled(if: Paths.hasCorpus, "../shared/corpus is absent"),
        arguments: [("cds-cisis-linux-isis20/CDS.fdt", 13), ("biblio-isis-bibl-winisis/BIBL.FDT", 0),
            ("abcd-marc-windows-isis18/marc.fdt", 0)])
    func corpusTablesParseWithoutFindings(_ relative: String, _ expectedCount: Int) throws {
        let bytes = try Paths.bytes(try #require(Paths.corpusFile("isis/" + relative)))
        let (fdt, findings) = ISISFieldDefinitionTable.parse(bytes, fileName: relative)
        #expect(findings.isEmpty, "\(findings.map(\.line))")
        if expectedCount > 0 { #expect(fdt.definitions.count == expectedCount) }
        #expect(fdt.definitions.count >= 13)
        #expect(Set(fdt.definitions.map(\.tag)).count == fdt.definitions.count)
    }
}
