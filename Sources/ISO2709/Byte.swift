/// The structural bytes and digit helpers the ISO 2709 hot paths use. Kept in this module (rather
/// than reaching for `ASCII` in `MARCRecord`) so the optimizer folds them into the loops: calls into
/// another module's static members were measured as a third of the parse time.
enum Byte {
    static let subfieldDelimiter: UInt8 = 0x1F
    static let fieldTerminator: UInt8 = 0x1E
    static let recordTerminator: UInt8 = 0x1D
    static let space: UInt8 = 0x20
    static let zero: UInt8 = 0x30
    static let verticalBar: UInt8 = 0x7C

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }

    /// `count` ASCII digits at `offset` as a number; `nil` if any is not a digit.
    @inline(__always)
    static func decimal(_ base: UnsafePointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        var value = 0
        for i in 0..<count {
            let d = base[offset + i] &- 0x30
            if d > 9 { return nil }
            value = value &* 10 &+ Int(d)
        }
        return value
    }
}
