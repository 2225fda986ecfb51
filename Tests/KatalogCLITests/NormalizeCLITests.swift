import Foundation
import Testing
import _KatalogTestSupport

/// `katalog convert --normalize` as a user runs it, on a member export shaped like SLiMS's.
@Suite(.serialized) struct NormalizeCLITests {
    let katalog = Paths.katalogBinary
    let export = Paths.fixture("normalize/member-export.mrk")

    @Test func memberExportIsNormalizedAndEveryChangeIsInTheReport() throws {
        let dir = Paths.temporaryDirectory()
        let report = dir.appendingPathComponent("report.json").path
        let result = try run(katalog, [
            "convert", export, "--normalize", "--member", "UNAIR", "--to", "mrk", "--report", report, "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
        for expected in [
            "=003  UNAIR",
            "=008  230412s2019\\\\\\\\io\\a\\\\\\\\\\\\\\\\\\\\000\\0\\ind\\\\",
            "=020  \\\\$a9796556065$qjil. 1",
            "=020  \\\\$a9789796556069$qjil. 1",
            "=035  \\\\$a(OCoLC)123456",
            "=035  \\\\$a(UNAIR)slims-1021",
            "=245  10$aPendidikan agama Islam :$bsebuah pengantar /$cSulaiman.",
            "=852  \\\\$aUNAIR$h297.2 SUL p",
            "=022  \\\\$a1411-3201",
            "=852  \\\\$aUNAIR",
        ] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        let codes = findings.compactMap { $0["code"] as? String }
        #expect(codes.count == 13)
        #expect(Set(codes) == ["normalize.whitespace", "normalize.isbn", "normalize.oclc", "normalize.fixed-fields",
                               "normalize.provenance", "normalize.issn"])
        let isbn = findings.first { ($0["code"] as? String) == "normalize.isbn" }
        #expect(isbn?["message"] as? String == "## $a979-655-606-5 (jil. 1) → ## $a9796556065$qjil. 1")
        #expect(isbn?["controlNumber"] as? String == "slims-1021")
        #expect(isbn?["recordNumber"] as? Int == 1)
        let summary = json?["summary"] as? [String: Any]
        #expect(summary?["recordsNormalized"] as? Int == 2)
        #expect(summary?["findings"] as? Int == 0, "changes are not problems")
    }

    @Test func normalizingTheOutputAgainChangesNothing() throws {
        let dir = Paths.temporaryDirectory()
        let once = dir.appendingPathComponent("once.mrc").path
        let twice = dir.appendingPathComponent("twice.mrc").path
        let first = try run(katalog, ["convert", export, "--normalize", "--member", "UNAIR", "-o", once, "--quiet"])
        #expect(first.status == 0)
        let second = try run(katalog, ["convert", once, "--normalize", "--member", "UNAIR", "-o", twice])
        #expect(second.status == 0)
        #expect(second.stderr.contains("normalized 0 of 2 records, 0 changes"), "\(second.stderr)")
        #expect(try Paths.bytes(once) == Paths.bytes(twice))
    }

    @Test func configChoosesRulesAndMistakesExitWithStatusTwo() throws {
        let dir = Paths.temporaryDirectory()
        let config = dir.appendingPathComponent("katalog.toml").path
        try "[normalize]\nrules = [\"whitespace\"]\n".write(toFile: config, atomically: true, encoding: .utf8)
        let only = try run(katalog, ["convert", export, "--normalize", "--config", config, "--to", "mrk", "--quiet"])
        #expect(only.status == 0, "\(only.stderr)")
        let text = String(decoding: only.stdout, as: UTF8.self)
        #expect(text.contains("=020  \\\\$a979-655-606-5 (jil. 1)"), "the isbn rule was not asked for")
        #expect(text.contains("$aPendidikan agama Islam :"))

        try "[normalize.isbn]\nadd-isbn = true\n".write(toFile: config, atomically: true, encoding: .utf8)
        let bad = try run(katalog, ["convert", export, "--normalize", "--config", config, "--quiet"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("line 2") && bad.stderr.contains("add-isbn"), "\(bad.stderr)")

        let usage = try run(katalog, ["convert", export, "--member", "UNAIR"])
        #expect(usage.status == 2)
        let nfd = try run(katalog, ["convert", export, "--normalize", "--unicode-form", "nfd"])
        #expect(nfd.status == 2)
    }
}
