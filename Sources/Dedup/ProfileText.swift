import Normalize

/// Byte-level text helpers the profile is built with. Everything the matcher compares is folded once
/// here (`MatchKeyText.fold`: letters and digits, lower case, no diacritics, one blank between words),
/// so that `compare` only ever meets ASCII-ish bytes and sorted integer sets.
enum ProfileText {
    /// The folded bytes of raw UTF-8 subfield content.
    static func fold(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        return bytes.withUnsafeBufferPointer { MatchKeyText.foldedBytes($0) }
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
    ///
    /// Words are hashed where they lie: no slices, no array of words (the profile builds eight of these
    /// per record).
    static func wordSet(_ folded: [UInt8], stop: [UInt32] = [], limit: Int = 48) -> [UInt32] {
        guard !folded.isEmpty else { return [] }
        var out: [UInt32] = []
        out.reserveCapacity(Swift.min(limit, 16))
        forEachWord(folded) { text, word in
            var h: UInt32 = 2_166_136_261
            for i in word { h = (h ^ UInt32(text[i])) &* 16_777_619 }
            if stop.contains(h) { return true }
            out.append(h)
            return out.count != limit
        }
        sortUnique(&out)
        return out
    }

    /// Calls `body` with each blank-separated word of folded text (the buffer and the word's range in
    /// it) until `body` returns false.
    @inline(__always)
    static func forEachWord(_ folded: [UInt8], _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Bool) {
        folded.withUnsafeBufferPointer { text in
            var i = 0
            let end = text.count
            while i < end {
                if text[i] == 0x20 {
                    i += 1
                    continue
                }
                let start = i
                while i < end, text[i] != 0x20 { i += 1 }
                if !body(text, start..<i) { return }
            }
        }
    }

    static func sortedUnique(_ values: [UInt32]) -> [UInt32] {
        var out = values
        sortUnique(&out)
        return out
    }

    /// Sorts in place and drops repeats. Insertion sort: these sets hold a few dozen values at most,
    /// where it beats the general sort and its closure calls.
    static func sortUnique(_ values: inout [UInt32]) {
        guard values.count > 1 else { return }
        values.withUnsafeMutableBufferPointer { v in
            for i in 1..<v.count {
                let x = v[i]
                var j = i
                while j > 0, v[j - 1] > x {
                    v[j] = v[j - 1]
                    j -= 1
                }
                v[j] = x
            }
        }
        var kept = 1
        for i in 1..<values.count where values[i] != values[kept - 1] {
            values[kept] = values[i]
            kept += 1
        }
        values.removeLast(values.count - kept)
    }

    /// The numbers written as digits in folded text (`report 274 1949` → 274, 1949), capped, as a
    /// sorted set.
    static func numbers(_ folded: [UInt8]) -> [UInt32] {
        guard !folded.isEmpty else { return [] }
        var out: [UInt32] = []
        forEachWord(folded) { text, word in
            // `number` reads the first nine digits of a word that is all digits.
            var v: UInt32 = 0
            for i in word {
                let b = text[i]
                guard b &- 0x30 < 10 else { return true }
                if i - word.lowerBound < 9 { v = v &* 10 &+ UInt32(b &- 0x30) }
            }
            out.append(v)
            return true
        }
        sortUnique(&out)
        return out
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
