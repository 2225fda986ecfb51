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

    // MARK: - Sixteen bytes at a time

    /// Whether `a` or `b` occurs among the `length` bytes at `p`. `readable` is how many bytes from `p`
    /// may be read (the rest of the record's storage): blocks of sixteen are read while they fit, and
    /// what lies beyond `length` is masked off.
    @inline(__always)
    static func contains(_ a: UInt8, or b: UInt8, _ p: UnsafePointer<UInt8>, _ length: Int, readable: Int) -> Bool {
        let va = SIMD16<UInt8>(repeating: a)
        let vb = SIMD16<UInt8>(repeating: b)
        var i = 0
        while i + 16 <= length {
            let x = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
            if any((x .== va) .| (x .== vb)) { return true }
            i += 16
        }
        guard i < length else { return false }
        if i + 16 <= readable {
            let x = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
            return any(((x .== va) .| (x .== vb)) .& lanes(below: length - i))
        }
        while i < length {
            if p[i] == a || p[i] == b { return true }
            i += 1
        }
        return false
    }

    /// The first `count` lanes (all sixteen when `count` is 16 or more).
    @inline(__always)
    static func lanes(below count: Int) -> SIMDMask<SIMD16<Int8>> {
        let numbers = SIMD16<UInt8>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        return numbers .< SIMD16<UInt8>(repeating: UInt8(truncatingIfNeeded: Swift.min(count, 16)))
    }

    /// Whether any lane is set, read as two words: the standard library's `any(_:)` is a call and a
    /// reduction. (Only whole-vector comparisons are used on the bytes: they compile to single SSE2
    /// instructions, where generic lane arithmetic such as `&-` can end up as a loop over the lanes.)
    @inline(__always)
    static func any(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    // MARK: - Decimal digits

    /// `00` to `99`, two bytes each: the writer puts two digits with one load and one store.
    static var digitPairs: StaticString {
        """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """
    }

    /// `value` (0 to 99) as two ASCII digits at `out`.
    @inline(__always)
    static func putPair(_ out: UnsafeMutablePointer<UInt8>, _ value: UInt) {
        let pair = UnsafeRawPointer(digitPairs.utf8Start + 2 * Int(value)).loadUnaligned(as: UInt16.self)
        UnsafeMutableRawPointer(out).storeBytes(of: pair, as: UInt16.self)
    }
}
