import MARCRecord

/// Checks a fixed field's positions against rows of the 008 table; shared by the 008 and 006 rules. Country
/// and language positions are left to their own rules.
enum FixedPositions {
    /// - Parameters:
    ///   - content: the field's bytes; position p of the table is `content[start + p - shift]`.
    ///   - shift: 0 for 008, 17 for 006 (006/01 is 008/18).
    static func check(
        _ content: ArraySlice<UInt8>, _ rows: [FixedPosition], shift: Int, tag: String, rule: String,
        _ c: inout RecordCheck
    ) {
        for row in rows {
            let first = row.start - shift
            guard first >= 0, first + row.length <= content.count else { continue }
            let at = content.startIndex + first
            let bytes = content[at..<at + row.length]
            let valid: Bool
            switch row.check {
            case .set(let allowed): valid = bytes.allSatisfy(allowed.contains)
            case .date:
                // Type of date 'b' (no dates given; B.C. dates) leaves Date 1 blank.
                valid = isDate(bytes, blankAllowed: shift == 0 && content[content.startIndex + 6] == UInt8(ascii: "b"))
            case .date2: valid = isDate(bytes, blankAllowed: true)
            case .entered: valid = bytes.allSatisfy(ASCII.isDigit) || bytes.allSatisfy({ $0 == UInt8(ascii: "|") })
            case .runtime:
                valid = bytes.allSatisfy(ASCII.isDigit) || bytes.elementsEqual("---".utf8)
                    || bytes.elementsEqual("nnn".utf8) || bytes.elementsEqual("|||".utf8)
            case .codes(let codes): valid = codes.contains(String(decoding: bytes, as: UTF8.self))
            case .country, .language: continue
            }
            if !valid {
                let position = "/" + String(row.start - shift).leftPadded(2)
                    + (row.length > 1 ? "-" + String(row.start - shift + row.length - 1).leftPadded(2) : "")
                c.add(.warning, rule, "\(row.name): '\(bytes.shown)' is not a defined value", tag: tag,
                    position: position, at: at)
            }
        }
    }

    /// Four characters of a year: digits, `u` for unknown digits, all `|`, or (Date 2) all blank.
    private static func isDate(_ bytes: ArraySlice<UInt8>, blankAllowed: Bool) -> Bool {
        if bytes.allSatisfy({ $0 == UInt8(ascii: "|") }) { return true }
        if blankAllowed && bytes.allSatisfy({ $0 == UInt8(ascii: " ") }) { return true }
        return bytes.allSatisfy { ASCII.isDigit($0) || $0 == UInt8(ascii: "u") }
    }
}
