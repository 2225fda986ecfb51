/// A set of ASCII bytes as two 64-bit masks: the rule tables' "which values may stand here", checked
/// with a shift and an AND per byte.
struct ByteSet: Sendable, Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    /// From a table cell: each character is a member, `#` is blank, `x-y` a range.
    init(tableCell: Substring) {
        let bytes = Array(tableCell.utf8)
        var i = 0
        while i < bytes.count {
            if i + 2 < bytes.count && bytes[i + 1] == UInt8(ascii: "-") {
                for b in bytes[i]...bytes[i + 2] { insert(b) }
                i += 3
            } else {
                insert(bytes[i] == UInt8(ascii: "#") ? UInt8(ascii: " ") : bytes[i])
                i += 1
            }
        }
    }

    mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte &- 64)) != 0
    }

    var isEmpty: Bool { low == 0 && high == 0 }

    /// The members for a message: `blank, 0, 1`, ranges of digits and letters folded (`0-9`).
    var description: String {
        var parts: [String] = []
        var b = 0
        while b < 128 {
            guard contains(UInt8(b)) else { b += 1; continue }
            var end = b
            let isAlnum = (48...57).contains(b) || (97...122).contains(b)
            while isAlnum && end + 1 < 128 && contains(UInt8(end + 1))
                && ((48...57).contains(b) ? (48...57).contains(end + 1) : (97...122).contains(end + 1)) { end += 1 }
            if end - b >= 2 {
                parts.append("\(Character(Unicode.Scalar(UInt8(b))))-\(Character(Unicode.Scalar(UInt8(end))))")
            } else {
                for c in b...end { parts.append(c == 32 ? "blank" : String(Character(Unicode.Scalar(UInt8(c))))) }
            }
            b = end + 1
        }
        return parts.joined(separator: ", ")
    }
}
