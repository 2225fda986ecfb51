import ArgumentParser
import ISO2709
import KatalogIO
import MARCRecord
import Pipeline

extension Katalog {
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert records from one format to another, repairing what can be repaired.",
            discussion: """
                Reads every INPUT (or standard input) and writes all records to one output. Lenient by
                default: each repair is reported on standard error as one line, and a record that cannot
                be recovered is reported and skipped. --strict stops at the first problem (exit status 1)
                and leaves no output file behind. Exit status 2: usage error or unreadable input.
                """)

        @Argument(help: "Input files; '-' or none reads standard input.")
        var inputs: [String] = []

        @Option(help: "Input format.")
        var from: InputFormatChoice = .auto

        @Option(help: "Output format.")
        var to: OutputFormatChoice = .iso2709

        @Option(name: .shortAndLong, help: "Output file; '-' writes standard output. Files are written atomically.")
        var output: String = "-"

        @Option(help: "Character set of the input (auto, utf8, marc8, …).")
        var encoding: String = "auto"

        @Option(help: "ISIS mapping profile (name or path).")
        var profile: String?

        @Flag(help: "Stop at the first problem instead of repairing it.")
        var strict = false

        @Option(help: "Write every finding and a summary to this JSON file.")
        var report: String?

        @Option(help: "Records over 99,999 bytes: refuse (default) or split into linked records.")
        var oversize: OversizeChoice = .refuse

        @Flag(help: "No progress display.")
        var quiet = false

        func validate() throws {
            guard ["auto", "utf8", "utf-8"].contains(encoding.lowercased()) else {
                throw ValidationError("--encoding \(encoding): only auto and utf8 are supported by this version")
            }
            if profile != nil { throw ValidationError("--profile applies to ISIS input, not supported by this version") }
        }

        func run() throws {
            let options = ConvertOptions(inputs: inputs, from: from.format, to: to.format, output: output,
                mode: strict ? .strict : .lenient, oversize: oversize.policy, quiet: quiet)
            let reporter: FindingReporter
            do { reporter = try FindingReporter(reportPath: report) } catch {
                throw failureStatus(RunFailure.unusable("\(error)"))
            }
            do {
                let summary = try Converter.run(options, reporter: reporter)
                try reporter.finish(summary: summary)
                if !quiet && (summary.findings > 0 || summary.recordsSkipped > 0) {
                    var stderr = StandardError()
                    print("katalog: \(summary.recordsRead) records read, \(summary.recordsWritten) written, "
                        + "\(summary.recordsSkipped) unrecoverable; \(summary.errors) errors, "
                        + "\(summary.warnings) warnings", to: &stderr)
                }
            } catch let failure as RunFailure {
                var summary = ConvertSummary()
                if case .strictStop(let f) = failure { summary.stoppedBy = f }
                try? reporter.finish(summary: summary)
                throw failureStatus( failure)
            }
        }
    }
}
