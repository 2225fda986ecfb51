import Foundation
import KatalogIO
import MARCRecord
import Testing
import Validate
import _KatalogTestSupport

private func someProblems() -> [Problem] {
    [
        Problem(.error, rule: "marc21.indicator", "indicator 1 is 'x'", file: "a.mrc", recordNumber: 2,
            controlNumber: "c<2>", offset: 120, tag: "245", position: "ind1"),
        Problem(.warning, rule: "marc21.language", "'xx<script>' is not a code", file: "a.mrc", recordNumber: 2,
            controlNumber: "c<2>", offset: 130, tag: "041", position: "$a"),
    ]
}

private func write(_ make: (OutputFile) throws -> any ReportWriter, record: MARCRecord?) throws -> String {
    let dir = Paths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("report").path
    let writer = try make(try OutputFile(path: path))
    var counter = SummaryCounter(rules: ["marc21"])
    counter.startFile("a.mrc", format: "iso2709")
    counter.add(someProblems(), isRecord: true)
    try writer.add(someProblems(), record: record)
    try writer.finish(counter.final)
    return String(decoding: try Paths.bytes(path), as: UTF8.self)
}

@Test func textIsOneLinePerProblem() throws {
    let text = try write({ TextReportWriter(output: $0) }, record: nil)
    #expect(text == """
        a.mrc:record 2 (001 c<2>) offset 120: 245 ind1: error: indicator 1 is 'x' [marc21.indicator]
        a.mrc:record 2 (001 c<2>) offset 130: 041 $a: warning: 'xx<script>' is not a code [marc21.language]

        """)
}

@Test func maxListsTheFirstNOfEachRule() throws {
    let text = try write({ TextReportWriter(output: $0, maxPerRule: 0) }, record: nil)
    #expect(text.isEmpty)
}

@Test func jsonHasProblemsAndSummary() throws {
    let json = try write({ try JSONReportWriter(output: $0) }, record: nil)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let problems = try #require(object["problems"] as? [[String: Any]])
    #expect(problems.count == 2 && problems[0]["rule"] as? String == "marc21.indicator")
    #expect(problems[0]["offset"] as? Int == 120 && problems[0]["position"] as? String == "ind1")
    let summary = try #require(object["summary"] as? [String: Any])
    #expect(summary["errors"] as? Int == 1 && summary["warnings"] as? Int == 1)
}

@Test func htmlIsSelfContainedAndEscaped() throws {
    let record = replacing("245", in: cleanRecord(), indicators: "x4", subfields: [("a", "<b>Bold</b> & co")])
    let html = try write({ HTMLReportWriter(output: $0, examplesPerRule: 5) }, record: record)
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
    #expect(!html.contains("<b>Bold") && html.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; co"))
    #expect(!html.contains("<script>") && html.contains("xx&lt;script&gt;"))
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
    #expect(html.contains("<svg") && html.contains("class=\"hit\""))
    #expect(html.contains("marc21.indicator") && html.contains("By severity"))
}
