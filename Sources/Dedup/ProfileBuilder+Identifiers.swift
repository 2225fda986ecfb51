import MARCRecord
import Normalize

extension ProfileBuilder {
    /// Identifier keys of one 010/015/016/019/020/022/024/035 field (docs/dedup.md §2).
    mutating func identifierField(_ field: Field) {
        let tag = field.tag.rawValue
        switch tag {
        case T.t010:
            for s in field.subfields where s.code == UInt8(ascii: "a") {
                if let lccn = IdentifierBytes.lccn(s.value) { identifiers.append(MatchKey(.lccn, lccn)) }
            }
        case T.t015, T.t016:
            let source = field.value("2").map { $0.trimmingBlanks }
            // 016 with a blank first indicator is Library and Archives Canada's number.
            let agency = source ?? (tag == T.t016 && field.indicator1 == 0x20 ? "CaOONL" : nil)
            guard let agency, !agency.isEmpty else { return }
            for s in field.subfields where s.code == UInt8(ascii: "a") {
                let number = Self.compactNumber(s.string)
                if !number.isEmpty { identifiers.append(MatchKey(.nbn, "(\(agency))\(number)")) }
            }
        case T.t019:
            for s in field.subfields where s.code == UInt8(ascii: "a") {
                if let n = IdentifierBytes.oclcDigits(s.value, requireOrganization: false) {
                    identifiers.append(MatchKey(.oclc, n))
                }
            }
        case T.t035:
            for s in field.subfields where s.code == UInt8(ascii: "a") {
                if let n = IdentifierBytes.oclcDigits(s.value) { identifiers.append(MatchKey(.oclc, n)) }
            }
        case T.t020:
            // $z (cancelled or invalid) is never a key: publishers' misprints would join strangers.
            for s in field.subfields where s.code == UInt8(ascii: "a") {
                let read = IdentifierBytes.isbn13s(s.value) { identifiers.append(MatchKey(.isbn, $0)) }
                if !read { isbns(in: s.string) }
            }
        case T.t022:
            for s in field.subfields where s.code == UInt8(ascii: "a") {
                if let issn = ISSN(s.string) { identifiers.append(MatchKey(.issn, issn.description)) }
            }
        case T.t024:
            let type: String?
            switch field.indicator1 {
            case UInt8(ascii: "0"): type = "isrc"
            case UInt8(ascii: "1"): type = "upc"
            case UInt8(ascii: "2"): type = "ismn"
            case UInt8(ascii: "3"): type = "ean"
            case UInt8(ascii: "4"): type = "sici"
            case UInt8(ascii: "7"): type = field.value("2")?.trimmingBlanks.lowercased()
            default: type = nil  // 8: unspecified, which cannot be compared across records
            }
            guard let type, !type.isEmpty else { return }
            for s in field.subfields where s.code == UInt8(ascii: "a") {
                let number = Self.compactNumber(s.string)
                if !number.isEmpty { identifiers.append(MatchKey(.standard, "(\(type))\(number)")) }
            }
        default:
            return
        }
    }

    /// Every valid ISBN in one 020 $a, as ISBN-13; INLISLite packs several into one subfield.
    private mutating func isbns(in text: String) {
        var rest: String? = text
        var guardCount = 0
        while let t = rest, guardCount < 8 {
            guardCount += 1
            let scan = IdentifierScan.scan(t)
            if let isbn = ISBN(digits: scan.number) { identifiers.append(MatchKey(.isbn, isbn.isbn13)) }
            rest = scan.following
        }
    }

    /// A standard number without blanks, hyphens and trailing qualifiers, upper-cased:
    /// `B 2019-12345 (pbk.)` → `B201912345`.
    static func compactNumber(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "(" || c == ":" || c == ";" { break }
            if c == " " || c == "-" || c == "." { continue }
            out.append(contentsOf: c.uppercased())
        }
        return out
    }
}
