/// What the bytes of an input are said to be (`--encoding`). `auto` decides per record from the
/// bytes themselves, leader/09 being only a hint.
public enum InputEncoding: Sendable, Hashable, CustomStringConvertible {
    case auto
    case utf8
    case marc8
    case iso5426
    case codePage(CodePage)

    /// Accepts the names people type: `utf8`, `UTF-8`, `marc8`, `MARC-8`, `ansel`, `iso5426`,
    /// `iso-5426`, and every code page name `CodePage(name:)` knows (`cp850`, `latin1`, …).
    public init?(name: String) {
        let key = name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        switch key {
        case "auto": self = .auto
        case "utf8": self = .utf8
        case "marc8", "ansel", "marc": self = .marc8
        case "iso5426", "5426": self = .iso5426
        default:
            guard let page = CodePage(name: name) else { return nil }
            self = .codePage(page)
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .utf8: "UTF-8"
        case .marc8: "MARC-8"
        case .iso5426: "ISO 5426"
        case .codePage(let page): page.rawValue
        }
    }

    /// Every name `--encoding` takes, for help texts and error messages.
    public static var names: [String] {
        ["auto", "utf8", "marc8", "iso5426"] + CodePage.allCases.map(\.rawValue)
    }
}

/// What records are written in (`--to-encoding`). UTF-8 unless a receiving system still needs MARC-8.
public enum OutputEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8
    case marc8

    public init?(name: String) {
        switch name.lowercased().filter({ $0 != "-" && $0 != "_" }) {
        case "utf8": self = .utf8
        case "marc8": self = .marc8
        default: return nil
        }
    }
}

/// The Unicode normalization form of the output (`--unicode-form`). NFC by default: it is what the
/// union catalogue stores and compares. `keep` leaves UTF-8 input as it came, byte for byte
/// (decoded legacy text is still composed, since its decomposed order is an artefact of the
/// decoding, not of the data).
public enum UnicodeForm: String, Sendable, Hashable, CaseIterable {
    case nfc
    case nfd
    case keep
}
