/// Titles proper that differ by a whole word on each side — "Rollo in Geneva" and "Rollo in Switzerland",
/// the volumes of a series by one author, one publisher and one year — describe different books, however
/// alike the rest of the records is. A typo, a variant spelling or an abbreviation is not such a clash: two
/// words count as the same when one is a prefix of the other or they are at most two edits apart, or a third
/// of the shorter word's letters (two copies with different typos of one word: `dictionray`, `dictonary`). Words only
/// one title has (a subtitle slipped into $a, an added "annual") never clash: that is cataloguing variation.
enum TitleWordClash {
    /// The first pair of clashing words, in a fixed order, or nil.
    static func clash(_ a: [UInt8], _ b: [UInt8]) -> (String, String)? {
        if a == b || a.isEmpty || b.isEmpty { return nil }
        let wordsA = words(a), wordsB = words(b)
        let onlyA = wordsA.filter { !wordsB.contains($0) }, onlyB = wordsB.filter { !wordsA.contains($0) }
        guard !onlyA.isEmpty, !onlyB.isEmpty else { return nil }
        // Every word of one side without a near twin on the other is a clash only if the other side also
        // has a word without a near twin.
        let loneA = onlyA.filter { w in !onlyB.contains { near(w, $0) } }
        let loneB = onlyB.filter { w in !onlyA.contains { near(w, $0) } }
        guard let x = loneA.first, let y = loneB.first, isWord(x), isWord(y) else { return nil }
        let sx = String(decoding: x, as: UTF8.self), sy = String(decoding: y, as: UTF8.self)
        return sx <= sy ? (sx, sy) : (sy, sx)
    }

    private static func words(_ text: [UInt8]) -> [ArraySlice<UInt8>] {
        text.split(separator: 0x20).filter { !stopwords.contains(Array($0)) }
    }

    /// Letters only and at least three of them: numbers are judged by the part and edition rules.
    private static func isWord(_ w: ArraySlice<UInt8>) -> Bool {
        w.count >= 3 && w.allSatisfy { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x80 }
    }

    private static func near(_ x: ArraySlice<UInt8>, _ y: ArraySlice<UInt8>) -> Bool {
        if x.starts(with: y) || y.starts(with: x) { return true }
        let limit = max(2, min(x.count, y.count) / 3)
        return editDistance(x, y, limit: limit) <= limit
    }

    /// Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`.
    private static func editDistance(_ x: ArraySlice<UInt8>, _ y: ArraySlice<UInt8>, limit: Int) -> Int {
        let a = Array(x), b = Array(y)
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMin = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    private static let stopwords: Set<[UInt8]> = Set(
        ["a", "an", "and", "at", "by", "de", "for", "from", "in", "of", "on", "or", "the", "to", "with"].map {
            Array($0.utf8)
        })
}
