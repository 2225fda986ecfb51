/// An International Standard Serial Number: seven digits and a check character, written `NNNN-NNNC`.
public struct ISSN: Sendable, Hashable, CustomStringConvertible {
    /// The eight characters without the hyphen (the last may be `X`).
    public let digits: String

    /// The form MARC 21 records it in 022 $a: `0317-8471`.
    public var description: String {
        let d = Array(digits)
        return String(d[0..<4]) + "-" + String(d[4..<8])
    }

    /// A checked ISSN from text such as `0317-8471`, `0317 8471`, `03178471` or `ISSN 0317-847X`.
    public init?(_ text: some StringProtocol) {
        var t = Substring(text).drop(while: { $0 == " " })
        if t.uppercased().hasPrefix("ISSN") { t = t.dropFirst(4).drop(while: { $0 == " " || $0 == ":" }) }
        guard let d = ISSN.digits(t) else { return nil }
        self.digits = d
    }

    /// The eight characters of an ISSN at the start of `text`, whatever follows, when they check.
    static func digits(_ text: Substring) -> String? {
        var d: [UInt8] = []
        var sawHyphen = false
        for b in text.utf8 {
            if d.count == 8 { break }
            if ISBN.isDigit(b) {
                d.append(b)
            } else if (b == UInt8(ascii: "X") || b == UInt8(ascii: "x")) && d.count == 7 {
                d.append(UInt8(ascii: "X"))
            } else if (b == UInt8(ascii: "-") || b == 0x20) && d.count == 4 && !sawHyphen {
                sawHyphen = true
            } else {
                return nil
            }
        }
        guard d.count == 8, check(Array(d[0..<7])) == d[7] else { return nil }
        return String(decoding: d, as: UTF8.self)
    }

    /// Weights 8 down to 2, modulo 11, 10 written `X`.
    static func check(_ seven: [UInt8]) -> UInt8 {
        var sum = 0
        for (i, b) in seven.enumerated() { sum += (8 - i) * Int(b - 0x30) }
        let c = (11 - sum % 11) % 11
        return c == 10 ? UInt8(ascii: "X") : UInt8(0x30 + c)
    }

    /// True when `bytes` starts with an ISSN written as MARC wants it, `NNNN-NNNC`, whose check
    /// digit holds, and either ends there or goes on with a blank (`0317-8471 (Print)`).
    static func isCanonical(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 9 else { return false }
        let b = Array(bytes.prefix(9))
        guard b[4] == UInt8(ascii: "-"), b[0..<4].allSatisfy(ISBN.isDigit), b[5..<8].allSatisfy(ISBN.isDigit),
              ISBN.isDigit(b[8]) || b[8] == UInt8(ascii: "X")
        else { return false }
        if bytes.count > 9 && bytes[bytes.startIndex + 9] != 0x20 { return false }
        return check(Array(b[0..<4] + b[5..<8])) == b[8]
    }

    /// Byte-level pre-check for `looksLikeISSN`: an ISSN has at most 8 digits before anything else,
    /// so text with nine or more digits in its first run (every ISBN) is rejected without strings.
    static func mayBeISSN(_ bytes: ArraySlice<UInt8>) -> Bool {
        var digits = 0
        for b in bytes {
            if ISBN.isDigit(b) || b == UInt8(ascii: "X") || b == UInt8(ascii: "x") {
                digits += 1
                if digits > 8 { return false }
            } else if b != UInt8(ascii: "-") && b != 0x20 {
                break
            }
        }
        return digits >= 7
    }

    /// True when `text` is shaped like an ISSN (`NNNN-NNNC`, hyphen optional) and nothing more than a
    /// qualifier follows: what the ISBN rule must not mistake for a broken ISBN.
    public static func looksLikeISSN(_ text: some StringProtocol) -> Bool {
        let t = Substring(text).drop(while: { $0 == " " })
        let head = t.prefix(9)
        let digitCount = head.filter { $0.isASCII && $0.isNumber }.count
        guard digitCount >= 7, ISSN.digits(t) != nil else { return false }
        // Ten or more digits in a row would be an ISBN.
        let run = t.prefix(while: { $0.isNumber || $0 == "-" || $0 == " " || $0 == "X" || $0 == "x" })
        return run.filter(\.isNumber).count <= 8
    }
}
