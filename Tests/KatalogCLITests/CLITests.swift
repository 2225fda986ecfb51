import Foundation
import Testing
import _KatalogTestSupport

/// The command-line contract, run as a user runs it: the real binary, real files, exit statuses.
@Suite(.serialized) struct CLITests {
    let katalog = Paths.katalogBinary

    @Test func convertsAFileByteForByte() throws {
        let input = Paths.fixture("iso2709/good-three-records.mrc")
        let dir = Paths.temporaryDirectory()
        let out = dir.appendingPathComponent("out.mrc").path
        let result = try run(katalog, ["convert", input, "--to", "iso2709", "-o", out, "--quiet", "--unicode-form", "keep"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Paths.bytes(out) == Paths.bytes(input))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.mrc"])
    }

    @Test func writingToADeviceWritesThroughIt() throws {
        // Output to a device must not rename a temporary file over the device node.
        let input = Paths.fixture("iso2709/good-three-records.mrc")
        let result = try run(katalog, ["convert", input, "-o", "/dev/null", "--quiet"])
        #expect(result.status == 0)
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test func standardInToStandardOut() throws {
        let input = try Paths.bytes(Paths.fixture("iso2709/good-three-records.mrc"))
        let result = try run(katalog, ["convert", "-", "-o", "-", "--unicode-form", "keep"], stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout == input)
    }

    @Test func lenientRepairsAreReportedOneLineEach() throws {
        let input = Paths.fixture("iso2709/bad-indicators.mrc")
        let result = try run(katalog, ["convert", input, "-o", "/dev/null", "--quiet"])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("[iso2709.") }
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("\(input):record 2 (001 kat00002) offset 593 (+245): 245: warning:"))
    }

    @Test func strictModeStopsWithStatusOneAndLeavesNoOutput() throws {
        let input = Paths.fixture("iso2709/length-in-characters.mrc")
        let dir = Paths.temporaryDirectory()
        let out = dir.appendingPathComponent("out.mrc").path
        let result = try run(katalog, ["convert", input, "--strict", "-o", out])
        #expect(result.status == 1)
        #expect(result.stderr.contains("record 2 (001 kat00002) offset 348 (+0): LDR:"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func reportIsJSONWithEveryFindingAndASummary() throws {
        let input = Paths.fixture("iso2709/unrecoverable-record.mrc")
        let dir = Paths.temporaryDirectory()
        let report = dir.appendingPathComponent("report.json").path
        let result = try run(katalog, ["convert", input, "-o", "/dev/null", "--report", report, "--quiet"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report)))
        let object = try #require(json as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        #expect(findings.first?["code"] as? String == "iso2709.stray-bytes")
        #expect(findings.first?["recordNumber"] as? Int == 2)
        #expect(findings.first?["streamOffset"] as? Int == 348)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["recordsWritten"] as? Int == 2)
        #expect(summary["recordsSkipped"] as? Int == 2)
    }

    @Test func unknownFormatIsStatusTwo() throws {
        let dir = Paths.temporaryDirectory()
        let path = dir.appendingPathComponent("notes.txt").path
        try Data("just some text, not records\n".utf8).write(to: URL(fileURLWithPath: path))
        let result = try run(katalog, ["convert", path, "-o", "/dev/null"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("format not recognised"))
    }

    /// ISIS is readable now; a master file still cannot come from standard input (records are
    /// found through its .xrf), which is a usage error.
    @Test func isisMasterFileOnStandardInputIsStatusTwo() throws {
        let content = "\0\0\0\0\u{5}\0\0\0" + String(repeating: "\0", count: 80)
        let result = try run(katalog, ["convert", "-", "-o", "/dev/null"], stdin: Array(content.utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("ISIS master file cannot be read from standard input"))
    }

    @Test func missingInputIsStatusTwo() throws {
        let result = try run(katalog, ["inspect", "/nonexistent/file.mrc"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/file.mrc"))
    }

    @Test func marcxmlRoundTripThroughTheCommandLine() throws {
        let input = Paths.fixture("iso2709/good-three-records.mrc")
        let xml = try run(katalog, ["convert", input, "--to", "marcxml", "--quiet", "--unicode-form", "keep"])
        #expect(xml.status == 0)
        #expect(xml.stdoutText.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection"))
        let back = try run(katalog, ["convert", "-", "--to", "iso2709", "--quiet", "--unicode-form", "keep"],
            stdin: xml.stdout)
        #expect(back.status == 0)
        #expect(back.stdout == (try Paths.bytes(input)))
        let inspect = try run(katalog, ["inspect", "-", "--json", "--quiet"], stdin: xml.stdout)
        #expect(inspect.stdoutText.contains("\"format\" : \"marcxml\""))
    }

    @Test func hostileXMLIsRefusedWithStatusTwo() throws {
        let result = try run(katalog, ["convert", Paths.fixture("marcxml/xxe.xml"), "-o", "-"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("marcxml.doctype-refused"))
        #expect(result.stdout.isEmpty)
    }

    @Test func inspectSummarisesAsJSON() throws {
        let input = Paths.fixture("iso2709/length-in-characters.mrc")
        let result = try run(katalog, ["inspect", input, "--json", "--quiet"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
        #expect(object["format"] as? String == "iso2709")
        #expect(object["records"] as? Int == 3)
        #expect(object["leader09"] as? [String: Int] == ["a": 3])
        #expect(object["minRecordLength"] as? Int == 348)
        #expect(object["maxRecordLength"] as? Int == 364)
        let codes = try #require(object["findingsByCode"] as? [String: Int])
        #expect(codes["iso2709.length-in-characters"] == 1)
    }

    @Test func inspectText() throws {
        let input = Paths.fixture("iso2709/unimarc.mrc")
        let result = try run(katalog, ["inspect", input])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("records: 2"))
        #expect(result.stdoutText.contains("leader/09 (character coding): ' ' 1, 'a' 1"))
    }

    @Test func oversizeSplitOption() throws {
        let input = Paths.fixture("iso2709/oversized-record.mrc")
        let refused = try run(katalog, ["convert", input, "-o", "-", "--quiet"])
        #expect(refused.status == 0)
        #expect(refused.stderr.contains("iso2709.field-too-long"))
        let strict = try run(katalog, ["convert", input, "-o", "-", "--strict"])
        #expect(strict.status == 1)
    }
}
