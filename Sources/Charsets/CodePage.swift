internal import CICUShim

/// The single-byte legacy charsets Katalog reads and writes through ICU's tables. The raw value is
/// the name the command line uses (`--encoding cp850`).
///
/// The IBM PC pages (437, 850, 852, 858, 865, 866) follow ICU's `ibm-*` tables, which differ from
/// Microsoft's `CP*.TXT` files in a few bytes: 0x1A ↔ U+001C, 0x1C ↔ U+007F and 0x7F ↔ U+001A (IBM's
/// PC control-code layout); cp437 and cp865 have U+03BC (Greek mu) at 0xE6 where Microsoft has
/// U+00B5 (micro sign); cp852 leaves 0xAA (Microsoft's ¬) unmapped. The Windows pages are ICU's,
/// which map the bytes Microsoft left undefined (cp1252: 0x81, 0x8D, 0x8F, 0x90, 0x9D) to the C1
/// controls of the same value, as WHATWG does — except cp1253 0xAA, which ICU maps to U+00AA.
/// The ISO 8859 pages and KOI8-R agree with the published tables byte for byte.
public enum CodePage: String, CaseIterable, Sendable {
    case cp437, cp850, cp852, cp858, cp865, cp866
    case cp1250, cp1251, cp1252, cp1253, cp1254, cp1257
    case latin1
    case latin2
    case iso8859_5 = "iso8859-5"
    case iso8859_7 = "iso8859-7"
    case iso8859_9 = "iso8859-9"
    case latin9
    case koi8r = "koi8-r"

    /// The name ICU opens the converter by.
    public var icuName: String {
        switch self {
        case .cp437: "ibm-437"
        case .cp850: "ibm-850"
        case .cp852: "ibm-852"
        case .cp858: "ibm-858"
        case .cp865: "ibm-865"
        case .cp866: "ibm-866"
        case .cp1250: "windows-1250"
        case .cp1251: "windows-1251"
        case .cp1252: "windows-1252"
        case .cp1253: "windows-1253"
        case .cp1254: "windows-1254"
        case .cp1257: "windows-1257"
        case .latin1: "ISO-8859-1"
        case .latin2: "ISO-8859-2"
        case .iso8859_5: "ISO-8859-5"
        case .iso8859_7: "ISO-8859-7"
        case .iso8859_9: "ISO-8859-9"
        case .latin9: "ISO-8859-15"
        case .koi8r: "KOI8-R"
        }
    }

    /// What the page was for, for help texts and reports.
    public var summary: String {
        switch self {
        case .cp437: "IBM PC (DOS), US"
        case .cp850: "IBM PC (DOS), Western Europe"
        case .cp852: "IBM PC (DOS), Central Europe"
        case .cp858: "IBM PC (DOS), Western Europe with €"
        case .cp865: "IBM PC (DOS), Nordic"
        case .cp866: "IBM PC (DOS), Cyrillic"
        case .cp1250: "Windows, Central Europe"
        case .cp1251: "Windows, Cyrillic"
        case .cp1252: "Windows, Western Europe"
        case .cp1253: "Windows, Greek"
        case .cp1254: "Windows, Turkish"
        case .cp1257: "Windows, Baltic"
        case .latin1: "ISO 8859-1, Western Europe"
        case .latin2: "ISO 8859-2, Central Europe"
        case .iso8859_5: "ISO 8859-5, Cyrillic"
        case .iso8859_7: "ISO 8859-7, Greek"
        case .iso8859_9: "ISO 8859-9 (Latin-5), Turkish"
        case .latin9: "ISO 8859-15, Western Europe with €"
        case .koi8r: "KOI8-R, Russian"
        }
    }

    /// The spellings people type besides the raw value, compared after `key(_:)`.
    var aliases: [String] {
        switch self {
        case .cp437, .cp850, .cp852, .cp858, .cp865, .cp866:
            let number = rawValue.dropFirst(2)
            return ["ibm\(number)", "\(number)", "oem\(number)", "dos\(number)"]
        case .cp1250, .cp1251, .cp1252, .cp1253, .cp1254, .cp1257:
            let number = rawValue.dropFirst(2)
            return ["windows\(number)", "win\(number)", "\(number)"]
        case .latin1: return ["iso88591", "l1", "isolatin1"]
        case .latin2: return ["iso88592", "l2", "isolatin2"]
        case .iso8859_5: return ["iso88595", "cyrillic", "isolatincyrillic"]
        case .iso8859_7: return ["iso88597", "greek"]
        case .iso8859_9: return ["iso88599", "latin5", "l5"]
        case .latin9: return ["iso885915", "l9"]
        case .koi8r: return ["koi8"]
        }
    }

    /// Finds a code page by any usual name, ignoring case, spaces, `-`, `_` and `.`: "cp850",
    /// "IBM850", "850", "windows-1252", "latin1", "ISO_8859-1". Names Katalog does not list but ICU
    /// knows as an alias of one of these pages ("csPC850Multilingual") are accepted too. "latin5" is
    /// ISO 8859-9 (Turkish), as IANA has it — not ISO 8859-5.
    public init?(name: String) {
        let key = Self.key(name)
        if let page = Self.byKey[key] {
            self = page
            return
        }
        guard let canonical = Self.icuCanonicalName(name), let page = Self.byCanonicalName[canonical] else {
            return nil
        }
        self = page
    }

    static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { !" -_.".unicodeScalars.contains($0) })
    }

    private static let byKey: [String: CodePage] = {
        var table: [String: CodePage] = [:]
        for page in allCases {
            for alias in [key(page.rawValue)] + page.aliases { table[alias] = page }
        }
        return table
    }()

    /// ICU's canonical name of each page's converter ("ibm-850_P100-1995" → cp850).
    private static let byCanonicalName: [String: CodePage] = {
        var table: [String: CodePage] = [:]
        for page in allCases {
            if let canonical = icuCanonicalName(page.icuName) { table[canonical] = page }
        }
        return table
    }()

    /// ICU's canonical converter name for `name`, or nil when ICU has none.
    static func icuCanonicalName(_ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 128)
        guard kicu_converter_name(name, &buffer, buffer.count) == KICU_OK else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
