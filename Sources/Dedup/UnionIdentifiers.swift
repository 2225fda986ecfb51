import MARCRecord
import Normalize

/// The normalized value under which the union record counts an identifier once: the same ISBN,
/// ISSN or system number written differently by two members is one identifier.
enum UnionIdentifiers {
    /// 020 $a as a checked ISBN in the form written (ISBN-10 and ISBN-13 stay distinct: the isbn rule
    /// adds the ISBN-13 beside every ISBN-10 on purpose). Nil when $a is missing or not a valid ISBN.
    static func isbnKey(_ field: Field) -> String? {
        guard let bytes = firstA(field) else { return nil }
        if IdentifierBytes.isASCII(bytes) {
            var number: [UInt8] = []
            _ = IdentifierBytes.scanNumber(bytes, into: &number)
            guard let isbn = ISBN(bytes: number[...]) else { return nil }
            return number.count <= 10 ? isbn.isbn10 ?? isbn.isbn13 : isbn.isbn13
        }
        let a = String(decoding: bytes, as: UTF8.self)
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
        guard let a = firstA(field) else { return nil }
        return systemNumberKey(bytes: a)
    }

    /// `field.value("a")`'s bytes, without the array of every $a `values` builds.
    @inline(__always)
    static func firstA(_ field: Field) -> ArraySlice<UInt8>? {
        for s in field.subfields where s.code == UInt8(ascii: "a") { return s.value }
        return nil
    }

    /// `systemNumberKey` of the value's bytes: for ASCII, Unicode scalars are bytes and upper-casing
    /// changes only the letters.
    static func systemNumberKey(bytes value: ArraySlice<UInt8>) -> String? {
        guard IdentifierBytes.isASCII(value) else { return systemNumberKey(String(decoding: value, as: UTF8.self)) }
        if let oclc = IdentifierBytes.oclcDigits(value) { return "(OCoLC)" + oclc }
        var compact: [UInt8] = []
        compact.reserveCapacity(value.count)
        for b in value where b > 0x20 && b != 0x7F { compact.append(b) }
        guard !compact.isEmpty else { return nil }
        if compact[0] == UInt8(ascii: "("), let close = compact.firstIndex(of: UInt8(ascii: ")")) {
            for i in 0...close { compact[i] = IdentifierBytes.upper(compact[i]) }
        }
        return String(decoding: compact, as: UTF8.self)
    }

    static func systemNumberKey(_ value: String) -> String? {
        if let oclc = OCLCNumber(value) { return oclc.description }
        let compact = String(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        guard !compact.isEmpty else { return nil }
        guard compact.hasPrefix("("), let close = compact.firstIndex(of: ")") else { return compact }
        return compact[...close].uppercased() + compact[compact.index(after: close)...]
    }
}
