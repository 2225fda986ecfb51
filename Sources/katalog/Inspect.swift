import ArgumentParser
import Foundation
import KatalogIO
import MARCRecord
import Pipeline

extension Katalog {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a whole input and summarise it: format, records, leader/09, lengths, findings.")

        @Argument(help: "Input file; '-' reads standard input.")
        var input: String = "-"

        @Option(help: "Input format.")
        var from: InputFormatChoice = .auto

        @Flag(help: "Print the summary as JSON.")
        var json = false

        @Flag(help: "Do not list each finding on standard error.")
        var quiet = false

        func run() throws {
            let reporter = try FindingReporter(printLines: !quiet)
            let report: InspectReport
            do {
                report = try Inspector.inspect(input, from: from.format, reporter: reporter, quiet: quiet)
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
