import MARCRecord

/// 022 $a (ISSN) and $l (ISSN-L) are `NNNN-NNNC` with a mod-11 check character (0-9 or X).
struct ISSNRule: RecordRule {
    fileprivate static let rule = "marc21.issn"

    func check(_ c: inout RecordCheck) {
        for (i, entry) in c.record.entries.enumerated() where entry.tag == Tags.t022 {
            for subfield in c.fields[i].subfields where subfield.code == UInt8(ascii: "a") || subfield.code == UInt8(ascii: "l") {
                let code = "$" + String(Character(Unicode.Scalar(subfield.code)))
                let value = Array(subfield.value.drop(while: { $0 == UInt8(ascii: " ") }).prefix(9))
                guard value.count == 9, value[4] == UInt8(ascii: "-"),
                    value[0..<4].allSatisfy(ASCII.isDigit), value[5..<8].allSatisfy(ASCII.isDigit),
                    ASCII.isDigit(value[8]) || value[8] == UInt8(ascii: "X")
                else {
                    c.add(.error, Self.rule, "\(code) '\(subfield.value.shown)' is not an ISSN (NNNN-NNNC)", tag: "022",
                        position: code, at: subfield.value.startIndex - 2)
                    continue
                }
                let digits = (value[0..<4] + value[5..<9]).map { $0 == UInt8(ascii: "X") ? 10 : Int($0) - 48 }
                let sum = digits.enumerated().reduce(0) { $0 + (8 - $1.offset) * $1.element }
                if sum % 11 != 0 {
                    c.add(.error, Self.rule, "\(code) ISSN \(String(decoding: value, as: UTF8.self)) has a wrong check "
                        + "character", tag: "022", position: code, at: subfield.value.startIndex - 2)
                }
            }
        }
    }
}
