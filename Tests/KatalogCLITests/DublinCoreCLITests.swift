import Foundation
import Testing
import _KatalogTestSupport

/// Dublin Core harvests (SLiMS and INLISLite `oai_dc`) converted to MARC 21 and validated, as a member
/// that serves only `oai_dc` would be taken in.
@Suite(.serialized) struct DublinCoreCLITests {
    let katalog = Paths.katalogBinary

    @Test(arguments: ["oai_dc/slims-oai.xml", "oai_dc/inlislite-oai.xml"])
    func harvestBecomesValidMARC(_ fixture: String) throws {
        let dir = Paths.temporaryDirectory()
        let out = dir.appendingPathComponent("dc.mrc").path
        // Sniffed as oai_dc (the namespace), normalized with a member code as the catalogue would.
        let converted = try run(katalog, ["convert", Paths.fixture(fixture), "--normalize", "--member", "DC", "-o", out,
                                          "--quiet"])
        #expect(converted.status == 0, "\(converted.stderr)")
        let records = try Paths.bytes(out).split(separator: 0x1D)
        #expect(records.count == 3)
        let validated = try run(katalog, ["validate", out, "--rules", "structure,marc21", "--format", "json"])
        #expect(validated.status == 0, "\(validated.stderr)\n\(validated.stdoutText.prefix(2000))")
        let inspected = try run(katalog, ["inspect", out, "--json"])
        #expect(inspected.status == 0)
        #expect(inspected.stdoutText.contains("\"records\""))
    }

    @Test func explicitFromKeepsTheOAIIdentifierAndMarksTheOrigin() throws {
        let result = try run(katalog, ["convert", Paths.fixture("oai_dc/slims-oai.xml"), "--from", "oai_dc", "--to", "mrk"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("=001  oai:slims/12"))
        #expect(result.stdoutText.contains("=884  \\\\$aDCMI Dublin Core to MARC 21 crosswalk"))
    }
}
