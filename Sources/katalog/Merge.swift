import ArgumentParser
import Catalog
import Charsets
import Foundation
import KatalogIO
import Normalize
import Pipeline

extension Katalog {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a member's records into the union catalogue.",
            discussion: """
                Reads every INPUT (any format katalog reads), normalizes each record for the member, and
                upserts it by (member, local id = 001): unchanged records are skipped by content hash,
                changed ones are re-keyed and their clusters re-formed and rebuilt. --full says the input is
                the member's whole catalogue: the member's records missing from it are deleted, unless they
                are more than [catalog] max-delete-share (default 20 %) of them; then nothing is deleted
                and the exit status is 1 until the run is repeated with --force. Work is committed in
                batches: an interrupted merge leaves a consistent catalogue, and running it again finishes it.
                """)

        @Option(help: ArgumentHelp("The catalogue store (a SQLite file; created when missing).", valueName: "path"))
        var catalog: String

        @Option(help: ArgumentHelp("The member library's code.", valueName: "code"))
        var member: String

        @Flag(help: "The input is the member's whole catalogue: delete the member's records it does not have.")
        var full = false

        @Flag(help: "With --full: delete even when more than [catalog] max-delete-share of the records would go.")
        var force = false

        @Option(help: ArgumentHelp("katalog.toml: [normalize], [match] and [catalog] settings.", valueName: "path"))
        var config: String?

        @Option(help: ArgumentHelp("Write the run report as JSON to this file.", valueName: "path"))
        var report: String?

        @Option(help: "Input format.")
        var from: InputFormatChoice = .auto

        @Option(help: ArgumentHelp("Character set of the input (see convert --help).", valueName: "name"))
        var encoding: String = "auto"

        @OptionGroup(title: "ISIS input")
        var isis: ISISOptionGroup

        @Flag(help: "Do not print reader findings (the run report is still printed).")
        var quiet = false

        @Argument(help: "Input files; '-' or none reads standard input.")
        var inputs: [String] = []

        func validate() throws {
            guard !member.isEmpty, !member.contains(":") else {
                throw ValidationError("--member: a non-empty code without ':'")
            }
            guard InputEncoding(name: encoding) != nil else {
                throw ValidationError("--encoding \(encoding): unknown; use one of "
                    + InputEncoding.names.joined(separator: ", "))
            }
            if force && !full { throw ValidationError("--force only applies with --full") }
        }

        func run() throws {
            var stderr = StandardError()
            var settings = CatalogSettings()
            if let config {
                let text: String
                do { text = try String(contentsOfFile: config, encoding: .utf8) } catch {
                    throw failureStatus(.unusable("\(config): cannot read: \(error.localizedDescription)"))
                }
                do { settings = try CatalogSettings(toml: text) } catch {
                    throw failureStatus(.unusable("\(config): \(error)"))
                }
            }
            let normalizer: Normalizer
            do { normalizer = try Normalizer(settings.normalizer) } catch {
                throw failureStatus(.unusable("\(config ?? "[normalize]"): \(error)"))
            }
            let store: CatalogStore
            let engine: MergeEngine
            let inputList = inputs.isEmpty ? ["-"] : inputs
            do {
                store = try CatalogStore(path: catalog)
                engine = try MergeEngine(store: store,
                    options: .init(member: member, full: full, force: force, settings: settings), inputs: inputList)
            } catch {
                throw failureStatus(.unusable("\(error)"))
            }
            let feed = RecordFeed(MergeInputOptions(inputs: inputList, from: from.format,
                encoding: InputEncoding(name: encoding) ?? .auto, isis: isis.options(), member: member,
                normalizer: normalizer, printFindings: !quiet, builder: engine.options.builder))
            var progress = ProgressMeter(quiet: quiet)
            var inputFailure: String?
            do {
                reading: while true {
                    switch feed.next() {
                    case .records(let records):
                        for record in records { try engine.add(record) }
                        progress.tick(records: engine.report.records.read, bytes: 0)
                    case .unreadable(let n):
                        engine.countUnreadable(n)
                    case .failure(let message):
                        inputFailure = message
                        break reading
                    case .end:
                        break reading
                    }
                }
                if let inputFailure {
                    // What was read is committed (consistent, resumable); --full must not delete on a
                    // partial read, so the run ends here.
                    try engine.fail(inputFailure)
                    throw failureStatus(.unusable(inputFailure))
                }
                let result = try engine.finish()
                progress.done(records: result.records.read, bytes: 0)
                for line in result.lines { print(line, to: &stderr) }
                if let report {
                    let output = try OutputFile(path: report)
                    try output.write(try result.json())
                    try output.commit()
                }
                if result.status == "refused" { throw Status.problems }
            } catch let code as ExitCode {
                feed.cancel()
                throw code
            } catch {
                feed.cancel()
                throw failureStatus(.unusable("\(error)"))
            }
        }
    }
}
