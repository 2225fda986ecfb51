/// Byte values that structure MARC data, named once so parsers read like the specification.
@usableFromInline
package enum ASCII {
    /// ISO 2709 subfield delimiter (IS1).
    @inlinable package static var subfieldDelimiter: UInt8 { 0x1F }
    /// ISO 2709 field terminator (IS2).
    @inlinable package static var fieldTerminator: UInt8 { 0x1E }
    /// ISO 2709 record terminator (IS3).
    @inlinable package static var recordTerminator: UInt8 { 0x1D }
    @inlinable package static var space: UInt8 { 0x20 }
    @inlinable package static var zero: UInt8 { 0x30 }
    @inlinable package static var nine: UInt8 { 0x39 }
    @inlinable package static var lowerA: UInt8 { 0x61 }
    @inlinable package static var lowerZ: UInt8 { 0x7A }
    @inlinable package static var upperA: UInt8 { 0x41 }
    @inlinable package static var upperZ: UInt8 { 0x5A }
    @inlinable package static var verticalBar: UInt8 { 0x7C }

    @inlinable @inline(__always) package static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }
    @inlinable @inline(__always) package static func isLower(_ byte: UInt8) -> Bool { byte &- lowerA < 26 }
    @inlinable @inline(__always) package static func isUpper(_ byte: UInt8) -> Bool { byte &- upperA < 26 }
    @inlinable @inline(__always) package static func isGraphic(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    /// Parses `count` ASCII digits starting at `offset`; `nil` when any byte is not a digit.
    @inlinable @inline(__always)
    package static func decimal(_ base: UnsafePointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        var value = 0
        for i in 0..<count {
            let d = base[offset + i] &- zero
            if d > 9 { return nil }
            value = value &* 10 &+ Int(d)
        }
        return value
    }

    /// A printable rendering of bytes for messages: ASCII graphic characters as they are, everything
    /// else as `\xHH`, so a finding shows exactly which bytes were found.
    package static func escaped(_ bytes: some Sequence<UInt8>, limit: Int = 40) -> String {
        var out = ""
        var n = 0
        for b in bytes {
            if n == limit { out += "…"; break }
            if b >= 0x20 && b < 0x7F && b != 0x5C {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "\\x" + String(b, radix: 16, uppercase: true).leftPadded(to: 2, with: "0")
            }
            n += 1
        }
        return out
    }
}

extension String {
    package func leftPadded(to width: Int, with pad: Character) -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
