import ArgumentParser
import Catalog
import Foundation
import Harvest
import MARCRecord
import Pipeline

extension Katalog {
    struct HarvestCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "harvest",
            abstract: "Harvest the members' OAI-PMH providers into the union catalogue.",
            discussion: """
                Reads the members from katalog.toml ([[member]] with a [member.oai] table) and harvests each
                into the catalogue ([catalog] path in the config, relative to its folder, or --catalog):
                an incremental run from the last complete run's responseDate, resuming after the last page
                committed when a run was interrupted. Each page is one catalogue transaction: its records
                (normalized as 'katalog merge' does, keyed by (member, OAI identifier), datestamp = the
                OAI datestamp), its deleted headers (the member's record is deleted), the re-clustering and
                the member's harvest state; a process killed at any moment resumes where it stopped.
                --reconcile then lists every identifier (ListIdentifiers): records the catalogue lacks are
                fetched with GetRecord, and the member's records no longer listed are deleted, unless they
                are more than [catalog] max-delete-share of them (then nothing is deleted and the member
                fails until the run is repeated with --force). --to-dir PATH writes the pages as files
                instead of the catalogue (records as MARCXML, deletions, raw responses gzip'd, the state).
                Exit status: 0 every member harvested; 1 some member stopped (its error is printed; what it
                committed stands); 2 usage or configuration error.
                """)

        @Option(help: "The network's katalog.toml.")
        var config: String

        @Option(help: ArgumentHelp("The catalogue store; default: [catalog] path in the config.", valueName: "path"))
        var catalog: String?

        @Option(parsing: .upToNextOption, help: "Harvest only these members (codes); all by default.")
        var member: [String] = []

        @Flag(help: "Harvest everything again, ignoring the saved from.")
        var full = false

        @Flag(help: "Afterwards, list every identifier (ListIdentifiers): fetch what is missing, delete what is gone.")
        var reconcile = false

        @Flag(help: "With --reconcile: delete even when more than [catalog] max-delete-share of the records would go.")
        var force = false

        @Option(help: "Members harvested at the same time (one request at a time per host in any case).")
        var jobs: Int = 2

        @Option(name: .customLong("to-dir"), help: "Write pages, raw responses and the state under this directory.")
        var toDir: String?

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
            if force && !reconcile { throw ValidationError("--force only applies with --reconcile") }
            if toDir != nil && catalog != nil { throw ValidationError("--to-dir and --catalog exclude each other") }
        }

        func run() throws {
            let setup: HarvestSetup
            do throws(SetupError) {
                setup = try HarvestSetup(config: config, catalog: catalog)
                try setup.checkMembers(member)
            } catch {
                throw failureStatus(.unusable(error.message))
            }
            let options = Harvester.Options(full: full, reconcile: reconcile)
            if let toDir {
                try harvestToDirectory(setup, toDir, options)
                return
            }
            guard let path = setup.catalogPath else {
                throw failureStatus(.unusable("no catalogue: give --catalog PATH or [catalog] path in \(config)"))
            }
            let store: CatalogStore
            do { store = try CatalogStore(path: path) } catch {
                throw failureStatus(.unusable("\(path): \(error)"))
            }
            let outcome = CatalogHarvest.run(setup: setup, store: store, members: member, options: options,
                force: force, jobs: jobs)
            if !CatalogHarvest.printSummary(outcome, reconcile: reconcile) { throw Status.problems }
        }

        private func harvestToDirectory(_ setup: HarvestSetup, _ toDir: String, _ options: Harvester.Options) throws {
            let sink: DirectorySink
            do { sink = try DirectorySink(root: toDir) } catch {
                throw failureStatus(.unusable("\(toDir): \(error)"))
            }
            let run = HarvestRun(configuration: setup.harvest, sink: sink, options: options, jobs: jobs,
                log: { message in
                    var err = StandardError()
                    print("katalog harvest: \(message)", to: &err)
                })
            let codes = member
            let reports = waitFor { await run.run(members: codes) }
            let outcome = CatalogHarvest.Outcome(harvest: reports, merges: [:])
            if !CatalogHarvest.printSummary(outcome, reconcile: reconcile) { throw Status.problems }
        }
    }
}
