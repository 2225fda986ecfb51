import ArgumentParser
import Pipeline

/// `katalog`: convert, inspect, validate, merge and publish library catalogue records.
@main
struct Katalog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "katalog",
        abstract: "Convert, check and pool library catalogue records (ISO 2709, MARCXML, ISIS…).",
        version: "0.1.0",
        subcommands: [Convert.self, Inspect.self, Validate.self, Merge.self, Explain.self, Dump.self, HarvestCommand.self, RunCommand.self]
    )

    /// ArgumentParser's own `main`, except that a usage error exits with status 2, as the
    /// command-line contract says (ArgumentParser would use 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                var stderr = StandardError()
                print(fullMessage(for: error), to: &stderr)
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
