/// An International Standard Book Number, checked and in both of its forms.
///
/// `ISBN.scan` reads the way cataloguers and systems actually write 020 $a: hyphens or blanks
/// between the digit groups, a qualifier after the number (`0-19-852663-6 (pbk.)`,
/// `979-8000-00-X (jil. 1)`), a 9-digit SBN from before 1970, ISBD punctuation left at the end.
public struct ISBN: Sendable, Hashable, CustomStringConvertible {
    /// The ISBN-13 digits (13 ASCII digits). Every valid ISBN has one; ISBN-10s get `978` in front.
    public let isbn13: String
    /// The ISBN-10 digits (the last may be `X`) when the number has a 10-digit form: it was written
    /// as one, or it is an ISBN-13 with the `978` prefix. `979` ISBN-13s have none.
    public let isbn10: String?

    public var description: String { isbn13 }

    /// A checked ISBN from exactly its digits (no hyphens): 10 characters (last may be `X`), 13
    /// digits starting 978 or 979, or a 9-digit SBN (read as the ISBN-10 with a leading 0).
    ///
    /// Ten digits are always an ISBN-10, even when they start `979`: Indonesia's ISBN-10 group
    /// identifier is 979, so `9799791234` is an Indonesian ISBN-10 whose ISBN-13 is `978979123…`,
    /// not the start of a 979 ISBN-13.
    public init?(digits: some StringProtocol) { self.init(bytes: Array(digits.utf8)[...]) }

    /// The same from ASCII bytes.
    public init?(bytes: ArraySlice<UInt8>) {
        var d = Array(bytes)
        if d.count == 9 { d.insert(UInt8(ascii: "0"), at: 0) }
        switch d.count {
        case 10:
            guard ISBN.isValid10(d) else { return nil }
            isbn10 = String(decoding: d, as: UTF8.self)
            isbn13 = ISBN.thirteen(from: d)
        case 13:
            guard ISBN.isValid13(d) else { return nil }
            isbn13 = String(decoding: d, as: UTF8.self)
            if d.starts(with: Array("978".utf8)) {
                var ten = Array(d[3..<12])
                ten.append(ISBN.check10(ten))
                isbn10 = String(decoding: ten, as: UTF8.self)
            } else {
                isbn10 = nil
            }
        default:
            return nil
        }
    }

    /// True when `bytes` is exactly a valid ISBN-10 or ISBN-13 as the rule writes it: digits only
    /// (and a final `X`), nothing around them. The fast path of the isbn rule.
    static func isCanonical(_ bytes: ArraySlice<UInt8>) -> Bool {
        switch bytes.count {
        case 10: return isValid10(bytes)
        case 13: return isValid13(bytes)
        default: return false
        }
    }

    // MARK: - Check digits

    static func isValid10<C: Collection<UInt8>>(_ d: C) -> Bool where C.Index == Int {
        guard d.count == 10 else { return false }
        let s = d.startIndex
        for i in s..<(s + 9) where !isDigit(d[i]) { return false }
        let last = d[s + 9]
        guard isDigit(last) || last == UInt8(ascii: "X") else { return false }
        return check10(d[s..<(s + 9)]) == last
    }

    static func isValid13<C: Collection<UInt8>>(_ d: C) -> Bool where C.Index == Int {
        guard d.count == 13, d.allSatisfy(isDigit) else { return false }
        let s = d.startIndex
        guard d[s] == UInt8(ascii: "9"), d[s + 1] == UInt8(ascii: "7"),
              d[s + 2] == UInt8(ascii: "8") || d[s + 2] == UInt8(ascii: "9")
        else { return false }
        return check13(d[s..<(s + 12)]) == d[s + 12]
    }

    /// The ISBN-10 check character for nine digits: weights 10 down to 2, modulo 11, 10 written `X`.
    static func check10(_ nine: some Collection<UInt8>) -> UInt8 {
        var sum = 0
        for (i, b) in nine.enumerated() { sum += (10 - i) * Int(b &- 0x30) }
        let c = (11 - sum % 11) % 11
        return c == 10 ? UInt8(ascii: "X") : UInt8(0x30 + c)
    }

    /// The ISBN-13 (EAN-13) check digit for twelve digits: weights 1 and 3 alternating, modulo 10.
    static func check13(_ twelve: some Collection<UInt8>) -> UInt8 {
        var sum = 0
        for (i, b) in twelve.enumerated() { sum += (i % 2 == 0 ? 1 : 3) * Int(b &- 0x30) }
        return UInt8(0x30 + (10 - sum % 10) % 10)
    }

    static func thirteen(from ten: [UInt8]) -> String {
        var d = Array("978".utf8) + ten[0..<9]
        d.append(check13(d))
        return String(decoding: d, as: UTF8.self)
    }

    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
}
