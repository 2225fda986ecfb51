import Foundation
import Testing
import _KatalogTestSupport

/// `katalog validate` as a user runs it: the real binary on real files, exit statuses, the three formats.
@Suite(.serialized) struct ValidateCLITests {
    let katalog = Paths.katalogBinary

    @Test func aCleanFileExitsZero() throws {
        for name in ["clean.mrc", "clean.xml"] {
            let result = try run(katalog, ["validate", Paths.fixture("validate/\(name)"), "--quiet"])
            #expect(result.status == 0, "\(name): \(result.stdoutText) \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func errorsExitOneWithALinePerProblem() throws {
        let result = try run(katalog, ["validate", Paths.fixture("validate/problems.mrc")])
        #expect(result.status == 1)
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.contains { $0.hasSuffix("500 ind1: error: indicator 1 is 'a'; allowed: blank [marc21.indicator]") })
        #expect(lines.contains { $0.contains("record 2 (001 kat-p0002)") && $0.hasSuffix("[marc21.245-count]") })
        #expect(lines.allSatisfy { $0.contains("problems.mrc:record ") && $0.contains(" offset ") })
        #expect(result.stderr.contains("2 records checked"))
    }

    @Test func warningsAloneExitZero() throws {
        // 440 is obsolete (a warning) and nothing else is wrong.
        let dir = Paths.temporaryDirectory()
        let mrk = dir.appendingPathComponent("w.mrk").path
        try """
            =LDR  00000nam a2200000 a 4500
            =001  w1
            =008  240105s2023    enka     b    001 0 eng d
            =245  10$aTitle.
            =440  \\0$aSeries

            """.write(toFile: mrk, atomically: true, encoding: .utf8)
        let result = try run(katalog, ["validate", "--from", "mrk", mrk, "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("[marc21.obsolete-tag]"))
    }

    @Test func unreadableInputExitsTwo() throws {
        let result = try run(katalog, ["validate", "/nonexistent/x.mrc", "--quiet"])
        #expect(result.status == 2)
        let refused = try run(katalog, ["validate", Paths.fixture("marcxml/xxe.xml"), "--quiet"])
        #expect(refused.status == 2)
        let usage = try run(katalog, ["validate", "--rules", "lint", Paths.fixture("validate/clean.mrc")])
        #expect(usage.status == 2 && usage.stderr.contains("unknown rule family"))
    }

    @Test func schemaProblemsCarryLines() throws {
        let result = try run(katalog, ["validate", "--rules", "schema", Paths.fixture("validate/broken-tag-pattern.xml")])
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("broken-tag-pattern.xml:record 1 line 35: error: Element 'datafield', attribute 'tag'"))
    }

    @Test func jsonIsTheSameProblemsForMachines() throws {
        let result = try run(katalog, ["validate", "--format", "json", "--rules", "marc21",
            Paths.fixture("validate/problems.mrc")])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
        let problems = try #require(object["problems"] as? [[String: Any]])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(problems.count == (summary["errors"] as? Int ?? -1) + (summary["warnings"] as? Int ?? -1))
        #expect(problems.allSatisfy { ($0["rule"] as? String)?.hasPrefix("marc21.") == true })
    }

    @Test func theReportIsTheSameWhateverTheNumberOfWorkers() throws {
        // 2,400 records: several batches of 512 in flight at once.
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.mrc").path
        let unit = try Paths.bytes(Paths.fixture("validate/problems.mrc")) + Paths.bytes(Paths.fixture("validate/clean.mrc"))
        try Data((0..<600).flatMap { _ in unit }).write(to: URL(fileURLWithPath: big))
        let one = try run(katalog, ["validate", big, "--jobs", "1", "--quiet"])
        let four = try run(katalog, ["validate", big, "--jobs", "4", "--quiet"])
        #expect(one.status == 1 && four.status == 1)
        #expect(one.stdout == four.stdout && one.stdout.count > 100_000)
        let last = one.stdoutText.split(separator: "\n").last ?? ""
        #expect(last.contains(":record 2398 (001 kat-p0002)"))
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Acceptance 4: the HTML report renders in headless Chromium. Skipped when Chromium is not installed
    /// (CI installs it: Scripts/install-deps).
    @Test(.enabled(if: chromium != nil, "chromium is not installed"))
    func theHTMLReportRendersInChromium() throws {
        let chromium = try #require(Self.chromium)
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = dir.appendingPathComponent("report.html").path
        let result = try run(katalog, ["validate", "--format", "html", "-o", html, "--quiet",
            Paths.fixture("validate/problems.mrc"), Paths.fixture("validate/broken-tag-pattern.xml")])
        #expect(result.status == 1)
        let blank = dir.appendingPathComponent("blank.html").path
        try "<!DOCTYPE html><html><body></body></html>".write(toFile: blank, atomically: true, encoding: .utf8)
        func screenshot(_ page: String, _ png: String) throws -> [UInt8] {
            let shot = try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--screenshot=\(png)",
                "--window-size=1200,900", "file://\(page)"])
            #expect(shot.status == 0, "\(shot.stderr)")
            return try Paths.bytes(png)
        }
        let report = try screenshot(html, dir.appendingPathComponent("report.png").path)
        let empty = try screenshot(blank, dir.appendingPathComponent("blank.png").path)
        // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
        #expect(Array(report.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func be32(_ b: [UInt8], _ at: Int) -> Int { b[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(report, 16) == 1200 && be32(report, 20) == 900)
        // A white page compresses to almost nothing; text, tables and the chart do not.
        #expect(report.count > 5 * empty.count, "report \(report.count) bytes, blank page \(empty.count)")
    }
}
