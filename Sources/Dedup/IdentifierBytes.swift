import Normalize

/// The identifier readers the profile and the union record need, on subfield bytes.
///
/// `OCLCNumber`, `LCCN` and `IdentifierScan` read `Character`s of a `String` through generic entry
/// points, which is most of what a record's identifiers cost. Nearly every identifier is ASCII, and
/// in ASCII every `Character` is one byte (the one exception, CR LF, is neither a digit, a letter, a
/// blank nor a parenthesis, so it fails every test here as both bytes would), `uppercased` and
/// `lowercased` change only letters, and `isNumber` holds for the ten digits alone. So for ASCII
/// these readers give exactly what the `String` ones give; anything else goes to the `String` ones.
enum IdentifierBytes {
    @inline(__always) static func isASCII(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.allSatisfy { $0 < 0x80 } }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { b &- 0x61 < 26 ? b &- 0x20 : b }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b &+ 0x20 : b }

    // MARK: - OCLC

    /// `OCLCNumber(text, requireOrganization:)?.digits`.
    static func oclcDigits(_ bytes: ArraySlice<UInt8>, requireOrganization: Bool = true) -> String? {
        guard isASCII(bytes) else {
            return OCLCNumber(String(decoding: bytes, as: UTF8.self), requireOrganization: requireOrganization)?.digits
        }
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end, bytes[i] == 0x20 { i += 1 }
        var hadOrganization = false
        if i < end, bytes[i] == UInt8(ascii: "(") {
            guard let close = bytes[i..<end].firstIndex(of: UInt8(ascii: ")")) else { return nil }
            let org = bytes[(i + 1)..<close]
            guard equalsUpperCased(org, oclcCode) || equalsUpperCased(org, oclcShortCode) else { return nil }
            hadOrganization = true
            i = close + 1
            while i < end, bytes[i] == 0x20 { i += 1 }
        }
        var hadPrefix = false
        for p in oclcPrefixes where startsLowerCased(bytes[i..<end], with: p) {
            i += p.count
            while i < end, bytes[i] == 0x20 { i += 1 }
            hadPrefix = true
            break
        }
        guard hadOrganization || hadPrefix || !requireOrganization else { return nil }
        var last = end
        while last > i, bytes[last - 1] == 0x20 { last -= 1 }
        let number = bytes[i..<last]
        guard !number.isEmpty, number.allSatisfy(isDigit) else { return nil }
        let stripped = number.drop { $0 == UInt8(ascii: "0") }
        guard !stripped.isEmpty else { return nil }
        return String(decoding: stripped, as: UTF8.self)
    }

    static let oclcCode = Array("OCOLC".utf8), oclcShortCode = Array("OCLC".utf8)
    private static let oclcPrefixes = [Array("ocm".utf8), Array("ocn".utf8), Array("on".utf8)]

    static func equalsUpperCased(_ bytes: ArraySlice<UInt8>, _ upperCase: [UInt8]) -> Bool {
        bytes.count == upperCase.count && zip(bytes, upperCase).allSatisfy { upper($0) == $1 }
    }

    static func startsLowerCased(_ bytes: ArraySlice<UInt8>, with lowerCase: [UInt8]) -> Bool {
        bytes.count >= lowerCase.count && zip(bytes, lowerCase).allSatisfy { lower($0) == $1 }
    }

    // MARK: - LCCN

    /// `LCCN(text)?.description`.
    static func lccn(_ bytes: ArraySlice<UInt8>) -> String? {
        guard isASCII(bytes) else { return LCCN(String(decoding: bytes, as: UTF8.self))?.description }
        var t: [UInt8] = []
        t.reserveCapacity(bytes.count + 6)
        for b in bytes where b != 0x20 {
            if b == UInt8(ascii: "/") { break }
            t.append(b)
        }
        if let hyphen = t.firstIndex(of: UInt8(ascii: "-")) {
            let right = t[(hyphen + 1)...]
            guard !right.isEmpty, right.count <= 6, right.allSatisfy(isDigit) else { return nil }
            t = Array(t[..<hyphen]) + [UInt8](repeating: UInt8(ascii: "0"), count: 6 - right.count) + right
        }
        let letters = t.prefix(while: isLetter)
        let rest = t.dropFirst(letters.count)
        guard rest.allSatisfy(isDigit) else { return nil }
        switch rest.count {
        case 8 where letters.count <= 3, 10 where letters.count <= 2: break
        default: return nil
        }
        return String(decoding: letters.map(lower) + rest, as: UTF8.self)
    }

    // MARK: - ISBN

    /// The ISBN-13 of every valid ISBN in one 020 $a, as `ProfileBuilder.isbns(in:)` reads them with
    /// `IdentifierScan.scan` (at most eight numbers).
    static func isbn13s(_ bytes: ArraySlice<UInt8>, _ found: (String) -> Void) -> Bool {
        guard isASCII(bytes) else { return false }
        var rest: ArraySlice<UInt8>? = bytes
        var guardCount = 0
        var number: [UInt8] = []
        while let t = rest, guardCount < 8 {
            guardCount += 1
            number.removeAll(keepingCapacity: true)
            let after = scanNumber(t, into: &number)
            if let isbn = ISBN(bytes: number[...]) { found(isbn.isbn13) }
            rest = following(after)
        }
        return true
    }

    /// `IdentifierScan.scanNumber` (13 digits at most): the number at the start (blanks skipped,
    /// separators dropped, `x` upper-cased) appended to `out`; returns the bytes after it.
    static func scanNumber(_ b: ArraySlice<UInt8>, into out: inout [UInt8]) -> ArraySlice<UInt8> {
        var i = b.startIndex
        while i < b.endIndex, b[i] == 0x20 { i += 1 }
        var end = i
        while end < b.endIndex, out.count < 13 {
            let c = b[end]
            if isDigit(c) {
                out.append(c)
            } else if c == UInt8(ascii: "X") || c == UInt8(ascii: "x") {
                out.append(UInt8(ascii: "X"))
                end += 1
                break
            } else if c == 0x20, out.count == 10, ISBN(bytes: out[...])?.isbn10 != nil {
                break  // a complete, valid ISBN-10, then another number
            } else if c == UInt8(ascii: "-") || c == 0x20 {
                guard !out.isEmpty, end + 1 < b.endIndex, isDigit(b[end + 1]) || b[end + 1] == UInt8(ascii: "X")
                else { break }
            } else {
                break
            }
            end += 1
        }
        return b[end...]
    }

    /// `IdentifierScan`'s `following`: the text after a number when it starts another number.
    static func following(_ rest: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let text = rest.drop { $0 == 0x20 }
        if let first = text.first, first == UInt8(ascii: ";") || first == UInt8(ascii: "/") || first == UInt8(ascii: ",") {
            let after = text.dropFirst().drop { $0 == 0x20 }
            if startsWithNumber(after) { return after }
        }
        return startsWithNumber(text) ? text : nil
    }

    /// Eight or more digits among the first ten bytes.
    static func startsWithNumber(_ text: ArraySlice<UInt8>) -> Bool {
        var digits = 0
        for b in text.prefix(10) where isDigit(b) { digits += 1 }
        return digits >= 8
    }
}
