import ArgumentParser
import Catalog
import Dedup
import Foundation
import Pipeline

extension Katalog {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain a cluster of the union catalogue.",
            discussion: """
                ID is a cluster id or MEMBER:localid. Prints the cluster's member records, the master and
                why, the keys members share, the scores of their match edges, and for other records sharing a
                key the matcher's verdict, re-computed now, with the veto that kept them out.
                """)

        @Option(help: ArgumentHelp("The catalogue store.", valueName: "path"))
        var catalog: String

        @Option(help: ArgumentHelp("katalog.toml, for the [match] settings.", valueName: "path"))
        var config: String?

        @Argument(help: "A cluster id, or MEMBER:localid.")
        var id: String

        func run() throws {
            guard FileManager.default.fileExists(atPath: catalog) else {
                throw failureStatus(.unusable("\(catalog): no such catalogue"))
            }
            var settings = CatalogSettings()
            if let config {
                do { settings = try CatalogSettings(toml: try String(contentsOfFile: config, encoding: .utf8)) } catch {
                    throw failureStatus(.unusable("\(config): \(error)"))
                }
            }
            do {
                let store = try CatalogStore(path: catalog)
                for line in try store.explain(id, matcher: Matcher(settings: settings.match)) { print(line) }
            } catch {
                throw failureStatus(.unusable("\(error)"))
            }
        }
    }
}
