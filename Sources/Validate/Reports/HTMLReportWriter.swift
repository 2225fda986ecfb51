public import KatalogIO
public import MARCRecord

/// The report for people: one self-contained HTML file (inline CSS and SVG, no script, no external URL)
/// with a summary table by rule and by severity, a bar chart of the most frequent problems, and the first
/// N records of each rule with the fields concerned highlighted. Kept in memory: the counts and N example
/// records per rule, whatever the input's size.
public final class HTMLReportWriter: ReportWriter {
    struct Example {
        var file: String
        var recordNumber: Int?
        var controlNumber: String?
        var problems: [Problem]
        var lines: RecordLines?
    }

    private let output: OutputFile
    private let examplesPerRule: Int
    private var examples: [String: [Example]] = [:]
    private let title: String

    public init(output: OutputFile, examplesPerRule: Int = 10, title: String = "katalog validate") {
        self.output = output
        self.examplesPerRule = max(0, examplesPerRule)
        self.title = title
    }

    public func add(_ problems: [Problem], record: MARCRecord?) throws {
        guard !problems.isEmpty else { return }
        var lines: RecordLines?
        var byRule: [String: [Problem]] = [:]
        for p in problems { byRule[p.rule, default: []].append(p) }
        for (rule, ps) in byRule where examples[rule, default: []].count < examplesPerRule {
            if lines == nil, let record { lines = RecordLines(record) }
            examples[rule, default: []].append(Example(file: ps[0].file, recordNumber: ps[0].recordNumber,
                controlNumber: ps[0].controlNumber, problems: ps, lines: lines))
        }
    }

    public func finish(_ summary: ValidationSummary) throws {
        try output.write(render(summary))
        try output.commit()
    }

    func render(_ s: ValidationSummary) -> String {
        var h = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>\(title.htmlEscaped)</title>
            <style>\(Self.css)</style></head><body>
            <h1>\(title.htmlEscaped)</h1>
            <p class="totals"><b>\(s.records)</b> records in \(s.files.count) file(s); <b>\(s.recordsWithProblems)</b> with problems;
            <span class="error"><b>\(s.errors)</b> errors</span>, <span class="warning"><b>\(s.warnings)</b> warnings</span>.
            Rules: \(s.rules.joined(separator: ", ").htmlEscaped).</p>

            """
        if !s.byRule.isEmpty {
            h += "<h2>Most frequent problems</h2>\n" + BarChart.svg(s.byRule.prefix(15).map {
                BarChart.Bar(label: $0.rule, errors: $0.errors, warnings: $0.warnings)
            })
        }
        h += "<h2>Files</h2><table><tr><th>file</th><th>format</th><th>records</th><th>errors</th><th>warnings</th>"
            + "<th>schema</th></tr>\n"
        for f in s.files {
            let schema = f.schemaValid.map { $0 ? "valid" : "invalid" } ?? "—"
            h += "<tr><td>\(f.file.htmlEscaped)</td><td>\(f.format.htmlEscaped)</td><td>\(f.records)</td>"
                + "<td>\(f.errors)</td><td>\(f.warnings)</td><td>\(schema)</td></tr>\n"
        }
        h += "</table>\n<h2>By severity</h2><table><tr><th>severity</th><th>problems</th></tr>\n"
            + "<tr><td class=\"error\">error</td><td>\(s.errors)</td></tr>\n"
            + "<tr><td class=\"warning\">warning</td><td>\(s.warnings)</td></tr></table>\n"
        h += "<h2>By rule</h2>\n"
        if s.byRule.isEmpty {
            h += "<p class=\"clean\">No problems found.</p>\n"
        } else {
            h += "<table><tr><th>rule</th><th>errors</th><th>warnings</th><th>records</th></tr>\n"
            for r in s.byRule {
                h += "<tr><td><a href=\"#\(r.rule.htmlEscaped)\">\(r.rule.htmlEscaped)</a></td><td>\(r.errors)</td>"
                    + "<td>\(r.warnings)</td><td>\(r.records)</td></tr>\n"
            }
            h += "</table>\n"
        }
        for r in s.byRule {
            let shown = examples[r.rule] ?? []
            h += "<h2 id=\"\(r.rule.htmlEscaped)\">\(r.rule.htmlEscaped) <small>(\(r.total) in \(r.records) "
                + "records; the first \(shown.count) shown)</small></h2>\n"
            for e in shown { h += render(e) }
        }
        h += "</body></html>\n"
        return h
    }

    private func render(_ e: Example) -> String {
        var where_ = e.file
        if let n = e.recordNumber { where_ += " · record \(n)" }
        if let c = e.controlNumber, !c.isEmpty { where_ += " · 001 \(c)" }
        var h = "<div class=\"example\"><div class=\"where\">\(where_.htmlEscaped)</div><ul>\n"
        for p in e.problems {
            var at = ""
            if let o = p.offset { at = " (offset \(o))" } else if let l = p.line { at = " (line \(l))" }
            h += "<li class=\"\(p.severity.rawValue)\"><b>\(p.severity.rawValue)</b> "
                + "\(((p.tag ?? "") + (p.position.map { " " + $0 } ?? "")).htmlEscaped): \(p.message.htmlEscaped)"
                + "\(at.htmlEscaped)</li>\n"
        }
        h += "</ul>\n"
        if let lines = e.lines {
            let hit = Set(e.problems.compactMap { p in p.tag.map { String($0.prefix(3)) } })
            h += "<table class=\"record\">\n"
            for line in lines.lines {
                let mark = hit.contains(line.tag) || (hit.contains("1XX") && line.tag.hasPrefix("1"))
                h += "<tr\(mark ? " class=\"hit\"" : "")><td class=\"tag\">\(line.tag.htmlEscaped)</td>"
                    + "<td>\(line.text.htmlEscaped)</td></tr>\n"
            }
            h += "</table>\n"
        }
        return h + "</div>\n"
    }

    static let css = """
        body{font-family:system-ui,sans-serif;margin:2em;color:#222;background:#fff}
        table{border-collapse:collapse;margin:.5em 0 1.5em}
        th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#f0f0f0}
        .error{color:#b00020}.warning{color:#a05a00}.clean{color:#006400}
        .example{border:1px solid #ddd;border-radius:6px;padding:.5em 1em;margin:.8em 0;background:#fafafa}
        .where{font-weight:bold}
        table.record{font-family:ui-monospace,monospace;font-size:90%;margin:.3em 0}
        table.record td{border:none;padding:0 .6em}
        table.record td.tag{color:#555}
        tr.hit{background:#ffe08a}
        small{font-weight:normal;color:#666}
        """
}
