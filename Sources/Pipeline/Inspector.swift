import Charsets
import ISIS
import ISO2709
public import KatalogIO
import MARCRecord

/// What `katalog inspect` tells about one input.
public struct InspectReport: Codable, Sendable {
    public var file: String
    public var format: String
    public var records = 0
    public var recordsSkipped = 0
    public var bytes: Int64 = 0
    /// Leader/09 values seen (`" "` is blank: MARC-8 declared; `"a"`: UCS/Unicode declared).
    public var leader09: [String: Int] = [:]
    /// What the bytes of each record turned out to be (`ascii`, `utf8`, `marc8`, `iso5426`,
    /// `windows1252`), whatever leader/09 says.
    public var detectedEncoding: [String: Int] = [:]
    /// Records whose leader/09 disagrees with their bytes.
    public var leaderEncodingMismatches = 0
    /// Leader/06 (type of record) values seen.
    public var typeOfRecord: [String: Int] = [:]
    public var minRecordLength: Int?
    public var maxRecordLength: Int?
    public var findings = 0
    public var findingsBySeverity: [String: Int] = [:]
    public var findingsByCode: [String: Int] = [:]
    /// ISIS input: layout, MFN statuses, character set, field usage.
    public var isis: ISISInspection?

    /// The human-readable form.
    public var text: String {
        func table(_ d: [String: Int]) -> String {
            d.sorted { $0.key < $1.key }.map { "'\($0.key)' \($0.value)" }.joined(separator: ", ")
        }
        var lines = [
            "file: \(file)",
            "format: \(format)",
            "records: \(records)" + (recordsSkipped > 0 ? " (\(recordsSkipped) unrecoverable, skipped)" : ""),
            "bytes: \(bytes)",
            "leader/09 (character coding): \(table(leader09))",
            "character set found in the bytes: \(table(detectedEncoding))"
                + (leaderEncodingMismatches > 0 ? "; leader/09 wrong in \(leaderEncodingMismatches) record(s)" : ""),
            "leader/06 (type of record): \(table(typeOfRecord))",
            "record length: " + (minRecordLength.map { "\($0)–\(maxRecordLength!) bytes" } ?? "no records"),
            "findings: \(findings)" + (findings == 0 ? "" : " (" + Finding.Severity.allCases.reversed()
                .compactMap { s in findingsBySeverity[s.rawValue].map { "\($0) \(s.rawValue)" } }
                .joined(separator: ", ") + ")"),
        ]
        for (code, count) in findingsByCode.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            lines.append("  \(count)\t\(code)")
        }
        return lines.joined(separator: "\n") + "\n" + (isis?.text ?? "")
    }
}

/// Reads a whole input and summarises it.
public enum Inspector {
    public static func inspect(_ path: String, from: RecordFormat? = nil, reporter: FindingReporter,
        quiet: Bool = false, isis: ISISInputOptions = ISISInputOptions()) throws(RunFailure) -> InspectReport
    {
        var opened: InputOpener.Opened
        do {
            opened = try InputOpener.open(path, from: from, mode: .lenient, isis: isis)
        } catch {
            throw .unusable("\(error)")
        }
        var report = InspectReport(file: path, format: opened.format.rawValue)
        if var isisReader = opened.reader as? ISISMARCReader {
            var progress = ProgressMeter(quiet: quiet)
            do {
                try inspectISIS(&isisReader, path: path, report: &report, reporter: reporter, progress: &progress)
            } catch {
                reporter.record(error.finding)
                throw .unusable(error.finding.line)
            }
            progress.done(records: report.records, bytes: isisReader.bytesConsumed)
            report.recordsSkipped = isisReader.recordsSkipped
            report.bytes = isisReader.bytesConsumed
            report.detectedEncoding = report.isis.map { [$0.encoding: report.records] } ?? [:]
            report.findings = reporter.total
            report.findingsBySeverity = Dictionary(uniqueKeysWithValues: reporter.countsBySeverity.map {
                ($0.key.rawValue, $0.value)
            })
            report.findingsByCode = reporter.countsByCode
            return report
        }
        var leader09 = [Int](repeating: 0, count: 256)
        var leader06 = [Int](repeating: 0, count: 256)
        var minLength = Int.max
        var maxLength = 0
        var progress = ProgressMeter(quiet: quiet)
        do {
            while let record = try opened.reader.next() {
                let findings = opened.reader.drainFindings()
                if !findings.isEmpty { reporter.record(findings) }
                report.records += 1
                leader09[Int(record.leaderByte(9))] += 1
                leader06[Int(record.leaderByte(6))] += 1
                let verdict = EncodingDetector.detect(record)
                report.detectedEncoding[verdict.encoding.rawValue, default: 0] += 1
                if verdict.leaderDisagrees && !verdict.unimarc { report.leaderEncodingMismatches += 1 }
                let length = record.encodedLength
                minLength = min(minLength, length)
                maxLength = max(maxLength, length)
                progress.tick(records: report.records, bytes: opened.reader.bytesConsumed)
            }
        } catch {
            reporter.record(error.finding)
            throw .unusable(error.finding.line)
        }
        reporter.record(opened.reader.drainFindings())
        progress.done(records: report.records, bytes: opened.reader.bytesConsumed)
        report.recordsSkipped = opened.reader.recordsSkipped
        report.bytes = opened.reader.bytesConsumed
        for b in 0..<256 {
            if leader09[b] > 0 { report.leader09[ASCII.escaped([UInt8(b)]), default: 0] += leader09[b] }
            if leader06[b] > 0 { report.typeOfRecord[ASCII.escaped([UInt8(b)]), default: 0] += leader06[b] }
        }
        if report.records > 0 {
            report.minRecordLength = minLength
            report.maxRecordLength = maxLength
        }
        report.findings = reporter.total
        report.findingsBySeverity = Dictionary(uniqueKeysWithValues: reporter.countsBySeverity.map { ($0.key.rawValue, $0.value) })
        report.findingsByCode = reporter.countsByCode
        return report
    }
}
