import ArgumentParser
import Charsets
import ISO2709
import KatalogIO
import MARCRecord
import Pipeline

/// `--from`: a format or `auto`.
enum InputFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, iso2709, marcxml, json, mrk, isis
    case isisISO = "isis-iso"

    var format: RecordFormat? { self == .auto ? nil : RecordFormat(rawValue: rawValue) }
}

/// `--to`.
enum OutputFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case iso2709, marcxml, json, mrk

    var format: RecordFormat { RecordFormat(rawValue: rawValue)! }
}

/// `--oversize`.
enum OversizeChoice: String, ExpressibleByArgument, CaseIterable {
    case refuse, split

    var policy: OversizePolicy { OversizePolicy(rawValue: rawValue)! }
}

/// `--unicode-form`.
enum UnicodeFormChoice: String, ExpressibleByArgument, CaseIterable {
    case nfc, nfd, keep

    var form: UnicodeForm { UnicodeForm(rawValue: rawValue)! }
}

/// Exit statuses of the command-line contract.
enum Status {
    /// Strict mode stopped at a problem, or validation found errors.
    static let problems = ExitCode(1)
    /// Usage error, or an input that cannot be read at all.
    static let unusable = ExitCode(2)
}

/// Prints a failure and maps it to its exit status.
func failureStatus(_ failure: RunFailure) -> ExitCode {
    var stderr = StandardError()
    switch failure {
    case .strictStop:
        print("katalog: \(failure)", to: &stderr)
        return Status.problems
    case .unusable(let message):
        print("katalog: \(message)", to: &stderr)
        return Status.unusable
    }
}
