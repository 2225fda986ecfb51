#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KatalogIO
public import MARCRecord

/// Sends findings where they go: one line each on standard error, and — with `--report PATH` — a JSON
/// report written as the findings arrive (memory stays flat however many there are) and moved into
/// place atomically at the end. Keeps counts by severity and by code for summaries.
public final class FindingReporter {
    public private(set) var countsBySeverity: [Finding.Severity: Int] = [:]
    public private(set) var countsByCode: [String: Int] = [:]
    public private(set) var total = 0
    private let printLines: Bool
    private let report: OutputFile?
    private var firstInReport = true
    private let encoder: JSONEncoder
    private var errorStream = StandardError()

    /// - Parameters:
    ///   - printLines: write each finding as a line on standard error.
    ///   - reportPath: where to write the JSON report, if anywhere.
    public init(printLines: Bool = true, reportPath: String? = nil) throws {
        self.printLines = printLines
        report = try reportPath.map { (path) throws in try OutputFile(path: path) }
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try report?.write("{\n\"findings\": [\n")
    }

    public func record(_ finding: Finding) {
        total += 1
        countsBySeverity[finding.severity, default: 0] += 1
        countsByCode[finding.code.rawValue, default: 0] += 1
        if printLines { errorStream.write(finding.line + "\n") }
        if let report, let data = try? encoder.encode(finding) {
            try? report.write(firstInReport ? "" : ",\n")
            try? report.write(Array(data))
            firstInReport = false
        }
    }

    public func record(_ findings: [Finding]) { for f in findings { record(f) } }

    /// True when there is a JSON report to write to.
    public var writesReport: Bool { report != nil }

    /// Writes to the JSON report only, without counting: for records of what was done on request
    /// (normalization changes), which are not problems with the input.
    public func recordInReportOnly(_ finding: Finding) {
        guard let report, let data = try? encoder.encode(finding) else { return }
        try? report.write(firstInReport ? "" : ",\n")
        try? report.write(Array(data))
        firstInReport = false
    }

    /// Closes the report with a summary object and moves it into place.
    public func finish(summary: some Encodable) throws {
        guard let report else { return }
        try report.write("\n],\n\"summary\": ")
        try report.write(Array(encoder.encode(summary)))
        try report.write("\n}\n")
        try report.commit()
    }

    public var errors: Int { countsBySeverity[.error, default: 0] }
    public var warnings: Int { countsBySeverity[.warning, default: 0] }
}

/// Unbuffered writes to standard error, usable with `print(_:to:)`.
public struct StandardError: TextOutputStream {
    public init() {}

    public mutating func write(_ string: String) {
        var s = string
        s.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(STDERR_FILENO, buf.baseAddress! + offset, buf.count - offset)
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
