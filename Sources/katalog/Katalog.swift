import ArgumentParser

/// `katalog`: convert, inspect, validate, merge and publish library catalogue records.
@main
struct Katalog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "katalog",
        abstract: "Convert, check and pool library catalogue records (ISO 2709, MARCXML, ISIS…).",
        version: "0.1.0",
        subcommands: [Convert.self, Inspect.self]
    )
}
