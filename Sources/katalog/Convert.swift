import ArgumentParser
import Charsets
import ISO2709
import KatalogIO
import Foundation
import MARCRecord
import Normalize
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

        @Option(help: ArgumentHelp(
            "Character set of the input: auto (decide per record from the bytes), utf8, marc8, iso5426, "
                + "or a code page (cp437, cp850, cp852, cp866, cp1250, cp1251, cp1252, latin1, latin2, "
                + "iso8859-5, latin9).",
            valueName: "name"))
        var encoding: String = "auto"

        @Option(help: ArgumentHelp(
            "Character set of the output: utf8, or marc8 for systems that still need it (ISO 2709 and .mrk "
                + "only; characters MARC-8 cannot hold become &#xXXXX;).",
            valueName: "name"))
        var toEncoding: String = "utf8"

        @Option(help: "Unicode normalization of the output: nfc, nfd, or keep (UTF-8 input left byte for byte).")
        var unicodeForm: UnicodeFormChoice = .nfc

        @OptionGroup(title: "ISIS input")
        var isis: ISISOptionGroup

        @Flag(help: ArgumentHelp("With --to json and ISIS input: write the ISIS records themselves (MFN, status, "
            + "tagged occurrences with subfields), one JSON object per line, instead of MARC."))
        var isisRaw = false

        @Flag(help: ArgumentHelp(
            "Run the normalizer's rules over every record (see README: nfc, whitespace, issn, isbn, lccn, oclc, "
                + "fixed-fields, provenance, leader). Changes are counted on standard error and listed in --report."))
        var normalize = false

        @Option(help: ArgumentHelp("With --normalize: read rule order and settings from the [normalize] section of "
            + "this katalog.toml.", valueName: "path"))
        var config: String?

        @Option(help: ArgumentHelp("With --normalize: the member library's code, for the provenance rule "
            + "(003, 035 (CODE)localid, 852 $a).", valueName: "code"))
        var member: String?

        @Flag(help: "Stop at the first problem instead of repairing it.")
        var strict = false

        @Option(help: "Write every finding and a summary to this JSON file.")
        var report: String?

        @Option(help: "Records over 99,999 bytes: refuse (default) or split into linked records.")
        var oversize: OversizeChoice = .refuse

        @Flag(help: "No progress display.")
        var quiet = false

        func validate() throws {
            guard InputEncoding(name: encoding) != nil else {
                throw ValidationError("--encoding \(encoding): unknown; use one of "
                    + InputEncoding.names.joined(separator: ", "))
            }
            guard OutputEncoding(name: toEncoding) != nil else {
                throw ValidationError("--to-encoding \(toEncoding): use utf8 or marc8")
            }
            if isisRaw && to != .json { throw ValidationError("--isis-raw writes JSON lines: add --to json") }
            if !normalize && (config != nil || member != nil) {
                throw ValidationError("--config and --member configure the normalizer: add --normalize")
            }
        }

        /// The normalizer `--normalize` and `--config` ask for; nil without `--normalize`.
        func makeNormalizer() throws -> Normalizer? {
            guard normalize else { return nil }
            var configuration = NormalizerConfiguration()
            if let config {
                let text: String
                do { text = try String(contentsOfFile: config, encoding: .utf8) } catch {
                    throw failureStatus(RunFailure.unusable("\(config): cannot read: \(error.localizedDescription)"))
                }
                do { configuration = try NormalizerConfiguration(toml: text) } catch {
                    throw failureStatus(RunFailure.unusable("\(config): \(error)"))
                }
            }
            do { return try Normalizer(configuration) } catch {
                throw failureStatus(RunFailure.unusable("\(config ?? "[normalize]"): \(error)"))
            }
        }

        func run() throws {
            let options = ConvertOptions(inputs: inputs, from: from.format, to: to.format, output: output,
                mode: strict ? .strict : .lenient, oversize: oversize.policy, quiet: quiet,
                encoding: InputEncoding(name: encoding) ?? .auto,
                outputEncoding: OutputEncoding(name: toEncoding) ?? .utf8, unicodeForm: unicodeForm.form,
                isis: isis.options(), isisRaw: isisRaw, normalizer: try makeNormalizer(), memberCode: member)
            let reporter: FindingReporter
            do { reporter = try FindingReporter(reportPath: report) } catch {
                throw failureStatus(RunFailure.unusable("\(error)"))
            }
            do {
                let summary = try Converter.run(options, reporter: reporter)
                try reporter.finish(summary: summary)
                if !quiet && (summary.findings > 0 || summary.recordsSkipped > 0 || summary.recordsDeleted > 0) {
                    var stderr = StandardError()
                    print("katalog: \(summary.recordsRead) records read, \(summary.recordsWritten) written, "
                        + "\(summary.recordsSkipped) unrecoverable"
                        + (summary.recordsDeleted > 0 ? ", \(summary.recordsDeleted) deleted (skipped)" : "")
                        + "; \(summary.errors) errors, \(summary.warnings) warnings", to: &stderr)
                }
                if !quiet && options.normalizer != nil {
                    var stderr = StandardError()
                    print("katalog: normalized \(summary.recordsNormalized) of \(summary.recordsRead) records, "
                        + "\(summary.normalizationChanges) changes" + (report == nil ? " (listed with --report)" : ""),
                        to: &stderr)
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
