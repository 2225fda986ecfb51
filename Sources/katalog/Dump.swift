import ArgumentParser
import Catalog
import Foundation
import ISO2709
import MARCRecord
import Pipeline

extension Katalog {
    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the union catalogue's merged records as a dump any library system can load.",
            discussion: """
                Writes every cluster's merged record in cluster-id order: a full dump, or with --since only
                the clusters changed at or after TIMESTAMP, deleted clusters included as deletion records
                (leader/05 'd', 001 = the cluster id, 003 = the union agency). Files are written under a
                temporary name and renamed when complete. --chunk N writes N records per file, numbered
                before the extension: -o union.xml gives union-0001.xml, union-0002.xml, ... (and
                union.mrc.gz gives union-0001.mrc.gz). Exit status 1: a record could not be written
                whole (see the findings); 2: usage error or unreadable catalogue.
                """)

        @Option(help: ArgumentHelp("The catalogue store (a SQLite file made by 'katalog merge').", valueName: "path"))
        var catalog: String

        @Option(help: "Output format: iso2709, marcxml or json (MARC-in-JSON, one record per line).")
        var to: DumpFormatChoice

        @Flag(help: "Compress each file with gzip (name it .gz yourself).")
        var gzip = false

        @Option(help: ArgumentHelp(
            "Only the clusters changed at or after this time, deletions included (ISO 8601 UTC: 2026-11-25 or "
                + "2026-11-25T22:30:00Z).", valueName: "timestamp"))
        var since: String?

        @Option(help: ArgumentHelp("Records per file; the files are numbered (name-0001.ext).", valueName: "n"))
        var chunk: Int?

        @Option(name: .shortAndLong, help: "Output file; '-' writes standard output (not with --chunk).")
        var output: String = "-"

        @Option(help: ArgumentHelp("003 of deletion records (the union record's agency code).", valueName: "code"))
        var unionAgency: String = "KATALOG"

        @Option(help: "ISO 2709 records over 99,999 bytes: refuse (default) or split into linked records.")
        var oversize: OversizeChoice = .refuse

        @Flag(help: "No summary on standard error.")
        var quiet = false

        func validate() throws {
            if let chunk, chunk < 1 { throw ValidationError("--chunk \(chunk): give at least 1") }
            if chunk != nil && output == "-" { throw ValidationError("--chunk needs -o with a file name") }
            if let since, ChangeMark(since: since) == nil {
                throw ValidationError("--since \(since): not an ISO 8601 time (2026-11-25 or 2026-11-25T22:30:00Z)")
            }
        }

        func run() throws {
            let mark = since.flatMap { ChangeMark(since: $0) }
            // A dump reads an existing catalogue; opening a missing path would create an empty one.
            guard FileManager.default.fileExists(atPath: catalog) else {
                throw failureStatus(.unusable("\(catalog): no such catalogue"))
            }
            let store: CatalogStore
            do { store = try CatalogStore(path: catalog) } catch {
                throw failureStatus(.unusable("\(catalog): \(error)"))
            }
            let options = DumpWriter.Options(format: to.format, gzip: gzip, chunkSize: chunk, unionAgency: unionAgency,
                oversize: oversize.policy)
            var stderr = StandardError()
            let summary: DumpSummary
            do {
                let writer = try DumpWriter(path: output, options: options)
                let entries = store.dumpEntries(since: mark)
                for entry in entries {
                    for finding in try writer.write(entry) { print(finding.line, to: &stderr) }
                }
                // A read failure ends the store's sequence early: never publish that as the whole dump.
                if let failure = entries.failure {
                    writer.discard()
                    throw failureStatus(.unusable("\(catalog): \(failure)"))
                }
                summary = try writer.finish()
            } catch let status as ExitCode {
                throw status
            } catch {
                throw failureStatus(.unusable("\(error)"))
            }
            if !quiet {
                let files = summary.files.count == 1 ? (output == "-" ? "standard output" : summary.files[0])
                    : "\(summary.files.count) files"
                print("katalog: dump: \(summary.records) records (\(summary.deleted) deleted) to \(files)"
                    + (summary.errors + summary.warnings > 0
                        ? "; \(summary.errors) errors, \(summary.warnings) warnings" : ""), to: &stderr)
            }
            if summary.errors > 0 { throw Status.problems }
        }
    }
}

/// `dump --to`.
enum DumpFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case iso2709, marcxml, json

    var format: DumpFormat { DumpFormat(rawValue: rawValue)! }
}
