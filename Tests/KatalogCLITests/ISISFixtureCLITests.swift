import Foundation
import Testing
import _KatalogTestSupport

/// The demo's CDS/ISIS sample (Fixtures/isis, written by `isis-synth sample`): CP850 text, one
/// logically and one physically deleted record.
@Suite(.serialized) struct ISISFixtureCLITests {
    let katalog = Paths.katalogBinary
    let database = Paths.fixture("isis/perpustakaan.mst")

    @Test func convertsTheActiveRecordsDecodedFromCP850() throws {
        let result = try run(katalog, ["convert", database, "--profile", "cds", "--to", "mrk", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = String(decoding: result.stdout, as: UTF8.self)
        #expect(text.components(separatedBy: "=LDR").count - 1 == 5)
        #expect(text.contains("=245  00$aLa société javanaise : étude d'anthropologie"))
        #expect(text.contains("$bÉditions de l'EHESS"))
        #expect(!text.contains("Catatan yang dihapus"), "the logically deleted record is skipped")
        #expect(result.stderr.contains("cp850"))
    }

    @Test func includeDeletedWritesTheLogicallyDeletedRecordMarkedD() throws {
        let result = try run(katalog, ["convert", database, "--profile", "cds", "--include-deleted", "--quiet"])
        #expect(result.status == 0)
        let records = result.stdout.split(separator: 0x1D)
        #expect(records.count == 6)
        let deleted = records.filter { String(decoding: $0, as: UTF8.self).contains("Catatan yang dihapus") }
        #expect(deleted.count == 1)
        #expect(deleted.first.map { $0[$0.startIndex + 5] } == UInt8(ascii: "d"))
    }

    @Test func inspectCountsMFNsByStatus() throws {
        let result = try run(katalog, ["inspect", database, "--quiet"])
        #expect(result.status == 0)
        let text = String(decoding: result.stdout, as: UTF8.self)
        #expect(text.contains("MFNs: 7 — active 5, logically deleted 1, physically deleted 1"))
        #expect(text.contains("ISIS layout: isis18, byte order little, MSTXL shift 0"))
    }
}
