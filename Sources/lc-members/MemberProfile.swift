/// One made-up member library: its code, the format and character set it exports, the shape of its
/// local record numbers, and its cataloguing habits (how often each difference shows in its copies).
struct MemberProfile {
    enum Format: String, CaseIterable {
        /// ISO 2709 in UTF-8 (leader/09 `a`), as the LC records come.
        case iso2709
        /// ISO 2709 in MARC-8 (leader/09 blank), as an older system exports.
        case marc8
        case marcxml
        case mrk
        case json

        var fileExtension: String {
            switch self {
            case .iso2709: "mrc"
            case .marc8: "marc8.mrc"
            case .marcxml: "xml"
            case .mrk: "mrk"
            case .json: "json"
            }
        }

        var encodingName: String { self == .marc8 ? "marc8" : "utf8" }
    }

    let code: String
    let index: Int
    let format: Format
    let habits: Habits

    var fileName: String { "\(code).\(format.fileExtension)" }

    /// Local record numbers in the shapes member systems use: Sierra-like `b1234567`, zero-padded
    /// numbers, code-prefixed numbers, plain numbers. Unique within the member; `n` counts from 1.
    func localID(_ n: Int) -> String {
        switch index % 5 {
        case 0: return "b\(1_000_000 + n)"
        case 1:
            let digits = String(n)
            return String(repeating: "0", count: max(0, 9 - digits.count)) + digits
        case 2: return "\(code.lowercased())-\(n)"
        case 3: return "INLIS\(70_000 + n * 3)"
        default: return "\(500_000 + n)"
        }
    }

    /// How often each difference shows in this member's copies (0 ... 1).
    struct Habits {
        /// Writes no ISBD punctuation at the ends of subfields (RDA-era or home-grown systems).
        var stripISBD = 0.15
        /// Writes " :" as ":" (no space before the mark).
        var compactISBD = 0.10
        /// 260 becomes 264 _1 and "p." becomes "pages" (RDA).
        var rda = 0.10
        var upperTitle = 0.05
        var lowerTitle = 0.05
        var dropLCCN = 0.25
        var reformatLCCN = 0.20
        var dropISBN = 0.15
        var isbn13 = 0.30
        var isbn10 = 0.10
        var hyphenateISBN = 0.20
        var dropQualifier = 0.20
        var keepDLC035 = 0.30
        var dropSubjects = 0.15
        var dropNotes = 0.20
        var dropAuthorDates = 0.10
        /// Precomposed (NFC) diacritics; the LC records are decomposed.
        var nfc = false
    }

    /// Habits that differ by member, so that each member has a recognisable style, as real ones do.
    static func habits(for index: Int, format: Format) -> Habits {
        var h = Habits()
        switch index % 5 {
        case 0: h.stripISBD = 0.6; h.isbn13 = 0.7; h.rda = 0.4
        case 1: h.upperTitle = 0.25; h.hyphenateISBN = 0.5; h.dropSubjects = 0.4
        case 2: h.compactISBD = 0.5; h.dropLCCN = 0.6; h.nfc = true
        case 3: h.lowerTitle = 0.2; h.isbn10 = 0.4; h.dropAuthorDates = 0.3; h.keepDLC035 = 0.6
        default: h.rda = 0.6; h.dropISBN = 0.3; h.nfc = true
        }
        if format == .marc8 { h.nfc = false }  // the MARC-8 encoder composes what it needs itself
        return h
    }
}
