import ArgumentParser
import Foundation
import Harvest
import MARCRecord
import Pipeline

extension Katalog {
    struct HarvestCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "harvest",
            abstract: "Harvest the members' OAI-PMH providers.",
            discussion: """
                Reads the members from katalog.toml ([[member]] with a [member.oai] table) and harvests each:
                an incremental run from the last complete run's responseDate, resuming after the last page
                committed when a run was interrupted. For now the pages go to --to-dir PATH (records as
                MARCXML, deletions, the raw responses gzip'd, the state); the catalogue store comes later.
                Exit status: 0 every member harvested; 1 some member stopped (its error is printed; what it
                committed stands); 2 usage or configuration error.
                """)

        @Option(help: "The network's katalog.toml.")
        var config: String

        @Option(parsing: .upToNextOption, help: "Harvest only these members (codes); all by default.")
        var member: [String] = []

        @Flag(help: "Harvest everything again, ignoring the saved from.")
        var full = false

        @Flag(help: "Afterwards, list every identifier (ListIdentifiers) for reconciliation.")
        var reconcile = false

        @Option(help: "Members harvested at the same time (one request at a time per host in any case).")
        var jobs: Int = 2

        @Option(name: .customLong("to-dir"), help: "Write pages, raw responses and the state under this directory.")
        var toDir: String?

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
            guard toDir != nil else {
                throw ValidationError("--to-dir PATH is needed (the catalogue store is not wired to harvest yet)")
            }
        }

        func run() throws {
            var stderr = StandardError()
            let text: String
            do { text = try String(contentsOfFile: config, encoding: .utf8) } catch {
                print("katalog: \(config): cannot read: \(error.localizedDescription)", to: &stderr)
                throw Status.unusable
            }
            let configuration: HarvestConfiguration
            do { configuration = try HarvestConfiguration(toml: text) } catch {
                print("katalog: \(config): \(error)", to: &stderr)
                throw Status.unusable
            }
            let known = Set(configuration.members.filter { $0.oai != nil }.map(\.code))
            for code in member where !known.contains(code) {
                print("katalog: no member '\(code)' with an [member.oai] table in \(config)", to: &stderr)
                throw Status.unusable
            }
            let sink: DirectorySink
            do { sink = try DirectorySink(root: toDir!) } catch {
                print("katalog: \(toDir!): \(error)", to: &stderr)
                throw Status.unusable
            }
            let run = HarvestRun(configuration: configuration, sink: sink,
                options: .init(full: full, reconcile: reconcile), jobs: jobs,
                log: { message in
                    var err = StandardError()
                    print("katalog harvest: \(message)", to: &err)
                })
            let reports = Self.wait { await run.run(members: member) }
            var failed = false
            for report in reports {
                let status = report.error.map { "stopped: \($0.message)" } ?? (report.completed ? "complete" : "partial")
                print("\(report.member): \(report.pages) pages, \(report.records) records, \(report.deletions) deletions"
                    + (reconcile ? ", \(report.identifiersSeen) identifiers listed" : "")
                    + (report.retries > 0 ? ", \(report.retries) retries" : "")
                    + (report.findings.isEmpty ? "" : ", \(report.findings.count) findings") + "; \(status)",
                    to: &stderr)
                for finding in report.findings.prefix(20) { print(finding.line, to: &stderr) }
                if report.error != nil { failed = true }
            }
            if failed { throw Status.problems }
        }

        /// The command line is synchronous (ArgumentParser's root command); the harvest is not.
        private static func wait<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
            let done = DispatchSemaphore(value: 0)
            let box = ResultBox<T>()
            Task {
                box.value = await body()
                done.signal()
            }
            done.wait()
            return box.value!
        }
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
