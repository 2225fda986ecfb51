import Foundation
import ISIS
import KatalogIO
import MARCRecord
import Testing
import _KatalogTestSupport

/// The character-set guess, on made-up text and on every corpus database.
struct EncodingGuessTests {
    func guess(_ texts: [[UInt8]]) -> ISISEncodingGuess {
        var g = ISISEncodingGuesser()
        for t in texts { g.add(t) }
        return g.guess()
    }

    @Test func asciiUTF8AndCodePagesAreTold() {
        #expect(guess([Array("plain".utf8)]).name == "ascii")
        #expect(guess([Array("São Paulo, Münster".utf8)]).name == "utf8")
        // "São Paulo" and "ação" in Latin-1: cp850 would read Ò and þ inside lowercase words.
        #expect(guess([[0x53, 0xE3, 0x6F], [0x61, 0xE7, 0xE3, 0x6F]]).name == "latin1")
        // "Opći" and "Nakladnička" in cp852 (0x86 ć, 0x9F č); cp850 reads å and ƒ.
        let cp852 = guess([[0x4F, 0x70, 0x86, 0x69], [0x4E, 0x61, 0x6B, 0x6C, 0x61, 0x64, 0x6E, 0x69, 0x9F, 0x6B, 0x61]])
        #expect(cp852.name == "cp852")
        // "Problèmes", "écrit" in cp850 (0x8A è, 0x82 é): cp1252 reads Š and a low quote.
        let cp850 = guess([[0x50, 0x72, 0x6F, 0x62, 0x6C, 0x8A, 0x6D, 0x65, 0x73], [0x82, 0x63, 0x72, 0x69, 0x74]])
        #expect(cp850.name == "cp850")
        #expect(cp850.confidence > 0.5)
    }

    @Test(.enabled(if: Paths.hasCorpus), arguments: [
        ("cds-winisis/winisis-cds.mst", "cp850"), ("cds-cisis-linux-isis20/CDS.mst", "cp850"),
        ("cds-ffi-cisis/cdsffi.mst", "cp850"), ("biblio-isis-bibl-winisis/BIBL.mst", "cp852"),
        ("abcd-marc-windows-isis18/marc.mst", "latin1"), ("lilacs30/lilacs30.mst", "latin1"),
        ("lilacs30/lilacs30.iso", "latin1"), ("cds-cisis-linux-isis20/CDS.iso", "cp850"),
    ])
    func corpusDatabasesGetTheirCodePage(_ relative: String, _ expected: String) throws {
        let path = try #require(Paths.corpusFile("isis/" + relative))
        let source: any ISISRecordReader = relative.hasSuffix(".iso")
            ? ISISISOReader(source: try FileByteSource(path: path), fileName: path) : try ISISMasterReader(path: path)
        let fdt = ISISFieldUsage.siblingPath(of: path, extension: "fdt").map { try? Paths.bytes($0) } ?? nil
        var reader = ISISMARCReader(source: source, fileName: path, fieldDefinitionBytes: fdt)
        _ = try reader.next()
        let guess = try #require(reader.encodingGuess)
        #expect(guess.name == expected, "\(guess)")
        let findings = reader.drainFindings()
        #expect(findings.contains { $0.code == .isisEncodingGuessed && $0.message.contains(expected) })
    }
}
