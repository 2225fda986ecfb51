/// An OCLC record number as found in 035 (`(OCoLC)ocm00012345`, `(OCoLC)on1234567890`,
/// `ocn123456789`) and 019: the digits without prefix or leading zeros.
public struct OCLCNumber: Sendable, Hashable, CustomStringConvertible {
    public let digits: String

    /// `(OCoLC)12345`, the form 035 $a should carry.
    public var description: String { "(OCoLC)" + digits }

    /// True when `bytes` is already `(OCoLC)` and digits without leading zeros, or is clearly not an
    /// OCLC number at all (another organization's code in parentheses): the oclc rule's fast path.
    static func needsNoChange(_ bytes: ArraySlice<UInt8>) -> Bool {
        if ByteText.hasPrefix(bytes, "(OCoLC)") {
            let number = bytes.dropFirst(7)
            guard let first = number.first, first != UInt8(ascii: "0") else { return false }
            return number.allSatisfy(ByteText.isDigit)
        }
        guard bytes.first == UInt8(ascii: "(") else { return false }
        // `(DLC)…`, `(IdJaUI)…`: only OCoLC and OCLC in any case are OCLC's codes.
        guard let close = bytes.firstIndex(of: UInt8(ascii: ")")) else { return true }
        let org = bytes[(bytes.startIndex + 1)..<close].map { $0 | 0x20 }
        return org != Array("ocolc".utf8) && org != Array("oclc".utf8)
    }

    /// Reads an 035 value. With `requireOrganization`, text without the `(OCoLC)` code is accepted
    /// only when it carries one of OCLC's own prefixes (`ocm`, `ocn`, `on`), so that another
    /// library's bare local number is never taken for an OCLC number.
    public init?(_ text: some StringProtocol, requireOrganization: Bool = true) {
        var t = Substring(text).drop(while: { $0 == " " })
        var hadOrganization = false
        if t.hasPrefix("(") {
            guard let close = t.firstIndex(of: ")") else { return nil }
            let org = t[t.index(after: t.startIndex)..<close].uppercased()
            guard org == "OCOLC" || org == "OCLC" else { return nil }
            hadOrganization = true
            t = t[t.index(after: close)...].drop(while: { $0 == " " })
        }
        var hadPrefix = false
        for p in ["ocm", "ocn", "on"] where t.lowercased().hasPrefix(p) {
            t = t.dropFirst(p.count).drop(while: { $0 == " " })
            hadPrefix = true
            break
        }
        guard hadOrganization || hadPrefix || !requireOrganization else { return nil }
        while let last = t.last, last == " " { t = t.dropLast() }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let stripped = t.drop(while: { $0 == "0" })
        guard !stripped.isEmpty else { return nil }
        digits = String(stripped)
    }
}
