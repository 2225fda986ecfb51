/// The first look the whitespace rule takes at every data field, sixteen bytes at a time.
///
/// It is deliberately coarser than `needsWork`: it answers "maybe" for every field `needsWork` would
/// flag (and for a few it would not, such as a `$w` with two blanks), and "no" only for fields in
/// which none of these byte patterns occurs:
///
/// - a C0 control character other than the delimiter, DEL, or 0xC2 (the lead byte of every C1
///   control character in UTF-8);
/// - a blank followed by a blank or a delimiter (a run to collapse, a trailing blank);
/// - a delimiter followed, one or two bytes on, by a delimiter or a blank (an empty subfield, a
///   leading blank after the code);
/// - a blank first or last, a delimiter in one of the last two bytes.
///
/// Every reason `needsWork` has to return true is one of these, so a "no" here spares the exact,
/// byte-by-byte scan; LC's records have a blank every few bytes, which keeps the exact scan off its
/// eight-byte fast path most of the time.
extension Whitespace {
    static func mayNeedWork(_ p: UnsafeBufferPointer<UInt8>, skip: Int) -> Bool {
        let n = p.count
        guard n > skip, let base = p.baseAddress else { return false }
        let space: UInt8 = 0x20
        let delimiter: UInt8 = 0x1F
        @inline(__always) func isOdd(_ b: UInt8) -> Bool { (b < space && b != delimiter) || b == 0x7F || b == 0xC2 }
        // The ends, which the blocks below check only as the second byte of a pair.
        if base[skip] == space || base[n - 1] == space || base[n - 1] == delimiter || isOdd(base[n - 1]) { return true }
        if n - 2 >= skip && (base[n - 2] == delimiter || isOdd(base[n - 2])) { return true }
        let count = n - skip
        guard count > 2 else { return false }
        if count < 18 {
            // Too short for a block: a copy padded with letters, which pair with nothing.
            let letters: UInt64 = 0x6161_6161_6161_6161  // "aaaaaaaa"
            var padded = (letters, letters, letters, letters)
            return withUnsafeMutableBytes(of: &padded) { buffer in
                buffer.baseAddress!.copyMemory(from: base + skip, byteCount: count)
                return Self.blockMayNeedWork(UnsafeRawPointer(buffer.baseAddress!))
            }
        }
        var i = skip
        while i + 18 <= n {
            if Self.blockMayNeedWork(UnsafeRawPointer(base + i)) { return true }
            i += 16
        }
        // The last block again, ending at the field's end: it overlaps bytes already seen, which is harmless.
        return i < n - 2 && Self.blockMayNeedWork(UnsafeRawPointer(base + n - 18))
    }

    /// The patterns above among the sixteen bytes at `at`, each compared with the byte one and two on
    /// (eighteen bytes are read).
    @inline(__always)
    private static func blockMayNeedWork(_ at: UnsafeRawPointer) -> Bool {
        let spaces = SIMD16<UInt8>(repeating: 0x20)
        let delimiters = SIMD16<UInt8>(repeating: 0x1F)
        let x0 = at.loadUnaligned(as: SIMD16<UInt8>.self)
        let x1 = at.loadUnaligned(fromByteOffset: 1, as: SIMD16<UInt8>.self)
        let x2 = at.loadUnaligned(fromByteOffset: 2, as: SIMD16<UInt8>.self)
        let blank0 = x0 .== spaces
        let delimiter0 = x0 .== delimiters
        let delimiter1 = x1 .== delimiters
        let control = (x0 .< spaces) .& .!delimiter0
        let odd = control .| (x0 .== SIMD16<UInt8>(repeating: 0x7F)) .| (x0 .== SIMD16<UInt8>(repeating: 0xC2))
        let blankPair = blank0 .& ((x1 .== spaces) .| delimiter1)
        let emptyOrLeading = delimiter0 .& (delimiter1 .| (x2 .== delimiters) .| (x2 .== spaces))
        // `any(_:)` is a call and a reduction; the mask's sixteen bytes read as two words are not.
        let hits = unsafeBitCast(odd .| blankPair .| emptyOrLeading, to: SIMD2<UInt64>.self)
        return hits[0] | hits[1] != 0
    }
}
