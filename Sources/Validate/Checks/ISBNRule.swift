import MARCRecord

/// 020 $a holds a valid ISBN: 10 characters (digits, check character 0-9 or X, mod 11) or 13 digits
/// (978/979, mod 10) at its start, hyphens ignored, a qualifier allowed after it. A $z (cancelled/invalid
/// ISBN) whose number is valid after all is worth a look: a warning.
struct ISBNRule: RecordRule {
    fileprivate static let rule = "marc21.isbn"

    func check(_ c: inout RecordCheck) {
        for (i, entry) in c.record.entries.enumerated() where entry.tag == Tags.t020 {
            for subfield in c.fields[i].subfields where subfield.code == UInt8(ascii: "a") || subfield.code == UInt8(ascii: "z") {
                let at = subfield.value.startIndex - 2
                let number = Self.leadingNumber(subfield.value)
                let isA = subfield.code == UInt8(ascii: "a")
                switch (Self.verdict(number), isA) {
                case (.wrongLength, true):
                    c.add(.error, Self.rule, "$a '\(subfield.value.shown)' does not start with a 10- or 13-digit ISBN",
                        tag: "020", position: "$a", at: at)
                case (.badCheck, true):
                    c.add(.error, Self.rule, "$a ISBN \(String(decoding: number, as: UTF8.self)) has a wrong check digit",
                        tag: "020", position: "$a", at: at)
                case (.valid, false) where number.count == 10 || number.count == 13:
                    c.add(.warning, Self.rule, "$z (cancelled/invalid ISBN) \(String(decoding: number, as: UTF8.self)) "
                        + "has a valid check digit", tag: "020", position: "$z", at: at)
                default: break
                }
                if isA, Self.verdict(number) == .valid {
                    let tail = subfield.value.drop(while: { $0 == UInt8(ascii: " ") }).dropFirst(Self.rawLength(subfield.value))
                    if number.last == UInt8(ascii: "X"), subfield.value.contains(UInt8(ascii: "x")),
                        !subfield.value.contains(UInt8(ascii: "X"))
                    {
                        c.add(.warning, Self.rule, "$a ISBN check character is a lowercase 'x'; write 'X'", tag: "020",
                            position: "$a", at: at)
                    } else if let next = tail.first, next != UInt8(ascii: " ") {
                        c.add(.error, Self.rule, "$a ISBN is followed by '\(tail.shown)' without a blank", tag: "020",
                            position: "$a", at: at)
                    }
                }
            }
        }
    }

    enum Verdict { case valid, wrongLength, badCheck }

    /// The ISBN characters at the start of the subfield: digits and X, hyphens skipped, up to the first
    /// other character (a blank before a qualifier).
    static func leadingNumber(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        for b in value.drop(while: { $0 == UInt8(ascii: " ") }) {
            if ASCII.isDigit(b) || b == UInt8(ascii: "X") || b == UInt8(ascii: "x") {
                out.append(b == UInt8(ascii: "x") ? UInt8(ascii: "X") : b)
            } else if b != UInt8(ascii: "-") {
                break
            }
        }
        return out
    }

    /// Bytes the leading number takes in the subfield, hyphens included (after leading blanks).
    static func rawLength(_ value: ArraySlice<UInt8>) -> Int {
        value.drop(while: { $0 == UInt8(ascii: " ") }).prefix {
            ASCII.isDigit($0) || $0 == UInt8(ascii: "X") || $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "-")
        }.count
    }

    static func verdict(_ n: [UInt8]) -> Verdict {
        let digits = n.map { $0 == UInt8(ascii: "X") ? 10 : Int($0) - 48 }
        if n.count == 10 {
            guard digits.prefix(9).allSatisfy({ $0 < 10 }) else { return .wrongLength }
            let sum = digits.enumerated().reduce(0) { $0 + (10 - $1.offset) * $1.element }
            return sum % 11 == 0 ? .valid : .badCheck
        }
        if n.count == 13 {
            guard digits.allSatisfy({ $0 < 10 }) else { return .wrongLength }
            let sum = digits.enumerated().reduce(0) { $0 + ($1.offset % 2 == 0 ? 1 : 3) * $1.element }
            return sum % 10 == 0 ? .valid : .badCheck
        }
        return .wrongLength
    }
}
