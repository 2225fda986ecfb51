import ArgumentParser
import KatalogIO
import MARCRecord
import Pipeline
import Validate

extension Katalog {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check records: structure, MARC 21 bibliographic rules, the MARCXML schema.",
            discussion: """
                Reads every INPUT (or standard input) and reports each problem with its rule id, file, record
                number, 001, byte offset (ISO 2709) or line (XML), tag and place in the field. Exit status: 0
                no errors (warnings allowed), 1 errors found, 2 usage error or an input that cannot be read.
                """)

        @Argument(help: "Input files; '-' or none reads standard input.")
        var inputs: [String] = []

        @Option(help: "Input format (default: detected).")
        var from: InputFormatChoice = .auto

        @Option(help: ArgumentHelp("Rule families, comma-separated: structure, marc21, schema.", valueName: "list"))
        var rules: String = "structure,marc21,schema"

        @Option(help: "Report format: text (one line per problem), json, or html (a self-contained page).")
        var format: ReportFormatChoice = .text

        @Option(name: .shortAndLong, help: "Report file; '-' writes standard output. Files are written atomically.")
        var output: String = "-"

        @Option(help: ArgumentHelp(
            "List at most N problems of each rule (text, json; every problem is still counted); html: show the "
                + "first N records of each rule (default 10).", valueName: "N"))
        var max: Int?

        @Option(help: ArgumentHelp("Validate MARCXML against this XML schema instead of the built-in one.",
            valueName: "path"))
        var schema: String?

        @Option(help: ArgumentHelp("Worker threads checking records (default: one per core). The report is the same "
            + "whatever the number.", valueName: "N"))
        var jobs: Int?

        @Flag(help: "No progress display and no summary line on standard error.")
        var quiet = false

        func validate() throws {
            if case .failure(let unknown) = RuleFamily.parse(rules) { throw ValidationError("--rules: \(unknown)") }
            if let max, max < 0 { throw ValidationError("--max must be 0 or more") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        }

        func run() throws {
            guard case .success(let families) = RuleFamily.parse(rules) else { return }
            let options = ValidationOptions(inputs: inputs, from: from.format, families: families, schemaPath: schema,
                quiet: quiet, workers: jobs ?? 0)
            let writer: any ReportWriter
            do {
                let file = try OutputFile(path: output)
                switch format {
                case .text: writer = TextReportWriter(output: file, maxPerRule: max ?? .max)
                case .json: writer = try JSONReportWriter(output: file, maxPerRule: max ?? .max)
                case .html: writer = HTMLReportWriter(output: file, examplesPerRule: max ?? 10)
                }
            } catch {
                throw failureStatus(RunFailure.unusable("\(output): \(error)"))
            }
            let outcome: ValidationOutcome
            do {
                outcome = try ValidationRun.run(options, writer: writer)
            } catch let failure as RunFailure {
                throw failureStatus(failure)
            } catch {
                throw failureStatus(RunFailure.unusable("\(error)"))
            }
            let s = outcome.summary
            if !quiet {
                var stderr = StandardError()
                print("katalog: \(s.records) records checked, \(s.recordsWithProblems) with problems; \(s.errors) errors, "
                    + "\(s.warnings) warnings", to: &stderr)
            }
            if !outcome.unreadable.isEmpty { throw Status.unusable }
            if s.errors > 0 { throw Status.problems }
        }
    }
}

/// `--format` of `validate`.
enum ReportFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case text, json, html
}
