/// A Library of Congress Control Number, normalized as LC specifies ("LCCN normalization", at
/// loc.gov/marc/lccn-namespace.html) and laid out as MARC 21 010 $a wants it.
///
/// Normalization: drop blanks; drop a `/` and all after it; when a hyphen is present, the part after
/// it is left-padded with zeros to six digits and the hyphen dropped. The result is a prefix of up
/// to three letters and 8 digits (two-digit year + serial, before 2001) or 10 digits (four-digit
/// year + serial, from 2001).
public struct LCCN: Sendable, Hashable, CustomStringConvertible {
    /// The alphabetic prefix (`n`, `sh`, `agr`…), possibly empty.
    public let prefix: String
    /// The 8 or 10 digits.
    public let digits: String

    /// The normalized form, `n78890351`, `2001000002`: the match key.
    public var description: String { prefix + digits }

    /// The structured 12-character form of 010 $a: the prefix left-justified in 3 positions, 8 digits
    /// and a blank (`   85000002 `, `n  78890351 `); or the prefix in 2 positions and 10 digits
    /// (`  2001000002`).
    public var structured: String {
        if digits.count == 8 {
            return prefix + String(repeating: " ", count: max(0, 3 - prefix.count)) + digits + " "
        }
        return prefix + String(repeating: " ", count: max(0, 2 - prefix.count)) + digits
    }

    /// True when `bytes` is already an LCCN in the structured form (`   85000002 `, `n  78890351 `,
    /// `  2001000002`), optionally followed by a revision suffix starting with `/`: the lccn rule's
    /// fast path, which avoids building strings for the common case.
    static func isStructured(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 12 else { return false }
        let b = bytes
        let s = b.startIndex
        if b.count > 12 && b[s + 12] != UInt8(ascii: "/") { return false }
        // A prefix: lower-case letters, then blanks, left-justified.
        @inline(__always) func prefixOK(_ end: Int) -> Bool {
            var i = s
            while i < end && b[i] &- 0x61 < 26 { i += 1 }
            while i < end {
                if b[i] != 0x20 { return false }
                i += 1
            }
            return true
        }
        @inline(__always) func digits(_ from: Int, _ to: Int) -> Bool {
            for i in from..<to where b[i] &- 0x30 >= 10 { return false }
            return true
        }
        if b[s + 11] == 0x20 { return prefixOK(s + 3) && digits(s + 3, s + 11) }
        return prefixOK(s + 2) && digits(s + 2, s + 12)
    }

    public init?(_ text: some StringProtocol) {
        var t = String(text).filter { $0 != " " }
        if let slash = t.firstIndex(of: "/") { t = String(t[..<slash]) }
        if let hyphen = t.firstIndex(of: "-") {
            let left = t[..<hyphen]
            let right = t[t.index(after: hyphen)...]
            guard !right.isEmpty, right.count <= 6, right.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            t = String(left) + String(repeating: "0", count: 6 - right.count) + right
        }
        let letters = t.prefix(while: { $0.isASCII && $0.isLetter })
        let rest = t.dropFirst(letters.count)
        guard rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        switch rest.count {
        case 8 where letters.count <= 3, 10 where letters.count <= 2: break
        default: return nil
        }
        prefix = letters.lowercased()
        digits = String(rest)
    }
}
