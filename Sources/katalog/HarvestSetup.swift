import Catalog
import Foundation
import Harvest
import KatalogIO
import MARCRecord
import Normalize
import Pipeline

/// What `katalog harvest` and `katalog run` read from `katalog.toml`: the members' OAI sources, the
/// catalogue's settings, and where the catalogue is (`[catalog] path`, relative to the config file's
/// folder, unless `--catalog` says otherwise).
struct HarvestSetup {
    var configPath: String
    var harvest: HarvestConfiguration
    var settings: CatalogSettings
    var normalizer: Normalizer
    var root: TOMLTable
    var catalogPath: String?

    /// Errors are messages for standard error (exit status 2).
    init(config: String, catalog: String?) throws(SetupError) {
        configPath = config
        let text: String
        do { text = try String(contentsOfFile: config, encoding: .utf8) } catch {
            throw SetupError("\(config): cannot read: \(error.localizedDescription)")
        }
        do { harvest = try HarvestConfiguration(toml: text) } catch { throw SetupError("\(config): \(error)") }
        do { settings = try CatalogSettings(toml: text) } catch { throw SetupError("\(config): \(error)") }
        do { normalizer = try Normalizer(settings.normalizer) } catch { throw SetupError("\(config): \(error)") }
        do { root = try TOML.parse(text) } catch { throw SetupError("\(config): \(error)") }
        if let catalog {
            catalogPath = catalog
        } else if let path = root["catalog"]?.table?["path"]?.string, !path.isEmpty {
            catalogPath = Self.resolve(path, config: config)
        }
    }

    /// A path from the config: absolute as written, else relative to the config file's folder.
    static func resolve(_ path: String, config: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (config as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : folder + "/" + path
    }

    func checkMembers(_ codes: [String]) throws(SetupError) {
        let known = Set(harvest.members.filter { $0.oai != nil }.map(\.code))
        for code in codes where !known.contains(code) {
            throw SetupError("no member '\(code)' with an [member.oai] table in \(configPath)")
        }
    }
}

struct SetupError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Runs the members' harvests into the catalogue and ends each member's merge run.
struct CatalogHarvest {
    struct Outcome {
        var harvest: [HarvestReport]
        var merges: [String: MergeReport]
    }

    static func run(setup: HarvestSetup, store: CatalogStore, members: [String], options: Harvester.Options,
        force: Bool, jobs: Int) -> Outcome
    {
        let sink = CatalogHarvestSink(store: store, settings: setup.settings, normalizer: setup.normalizer, force: force)
        let run = HarvestRun(configuration: setup.harvest, sink: sink, options: options, jobs: jobs,
            log: { message in
                var err = StandardError()
                print("katalog harvest: \(message)", to: &err)
            })
        return waitFor {
            let reports = await run.run(members: members)
            var failed: [String: String] = [:]
            for report in reports { if let error = report.error { failed[report.member] = error.message } }
            let merges = await sink.finish(failed: failed)
            return Outcome(harvest: reports, merges: merges)
        }
    }

    static func printSummary(_ outcome: Outcome, reconcile: Bool) -> Bool {
        var stderr = StandardError()
        var failed = false
        for report in outcome.harvest {
            let status = report.error.map { "stopped: \($0.message)" } ?? (report.completed ? "complete" : "partial")
            print("\(report.member): \(report.pages) pages, \(report.records) records, \(report.deletions) deletions"
                + (reconcile ? ", \(report.identifiersSeen) identifiers listed, \(report.fetchedMissing) fetched" : "")
                + (report.retries > 0 ? ", \(report.retries) retries" : "")
                + (report.findings.isEmpty ? "" : ", \(report.findings.count) findings") + "; \(status)",
                to: &stderr)
            for finding in report.findings.prefix(20) { print(finding.line, to: &stderr) }
            if let merge = outcome.merges[report.member] {
                for line in merge.lines { print("  " + line, to: &stderr) }
            }
            if report.error != nil { failed = true }
        }
        return !failed
    }
}

/// The command line is synchronous (ArgumentParser's root command); the harvest is not.
func waitFor<T>(_ body: @escaping @Sendable () async -> T) -> T {
    let done = DispatchSemaphore(value: 0)
    let box = UncheckedBox<T>()
    Task {
        box.value = await body()
        done.signal()
    }
    done.wait()
    return box.value!
}

final class UncheckedBox<T>: @unchecked Sendable {
    var value: T?
}
