/// What an identifier subfield holds once the number is separated from what follows it:
/// `0-19-852663-6 (pbk. ; alk. paper) :` → number `0198526636`, qualifiers `pbk.`, `alk. paper`.
public struct IdentifierScan: Sendable, Hashable {
    /// The number's characters with hyphens and blanks removed (`X` upper-cased); empty when the
    /// text does not start with one.
    public var number: String
    /// Qualifiers found after the number, without their parentheses and ISBD punctuation.
    public var qualifiers: [String]
    /// Text after the number that starts another number (`9789791234567; 9789797654321`): several
    /// identifiers packed into one subfield, as INLISLite 3.3 writes all of a title's ISBNs.
    public var following: String?

    /// Reads `text`: blanks, then a run of digits, `X`, hyphens and single blanks between digits
    /// (`979 3062 79 7`), then the rest as qualifiers. `maxDigits` stops the run at a number's length
    /// so that `0198526636 9780198526637` splits in two.
    public static func scan(_ text: some StringProtocol, maxDigits: Int = 13) -> IdentifierScan {
        let b = Array(text.utf8)[...]
        let (number, rest) = scanNumber(b, maxDigits: maxDigits)
        var scan = IdentifierScan(number: String(decoding: number, as: UTF8.self), qualifiers: [], following: nil)
        scan.splitRest(rest)
        return scan
    }

    /// The number at the start of `b` (blanks skipped, separators dropped, `x` upper-cased) and the
    /// bytes after it.
    static func scanNumber(_ b: ArraySlice<UInt8>, maxDigits: Int = 13) -> (number: [UInt8], rest: ArraySlice<UInt8>) {
        var number: [UInt8] = []
        let rest = scanNumber(b, maxDigits: maxDigits, appendingTo: &number)
        return (number, rest)
    }

    /// The same, appending the number's characters to `out` (the isbn rule writes them straight into the
    /// new field); returns the bytes after the number.
    static func scanNumber(_ b: ArraySlice<UInt8>, maxDigits: Int = 13, appendingTo out: inout [UInt8]) -> ArraySlice<UInt8> {
        var i = b.startIndex
        while i < b.endIndex, b[i] == 0x20 { i += 1 }
        let first = out.count
        var end = i
        while end < b.endIndex, out.count - first < maxDigits {
            let c = b[end]
            if ISBN.isDigit(c) {
                out.append(c)
            } else if c == UInt8(ascii: "X") || c == UInt8(ascii: "x") {
                out.append(UInt8(ascii: "X"))
                end += 1
                break  // a check character ends the number
            } else if c == 0x20, out.count - first == 10, ISBN.isValid10(out[first...]) {
                break  // `0198526636 9780198526637`: a complete ISBN-10, then another number
            } else if c == UInt8(ascii: "-") || c == 0x20 {
                // A separator only counts when a digit follows it.
                guard out.count > first, end + 1 < b.endIndex, ISBN.isDigit(b[end + 1]) || b[end + 1] == UInt8(ascii: "X")
                else { break }
            } else {
                break
            }
            end += 1
        }
        return b[end...]
    }

    /// True when the text after a number starts another one (`; 978…`, ` 978…`).
    static func startsAnotherNumber(_ rest: ArraySlice<UInt8>) -> Bool {
        var text = rest.drop(while: { $0 == 0x20 })
        if let first = text.first, first == UInt8(ascii: ";") || first == UInt8(ascii: "/") || first == UInt8(ascii: ",") {
            text = text.dropFirst().drop(while: { $0 == 0x20 })
        }
        return startsWithNumber(text)
    }

    /// Eight or more digits among the first ten bytes: a number, not a qualifier.
    @inline(__always)
    static func startsWithNumber(_ text: ArraySlice<UInt8>) -> Bool {
        var digits = 0
        for b in text.prefix(10) where ISBN.isDigit(b) { digits += 1 }
        return digits >= 8
    }

    // The rest is read as bytes: ISBD punctuation and parentheses are ASCII, and everything else is
    // copied through untouched, so no `Character` (grapheme) work is needed.

    private mutating func splitRest(_ rest: ArraySlice<UInt8>) {
        var text = rest.drop(while: { $0 == 0x20 })
        // Another identifier after a separator: `; 978…`, `/ 978…`, `, 978…`.
        if let first = text.first, first == UInt8(ascii: ";") || first == UInt8(ascii: "/") || first == UInt8(ascii: ",") {
            let after = text.dropFirst().drop(while: { $0 == 0x20 })
            if IdentifierScan.startsWithNumber(after) {
                following = String(decoding: after, as: UTF8.self)
                return
            }
        }
        if IdentifierScan.startsWithNumber(text) {
            following = String(decoding: text, as: UTF8.self)
            return
        }
        text = text[...]
        qualifiers = IdentifierScan.qualifiers(inBytes: text)
    }

    /// `(pbk. ; alk. paper) :` → [`pbk.`, `alk. paper`]; `pbk.` → [`pbk.`]. ISBD punctuation that only
    /// announced the next subfield (` :`, ` ;`) goes.
    static func qualifiers(in text: Substring) -> [String] { qualifiers(inBytes: Array(text.utf8)[...]) }

    static func qualifiers(inBytes text: ArraySlice<UInt8>) -> [String] {
        qualifierBytes(text).map { String(decoding: $0, as: UTF8.self) }
    }

    static func qualifierBytes(_ text: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        forEachQualifier(text) { out.append($0) }
        return out
    }

    /// Calls `body` with each qualifier of `text` in order (what `qualifierBytes` returns, without the
    /// array: the isbn rule writes each one straight into its field).
    static func forEachQualifier(_ text: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>) -> Void) {
        let open = UInt8(ascii: "("), close = UInt8(ascii: ")")
        var t = text
        while !t.isEmpty {
            t = t.drop(while: { $0 == 0x20 || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",") })
            guard let first = t.first else { break }
            if first == open {
                let inside = t.dropFirst()
                let end = inside.firstIndex(of: close) ?? inside.endIndex
                // `(pbk. : alk. paper)`: ISBD separates qualifiers with ` : ` or ` ; ` inside the parentheses.
                var from = inside.startIndex
                for i in inside.startIndex..<end where inside[i] == UInt8(ascii: ";") || inside[i] == UInt8(ascii: ":") {
                    qualifier(inside[from..<i], body)
                    from = i + 1
                }
                qualifier(inside[from..<end], body)
                t = end < inside.endIndex ? inside[(end + 1)...] : inside[end...]
            } else {
                let stop = t.firstIndex(of: open) ?? t.endIndex
                qualifier(t[..<stop], body)
                t = t[stop...]
            }
        }
    }

    /// A piece between separators, trimmed; passed on only when it holds a letter or digit (an empty piece
    /// never does, which is why splitting here need not drop empty pieces first).
    private static func qualifier(_ piece: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>) -> Void) {
        var p = piece.drop(while: { $0 == 0x20 })
        while let last = p.last, last == 0x20 || last == UInt8(ascii: ":") || last == UInt8(ascii: ";") || last == UInt8(ascii: ",") {
            p = p.dropLast()
        }
        // A lone full stop or bracket is punctuation left over, not a qualifier: keep pieces with a letter
        // or digit (any byte of a multi-byte UTF-8 character counts as a letter here).
        if p.contains(where: { ISBN.isDigit($0) || ($0 | 0x20) &- 0x61 < 26 || $0 >= 0x80 }) {
            body(p)
        }
    }
}
