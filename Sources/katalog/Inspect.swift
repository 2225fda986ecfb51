import ArgumentParser
import Charsets
import Foundation
import KatalogIO
import MARCRecord
import Pipeline

extension Katalog {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a whole input and summarise it: format, records, leader/09, lengths, findings; for ISIS "
                + "also layout, MFN statuses, character set and field usage.")

        @Argument(help: "Input file; '-' reads standard input.")
        var input: String = "-"

        @Option(help: "Input format.")
        var from: InputFormatChoice = .auto

        @Option(help: ArgumentHelp("ISIS input: character set (auto, utf8, cp850, cp437, cp852, cp1252, latin1, …).",
            valueName: "name"))
        var encoding: String = "auto"

        @OptionGroup(title: "ISIS input")
        var isis: ISISOptionGroup

        @Flag(help: "Print the summary as JSON.")
        var json = false

        @Flag(help: "Do not list each finding on standard error.")
        var quiet = false

        func run() throws {
            guard let inputEncoding = InputEncoding(name: encoding) else {
                throw ValidationError("--encoding \(encoding): unknown; use one of "
                    + InputEncoding.names.joined(separator: ", "))
            }
            var isisOptions = isis.options()
            isisOptions.inputEncoding = inputEncoding
            let reporter = try FindingReporter(printLines: !quiet)
            let report: InspectReport
            do {
                report = try Inspector.inspect(input, from: from.format, reporter: reporter, quiet: quiet,
                    isis: isisOptions)
            } catch {
                throw failureStatus( error)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(report.text, terminator: "")
            }
        }
    }
}
