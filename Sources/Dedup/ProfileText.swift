import Normalize

/// Byte-level text helpers the profile is built with. Everything the matcher compares is folded once
/// here (`MatchKeyText.fold`: letters and digits, lower case, no diacritics, one blank between words),
/// so that `compare` only ever meets ASCII-ish bytes and sorted integer sets.
enum ProfileText {
    /// The folded bytes of raw UTF-8 subfield content.
    static func fold(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        var folded = bytes.withUnsafeBufferPointer { MatchKeyText.fold($0) }
        return folded.withUTF8 { Array($0) }
    }

    /// FNV-1a: stable across runs and versions, which the stored profiles rely on.
    @inline(__always)
    static func hash(_ word: ArraySlice<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in word { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    /// The words of folded text.
    static func words(_ folded: [UInt8]) -> [ArraySlice<UInt8>] {
        folded.split(separator: 0x20)
    }

    /// Sorted, distinct hashes of the words of folded text, leaving out `stop` words and keeping at
    /// most `limit` of them (the first ones: a title's start carries the most weight).
    static func wordSet(_ folded: [UInt8], stop: [UInt32] = [], limit: Int = 48) -> [UInt32] {
        var out: [UInt32] = []
        for word in folded.split(separator: 0x20) {
            let h = hash(word)
            if stop.contains(h) { continue }
            out.append(h)
            if out.count == limit { break }
        }
        return sortedUnique(out)
    }

    static func sortedUnique(_ values: [UInt32]) -> [UInt32] {
        guard values.count > 1 else { return values }
        let sorted = values.sorted()
        var out: [UInt32] = [sorted[0]]
        out.reserveCapacity(sorted.count)
        for v in sorted.dropFirst() where v != out[out.count - 1] { out.append(v) }
        return out
    }

    /// The numbers written as digits in folded text (`report 274 1949` → 274, 1949), capped, as a
    /// sorted set.
    static func numbers(_ folded: [UInt8]) -> [UInt32] {
        var out: [UInt32] = []
        for word in folded.split(separator: 0x20) where word.allSatisfy({ $0 &- 0x30 < 10 }) {
            out.append(number(word))
        }
        return sortedUnique(out)
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// The value of a run of digits, capped at 10^9.
    static func number(_ digits: ArraySlice<UInt8>) -> UInt32 {
        var v: UInt32 = 0
        for d in digits.prefix(9) where isDigit(d) { v = v &* 10 &+ UInt32(d &- 0x30) }
        return v
    }

    /// A lower-case roman numeral's value (`xiv` → 14), or nil.
    static func roman(_ word: ArraySlice<UInt8>) -> UInt32? {
        guard !word.isEmpty, word.count <= 8 else { return nil }
        var total = 0, previous = 0
        for b in word.reversed() {
            let v: Int
            switch b {
            case UInt8(ascii: "i"): v = 1
            case UInt8(ascii: "v"): v = 5
            case UInt8(ascii: "x"): v = 10
            case UInt8(ascii: "l"): v = 50
            case UInt8(ascii: "c"): v = 100
            case UInt8(ascii: "d"): v = 500
            case UInt8(ascii: "m"): v = 1000
            default: return nil
            }
            if v < previous { total -= v } else { total += v; previous = v }
        }
        return total > 0 ? UInt32(total) : nil
    }

    /// A short list searched linearly: cheaper than hashing into a `Set` for a dozen words.
    static func hashes(_ words: [String]) -> [UInt32] {
        words.map { w in hash(Array(w.utf8)[...]) }
    }

    /// Appends `part` to `text` with one blank between.
    static func append(_ part: ArraySlice<UInt8>, to text: inout [UInt8]) {
        guard !part.isEmpty else { return }
        if !text.isEmpty { text.append(0x20) }
        text.append(contentsOf: part)
    }
}
