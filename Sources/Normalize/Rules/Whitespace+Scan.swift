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
    /// Whether the field may need work (false: it certainly does not). `all` is the record's whole storage and the field's content after its indicators is
    /// `all[from..<to]`: a block may read past the field (never past the storage), and what it finds
    /// there is masked off.
    static func mayNeedWork(_ all: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        guard to > from, let base = all.baseAddress else { return false }
        let space: UInt8 = 0x20
        let delimiter: UInt8 = 0x1F
        @inline(__always) func isOdd(_ b: UInt8) -> Bool { (b < space && b != delimiter) || b == 0x7F || b == 0xC2 }
        // The ends, which the blocks below check only as the second byte of a pair.
        let last = base[to - 1]
        if base[from] == space || last == space || last == delimiter || isOdd(last) { return true }
        guard to - from > 1 else { return false }
        let beforeLast = base[to - 2]
        if beforeLast == delimiter || isOdd(beforeLast) { return true }
        // Every byte up to `to - 3` is checked with the two after it.
        var i = from
        while i + 18 <= to {
            if Self.blockMayNeedWork(base + i, lanes: 16) { return true }
            i += 16
        }
        let remaining = to - 2 - i
        guard remaining > 0 else { return false }
        if i + 18 <= all.count { return Self.blockMayNeedWork(base + i, lanes: remaining) }
        // The last field of the storage: a copy padded with letters, which pair with nothing.
        let letters: UInt64 = 0x6161_6161_6161_6161  // "aaaaaaaa"
        var padded = (letters, letters, letters, letters)
        return withUnsafeMutableBytes(of: &padded) { buffer in
            buffer.baseAddress!.copyMemory(from: base + i, byteCount: to - i)
            return Self.blockMayNeedWork(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), lanes: remaining)
        }
    }

    /// The patterns above among the first `lanes` (at most sixteen) bytes at `p`, each compared with
    /// the byte one and two on (eighteen bytes are read).
    @inline(__always)
    private static func blockMayNeedWork(_ p: UnsafePointer<UInt8>, lanes: Int) -> Bool {
        let at = UnsafeRawPointer(p)
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
        let laneNumbers = SIMD16<UInt8>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        let inField = laneNumbers .< SIMD16<UInt8>(repeating: UInt8(truncatingIfNeeded: lanes))
        let hits = unsafeBitCast((odd .| blankPair .| emptyOrLeading) .& inField, to: SIMD2<UInt64>.self)
        return hits[0] | hits[1] != 0
    }
}
