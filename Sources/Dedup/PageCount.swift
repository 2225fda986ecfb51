/// The main page count of a book from 300 $a, read more forgivingly than `PaginationKey` for the
/// matcher's purpose: every number standing before a page unit counts and the largest wins. Old
/// descriptions state preliminary leaves first (`3 p. l., vii, 141, [1] p.`, `1 L., 5-23 p.`,
/// `xiv p., 2 l., 644 p.`), which the first-unit rule reads as 3, 1 and 2; the main sequence is
/// nearly always the longest. Plates (`24 leaves of plates`, `[16] p. of plates`) never count;
/// bracketed numbers count only when there is nothing else (`[198] leaves`).
enum PageCount {
    static func countRaw(_ b: ArraySlice<UInt8>) -> Int {
        var best = 0, bestBracketed = 0
        var pending: [(value: Int, bracketed: Bool)] = []
        var depth = 0
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if ProfileText.isDigit(c) {
                var v = 0
                while i < b.endIndex, ProfileText.isDigit(b[i]) {
                    v = min(v &* 10 &+ Int(b[i] &- 0x30), 1_000_000)
                    i += 1
                }
                pending.append((v, depth > 0))
                continue
            }
            if c | 0x20 &- 0x61 < 26 || c >= 0x80 {
                let start = i
                while i < b.endIndex, b[i] | 0x20 &- 0x61 < 26 || b[i] >= 0x80 { i += 1 }
                let word = b[start..<i]
                if isPageUnit(word) {
                    if !followedByPlates(b[i...]) {
                        for p in pending {
                            if p.bracketed { bestBracketed = max(bestBracketed, p.value) } else { best = max(best, p.value) }
                        }
                    }
                    pending.removeAll(keepingCapacity: true)
                } else if !isRoman(word) {
                    pending.removeAll(keepingCapacity: true)
                }
                continue
            }
            if c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "]") { depth = max(0, depth - 1) }
            i += 1
        }
        return best > 0 ? best : bestBracketed
    }

    /// `of plates` (or `plates`) right after the unit.
    private static func followedByPlates(_ rest: ArraySlice<UInt8>) -> Bool {
        var words: [ArraySlice<UInt8>] = []
        var i = rest.startIndex
        while i < rest.endIndex && words.count < 2 {
            while i < rest.endIndex, !(rest[i] | 0x20 &- 0x61 < 26) {
                if ProfileText.isDigit(rest[i]) || rest[i] == UInt8(ascii: ",") || rest[i] == UInt8(ascii: ":")
                    || rest[i] == UInt8(ascii: ";")
                {
                    return words.contains { lower($0).hasPrefix("plate") }
                }
                i += 1
            }
            let start = i
            while i < rest.endIndex, rest[i] | 0x20 &- 0x61 < 26 { i += 1 }
            if i > start { words.append(rest[start..<i]) }
        }
        return words.contains { lower($0).hasPrefix("plate") }
    }

    private static func lower(_ w: ArraySlice<UInt8>) -> String { String(decoding: w.map { $0 | 0x20 }, as: UTF8.self) }

    private static func isPageUnit(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count <= 8 else { return false }
        switch lower(word) {
        case "p", "pp", "page", "pages", "pg", "hlm", "hal", "halaman", "h", "leaves", "leaf", "l", "s", "ss", "str",
            "lembar", "columns", "col":
            return true
        default:
            return false
        }
    }

    private static func isRoman(_ word: ArraySlice<UInt8>) -> Bool {
        word.allSatisfy { "ivxlcdm".utf8.contains($0 | 0x20) }
    }
}
