/// The bytes the JSON and `.mrk` scanners look for, kept in this module so the optimizer folds them into the
/// loops (the ISO 2709 module measured calls into another module's constants as a third of its parse time).
enum TextByte {
    static let subfieldDelimiter: UInt8 = 0x1F
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let quote: UInt8 = 0x22
    static let dollar: UInt8 = 0x24
    static let comma: UInt8 = 0x2C
    static let colon: UInt8 = 0x3A
    static let equals: UInt8 = 0x3D
    static let hash: UInt8 = 0x23
    static let backslash: UInt8 = 0x5C
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool {
        b &- 0x30 < 10 || b &- 0x61 < 26 || b &- 0x41 < 26
    }
    @inline(__always) static func isJSONWhitespace(_ b: UInt8) -> Bool {
        b == space || b == lineFeed || b == carriageReturn || b == tab
    }

    /// The value of an ASCII hex digit, or `nil`.
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x41...0x46: UInt32(b - 0x41 + 10)
        case 0x61...0x66: UInt32(b - 0x61 + 10)
        default: nil
        }
    }

    /// The leader a record without one gets: only the positions the structure fixes (length, indicator and
    /// code counts, base address, entry map) are filled, so no type or status is invented.
    static let blankLeader: [UInt8] = Array("00000     2200000   4500".utf8)

    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Appends the UTF-8 encoding of a scalar value (the caller has checked it is one).
    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(0xC0 | UInt8(scalar >> 6))
            out.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(0xE0 | UInt8(scalar >> 12))
            out.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            out.append(0x80 | UInt8(scalar & 0x3F))
        default:
            out.append(0xF0 | UInt8(scalar >> 18))
            out.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            out.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            out.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Length of the well-formed UTF-8 sequence that starts at `p[i]` (a byte ≥ 0x80), or 0 when the bytes
    /// there are not one (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
    @inline(__always)
    static func utf8SequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        @inline(__always) func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            k < end && p[k] >= low && p[k] <= high
        }
        let b = p[i]
        switch b {
        case 0xC2...0xDF:
            return cont(i + 1) ? 2 : 0
        case 0xE0:
            return cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(i + 1) && cont(i + 2) ? 3 : 0
        case 0xED:
            return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0
        case 0xF0:
            return cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF4:
            return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0
        default:
            return 0
        }
    }
}
