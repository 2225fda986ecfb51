import Foundation
import Testing
import _KatalogTestSupport

/// ISIS input on the command line: convert through profiles, deleted records, raw JSON, inspect.
@Suite(.serialized, .enabled(if: Paths.hasCorpus, "../shared/corpus is absent"))
struct ISISCLITests {
    let katalog = Paths.katalogBinary
    static let yaz = ["/usr/bin/yaz-marcdump", "/usr/local/bin/yaz-marcdump"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    func corpus(_ relative: String) throws -> String { try #require(Paths.corpusFile("isis/" + relative)) }

    /// Acceptance 3: the MARC 21 each profile makes of its sample reads in yaz-marcdump without a
    /// warning, with as many records as the database has live MFNs.
    @Test(.enabled(if: yaz != nil, "yaz-marcdump is not installed"), arguments: [
        ("abcd-marc-windows-isis18/marc.mst", "isismarc", 298), ("cds-winisis/winisis-cds.mst", "cds", 150),
        ("cds-cisis-linux-isis20/CDS.mst", "cds", 150), ("lilacs30/lilacs30.mst", "lilacs", 30),
        ("lilacs30/lilacs30.iso", "lilacs", 30), ("cds-ffi-cisis/cdsffi.mst", "raw", 156),
    ])
    func profilesMakeMARCThatYazReadsWithoutWarnings(_ relative: String, _ profile: String, _ count: Int) throws {
        let out = Paths.temporaryDirectory().appendingPathComponent("out.mrc").path
        let result = try run(katalog, ["convert", try corpus(relative), "--profile", profile, "-o", out, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains(": warning:") && !result.stderr.contains(": error:"), "\(result.stderr)")
        let yaz = try run(Self.yaz!, ["-v", out])  // -v: check the directory and leader
        #expect(yaz.status == 0)
        #expect(yaz.stderr.isEmpty, "\(yaz.stderr)")
        let leaders = yaz.stdoutText.split(separator: "\n").filter { $0.count == 24 && $0.hasSuffix("4500") }
        #expect(leaders.count == count)
        #expect(!yaz.stdoutText.contains("warning") && !yaz.stdoutText.contains("Separator"))
    }

    @Test func deletedRecordsAreSkippedAndCountedOrWrittenMarkedDeleted() throws {
        let input = try corpus("abcd-servers-windows-logdel/servers.mst")
        let dir = Paths.temporaryDirectory()
        let report = dir.appendingPathComponent("r.json").path
        let skipped = try run(katalog, ["convert", input, "--to", "mrk", "--report", report])
        #expect(skipped.status == 0)
        #expect(skipped.stdoutText.components(separatedBy: "=LDR  ").count - 1 == 50)
        #expect(skipped.stderr.contains("50 records read, 50 written, 0 unrecoverable, 6 deleted (skipped)"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report)))
            as? [String: Any])["summary"] as? [String: Any]
        #expect(summary?["recordsDeleted"] as? Int == 6)
        let all = try run(katalog, ["convert", input, "--to", "mrk", "--include-deleted", "--quiet"])
        let leaders = all.stdoutText.split(separator: "\n").filter { $0.hasPrefix("=LDR  ") }
        #expect(leaders.count == 56)
        #expect(leaders.filter { Array($0)[6 + 5] == "d" }.count == 6)
    }

    @Test func rawJSONIsOneObjectPerRecordWithDecodedSubfields() throws {
        let result = try run(katalog, ["convert", try corpus("cds-winisis/winisis-cds.mst"), "--to", "json",
            "--isis-raw", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == 150)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["mfn"] as? Int == 1 && first["status"] as? String == "active")
        let fields = try #require(first["fields"] as? [[String: Any]])
        let imprint = try #require(fields.first { $0["tag"] as? Int == 26 })
        #expect(imprint["value"] as? String == "^aParis^bUnesco^c-1965")
        let subfields = try #require(imprint["subfields"] as? [[String: String]])
        #expect(subfields == [["code": "_", "value": ""], ["code": "a", "value": "Paris"], ["code": "b", "value": "Unesco"],
            ["code": "c", "value": "-1965"]])
        // cp850 decoded: "Problèmes" (0x8A) somewhere in the file.
        #expect(result.stdoutText.contains("Problèmes"))
        let refused = try run(katalog, ["convert", try corpus("cds-winisis/winisis-cds.mst"), "--isis-raw"])
        #expect(refused.status == 2)
    }

    @Test func inspectGivesLayoutStatusesEncodingAndFieldUsage() throws {
        let result = try run(katalog, ["inspect", try corpus("cds-cisis-linux-isis20/CDS.mst"), "--json", "--quiet",
            "--profile", "cds"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
        let isis = try #require(report["isis"] as? [String: Any])
        #expect(isis["layout"] as? String == "isis20" && isis["byteOrder"] as? String == "little" && isis["shift"] as? Int == 6)
        #expect((isis["status"] as? [String: Any])?["active"] as? Int == 150)
        #expect(isis["encoding"] as? String == "cp850")
        #expect((isis["encodingGuess"] as? [String: Any])?["confidence"] as? Double ?? 0 > 0.5)
        let fields = try #require(isis["fields"] as? [[String: Any]])
        let title = try #require(fields.first { $0["tag"] as? Int == 24 })
        #expect(title["name"] as? String == "Title" && title["records"] as? Int == 150)
        // 25: a second edition statement (first-only); 69: the "Paper on:" text outside the <terms>.
        #expect(isis["unmappedTags"] as? [Int] == [25, 69])
        let text = try run(katalog, ["inspect", try corpus("abcd-marc-windows-isis18/marc.mst"), "--quiet"])
        #expect(text.stdoutText.contains("profile: isismarc (chosen from the records"))
        #expect(text.stdoutText.contains("unmapped by profile isismarc (kept in 886): 1101, 3008"))
    }

    @Test func badProfilesAndEncodingsAreUsageErrors() throws {
        let input = try corpus("cds-winisis/winisis-cds.mst")
        let dir = Paths.temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.toml").path
        try Data("name = \"x\"\n[[field]]\nisis = 24\ntag = \"2450\"\n".utf8).write(to: URL(fileURLWithPath: bad))
        let r1 = try run(katalog, ["convert", input, "--profile", bad, "-o", "/dev/null"])
        #expect(r1.status == 2 && r1.stderr.contains("line 4"))
        let r2 = try run(katalog, ["convert", input, "--profile", "nonesuch", "-o", "/dev/null"])
        #expect(r2.status == 2)
        let r3 = try run(katalog, ["convert", input, "--encoding", "marc8", "-o", "/dev/null"])
        #expect(r3.status == 2)
        // A user profile file, with an override of the source code.
        let good = dir.appendingPathComponent("mine.toml").path
        try Data("name = \"mine\"\nid-prefix = \"m\"\n[[field]]\nisis = 24\ntag = \"245\"\nindicators = \"00\"\n".utf8)
            .write(to: URL(fileURLWithPath: good))
        let r4 = try run(katalog, ["convert", input, "--profile", good, "--isis-source", "XX", "--to", "mrk", "--quiet"])
        #expect(r4.status == 0, "\(r4.stderr)")
        #expect(r4.stdoutText.contains("=001  m1\n") && r4.stdoutText.contains("=003  XX\n"))
        #expect(r4.stdoutText.contains("=886  2\\$2isis$a026$b$aParis$bUnesco$c-1965"))
    }
}
