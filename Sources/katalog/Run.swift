import ArgumentParser
import Catalog
import Foundation
import Harvest
import KatalogIO
import Pipeline

extension Katalog {
    struct RunCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "The nightly job: harvest every member into the catalogue, write the dumps, write a run report.",
            discussion: """
                Harvests every member with an [member.oai] table (incrementally, as 'katalog harvest'); a
                member that fails is reported and the others go on. Then writes the dumps [dump] asks for:

                  [dump]
                  directory = "dumps"        # relative to the config file's folder
                  format = "marcxml"         # iso2709, marcxml or json
                  gzip = true
                  full-every-days = 7        # a full dump when the last one is this old (default 7)
                  full-weekday = "sunday"    # or: a full dump on this weekday (UTC), once that day

                Every run writes a delta (union-delta-TIME.EXT): the clusters changed since the change
                sequence the previous run's delta ended at (kept in the catalogue), deletions included; the
                first run writes a full dump (union-full-TIME.EXT) instead. The run report (JSON) goes to
                --report, else to the dump directory as run-TIME.json. Exit status 0 only if every member
                was harvested and every dump written; 1 otherwise; 2 usage or configuration error.
                """)

        @Option(help: "The network's katalog.toml.")
        var config: String

        @Option(help: ArgumentHelp("The catalogue store; default: [catalog] path in the config.", valueName: "path"))
        var catalog: String?

        @Option(help: "Members harvested at the same time.")
        var jobs: Int = 2

        @Option(help: ArgumentHelp("Write the run report (JSON) here.", valueName: "path"))
        var report: String?

        func run() throws {
            let setup: HarvestSetup
            let dump: DumpSchedule?
            do throws(SetupError) {
                setup = try HarvestSetup(config: config, catalog: catalog)
                dump = try DumpSchedule(setup.root["dump"]?.table, config: config)
            } catch {
                throw failureStatus(.unusable(error.message))
            }
            guard let path = setup.catalogPath else {
                throw failureStatus(.unusable("no catalogue: give --catalog PATH or [catalog] path in \(config)"))
            }
            let store: CatalogStore
            do { store = try CatalogStore(path: path) } catch {
                throw failureStatus(.unusable("\(path): \(error)"))
            }
            let started = Date()
            let outcome = CatalogHarvest.run(setup: setup, store: store, members: [], options: .init(), force: false,
                jobs: jobs)
            var ok = CatalogHarvest.printSummary(outcome, reconcile: false)
            var runReport = RunReport(startedAt: RunReport.stamp(started), catalog: path)
            for h in outcome.harvest {
                runReport.members.append(.init(member: h.member, status: h.error == nil ? "ok" : "failed",
                    error: h.error?.message, pages: h.pages, records: h.records, deletions: h.deletions,
                    merge: outcome.merges[h.member]))
            }
            var stderr = StandardError()
            if let dump {
                do {
                    runReport.dumps = try dump.write(store: store, now: started)
                    for d in runReport.dumps {
                        print("katalog run: \(d.kind) dump: \(d.records) records (\(d.deleted) deleted) to "
                            + d.files.joined(separator: ", "), to: &stderr)
                    }
                } catch {
                    print("katalog run: dump: \(error)", to: &stderr)
                    runReport.dumpError = "\(error)"
                    ok = false
                }
            }
            runReport.finishedAt = RunReport.stamp(Date())
            runReport.status = ok ? "ok" : "failed"
            let reportPath = report ?? dump.map { $0.directory + "/run-\(RunReport.fileStamp(started)).json" }
            if let reportPath {
                do {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    let output = try OutputFile(path: reportPath)
                    try output.write(Array(try encoder.encode(runReport)))
                    try output.commit()
                } catch {
                    print("katalog run: \(reportPath): \(error)", to: &stderr)
                    ok = false
                }
            }
            if !ok { throw Status.problems }
        }
    }
}

/// `katalog run`'s report.
struct RunReport: Encodable {
    struct Member: Encodable {
        var member: String
        var status: String
        var error: String?
        var pages: Int
        var records: Int
        var deletions: Int
        var merge: MergeReport?
    }

