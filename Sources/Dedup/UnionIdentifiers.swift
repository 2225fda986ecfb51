import MARCRecord
import Normalize

/// The normalized value under which the union record counts an identifier once: the same ISBN,
/// ISSN or system number written differently by two members is one identifier.
enum UnionIdentifiers {
    /// 020 $a as a checked ISBN in the form written (ISBN-10 and ISBN-13 stay distinct: the isbn rule
    /// adds the ISBN-13 beside every ISBN-10 on purpose). Nil when $a is missing or not a valid ISBN.
    static func isbnKey(_ field: Field) -> String? {
        guard let a = field.value("a") else { return nil }
        let number = IdentifierScan.scan(a).number
        guard let isbn = ISBN(digits: number) else { return nil }
        return number.count <= 10 ? isbn.isbn10 ?? isbn.isbn13 : isbn.isbn13
    }

    /// 022 $a as a checked ISSN's eight characters.
    static func issnKey(_ field: Field) -> String? {
        guard let a = field.value("a") else { return nil }
        return ISSN(a)?.digits
    }

    /// 035 $a: an OCLC number in its one form, else the value trimmed, blanks inside removed and the
    /// organization code in parentheses upper-cased (`(IdJaUI) b123` and `(IDJAUI)b123` are one).
    /// Nil for an 035 without a usable $a (only a cancelled $z).
    static func systemNumberKey(_ field: Field) -> String? {
        guard let a = field.value("a") else { return nil }
        return systemNumberKey(a)
    }

    static func systemNumberKey(_ value: String) -> String? {
        if let oclc = OCLCNumber(value) { return oclc.description }
        let compact = String(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        guard !compact.isEmpty else { return nil }
        guard compact.hasPrefix("("), let close = compact.firstIndex(of: ")") else { return compact }
        return compact[...close].uppercased() + compact[compact.index(after: close)...]
    }
}
