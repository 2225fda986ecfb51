import ArgumentParser
import Charsets
import ISO2709
import KatalogIO
import MARCRecord
import ISIS
import Pipeline

/// `--from`: a format or `auto`.
enum InputFormatChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, iso2709, marcxml, json, mrk, isis
    case isisISO = "isis-iso"
    case oaiDC = "oai_dc"

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

/// The options of ISIS input, shared by `convert` and `inspect`.
struct ISISOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp(
        "ISIS mapping profile: isismarc, cds, lilacs, raw, or the path of a TOML profile. Default: isismarc when "
            + "the records look like MARC kept in ISIS, else raw.",
        valueName: "name|path"))
    var profile: String?

    @Option(help: "ISIS leader layout, when detection fails: isis18, isis20, ffi22, ffi24.")
    var isisLayout: ISISLayoutChoice?

    @Option(help: "ISIS byte order, when detection fails: little, big.")
    var isisByteOrder: ISISByteOrderChoice?

    @Flag(help: "ISIS: also write logically deleted records (leader/05 'd'); they are skipped by default.")
    var includeDeleted = false

    @Option(help: ArgumentHelp("ISIS: prefix of the 001 made from the MFN (default: the profile's).",
        valueName: "prefix"))
    var isisIdPrefix: String?

    @Option(help: ArgumentHelp("ISIS: source code written to 003 and 035 (default: the profile's).",
        valueName: "code"))
    var isisSource: String?

    func options() -> ISISInputOptions {
        ISISInputOptions(profile: profile, layout: isisLayout.flatMap { ISISLayout(rawValue: $0.rawValue) },
            byteOrder: isisByteOrder.flatMap { ISISByteOrder(rawValue: $0.rawValue) },
            includeDeleted: includeDeleted, idPrefix: isisIdPrefix, source: isisSource)
    }
}

enum ISISLayoutChoice: String, ExpressibleByArgument, CaseIterable {
    case isis18, isis20, ffi22, ffi24
}

enum ISISByteOrderChoice: String, ExpressibleByArgument, CaseIterable {
    case little, big
}