    struct Dump: Encodable {
        var kind: String
        var files: [String]
        var records: Int
        var deleted: Int
    }

    var startedAt: String
    var finishedAt: String?
    var catalog: String
    var status = "running"
    var members: [Member] = []
    var dumps: [Dump] = []
    var dumpError: String?

    init(startedAt: String, catalog: String) {
        self.startedAt = startedAt
        self.catalog = catalog
    }

    static func stamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// `20261125T223000Z`: sorts by time, safe in file names.
    static func fileStamp(_ date: Date) -> String {
        stamp(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }
}

/// `[dump]` of katalog.toml: which dumps `katalog run` writes, and when.
struct DumpSchedule {
    var directory: String
    var format: DumpFormat
    var gzip: Bool
    var fullEveryDays: Int
    var fullWeekday: Int?

    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    init?(_ table: TOMLTable?, config: String) throws(SetupError) {
        guard let table else { return nil }
        guard let dir = table["directory"]?.string, !dir.isEmpty else {
            throw SetupError("\(config): [dump] directory = \"…\" is needed")
        }
        directory = HarvestSetup.resolve(dir, config: config)
        let formatName = table["format"]?.string ?? "iso2709"
        guard let format = DumpFormat(rawValue: formatName) else {
            throw SetupError("\(config): [dump] format must be iso2709, marcxml or json")
        }
        self.format = format
        gzip = table["gzip"]?.boolean ?? false
        fullEveryDays = table["full-every-days"]?.integer ?? 7
        guard fullEveryDays >= 1 else { throw SetupError("\(config): [dump] full-every-days must be at least 1") }
        if let day = table["full-weekday"]?.string {
            guard let index = Self.weekdays.firstIndex(of: day.lowercased()) else {
                throw SetupError("\(config): [dump] full-weekday must be a weekday name (monday…sunday)")
            }
            fullWeekday = index
        }
    }

    private var fileExtension: String {
        let base = switch format {
        case .iso2709: "mrc"
        case .marcxml: "xml"
        case .json: "json"
        }
        return gzip ? base + ".gz" : base
    }

    /// Whether this run also writes a full dump.
    func fullIsDue(last: DumpMarkRow?, now: Date) -> Bool {
        guard let last else { return true }
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        if let fullWeekday {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let lastDate = Date(timeIntervalSince1970: Double(last.milliseconds) / 1000)
            return calendar.component(.weekday, from: now) - 1 == fullWeekday
                && !calendar.isDate(lastDate, inSameDayAs: now)
        }
        return nowMs - last.milliseconds >= Int64(fullEveryDays) * 86_400_000
    }

    /// Writes the delta (and the full dump when due), each atomically, and moves the marks after each.
    func write(store: CatalogStore, now: Date) throws -> [RunReport.Dump] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [RunReport.Dump] = []
        let stamp = RunReport.fileStamp(now)
        let mark = try store.currentChangeMark()
        let lastFull = try store.dumpMark(kind: "full")
        let lastDelta = try store.dumpMark(kind: "delta")
        if fullIsDue(last: lastFull, now: now) {
            written.append(try dump(store, kind: "full", since: nil, path: directory + "/union-full-\(stamp).\(fileExtension)"))
            try store.setDumpMark(kind: "full", mark)
            if lastDelta == nil { try store.setDumpMark(kind: "delta", mark) }
        }
        if let lastDelta {
            let since = ChangeMark(sequence: lastDelta.changeSequence, milliseconds: nil)
            written.append(try dump(store, kind: "delta", since: since,
                path: directory + "/union-delta-\(stamp).\(fileExtension)"))
            try store.setDumpMark(kind: "delta", mark)
        }
        return written
    }

    private func dump(_ store: CatalogStore, kind: String, since: ChangeMark?, path: String) throws -> RunReport.Dump {
        let writer = try DumpWriter(path: path, options: .init(format: format, gzip: gzip))
        let entries = store.dumpEntries(since: since)
        for entry in entries { _ = try writer.write(entry) }
        if let failure = entries.failure {
            writer.discard()
            throw failure
        }
        let summary = try writer.finish()
        return RunReport.Dump(kind: kind, files: summary.files, records: summary.records, deleted: summary.deleted)
    }
}
