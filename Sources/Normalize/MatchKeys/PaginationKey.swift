public import MARCRecord

/// The main page count of a book, from its first 300 $a: `xii, 345 p.` → 345, `345 hlm.` → 345
/// (Indonesian `hlm.`/`hal.`/`halaman`), `[8], 345, [3] p.` → 345, `1 online resource (xii, 345 pages)`
/// → 345. Nil when the extent names no pages: `1 v. (unpaged)`, `2 v.`, `3 jil.`, `1 CD-ROM`.
///
/// The count is the largest number in the list just before the first page unit, leaving out
/// numbers in brackets (unnumbered preliminaries) unless there is nothing else; roman numerals are
/// preliminaries and skipped. For a multi-volume set that states its pages (`2 v. (xii, 800 p.)`) it
/// is the set's pagination; volumes alone give nil, so that "2 v." never vetoes a match on pages.
public enum PaginationKey {
    public static func key(for record: MARCRecord) -> Int? {
        guard let field = record.firstField(extentTag),
            let a = field.subfields.first(where: { $0.code == UInt8(ascii: "a") })
        else { return nil }
        return pageCount(a.value)
    }

    /// Built once: a `Tag` string literal is parsed each time it is met.
    private static let extentTag = Tag(0x33, 0x30, 0x30)

    public static func pageCount(in extent: String) -> Int? {
        pageCount(Array(extent.utf8)[...])
    }

    static func pageCount(_ b: ArraySlice<UInt8>) -> Int? {
        var best = 0, bestBracketed = 0
        var bracketDepth = 0
        var lastWasNumber = false
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if c &- 0x30 < 10 {
                var value = 0
                while i < b.endIndex, b[i] &- 0x30 < 10 {
                    value = min(value &* 10 &+ Int(b[i] &- 0x30), 10_000_000)
                    i += 1
                }
                if bracketDepth > 0 { bestBracketed = max(bestBracketed, value) } else { best = max(best, value) }
                lastWasNumber = true
                continue
            }
            if c | 0x20 &- 0x61 < 26 || c >= 0x80 {
                let start = i
                while i < b.endIndex, b[i] | 0x20 &- 0x61 < 26 || b[i] >= 0x80 { i += 1 }
                let word = b[start..<i]
                if lastWasNumber && isPageUnit(word) {
                    let count = best > 0 ? best : bestBracketed
                    return count > 0 ? count : nil
                }
                if lastWasNumber || !isRoman(word) {
                    // A volume count, another unit, or words: what came before was not pages.
                    best = 0
                    bestBracketed = 0
                }
                lastWasNumber = false
                continue
            }
            switch c {
            case UInt8(ascii: "["): bracketDepth += 1
            case UInt8(ascii: "]"): bracketDepth = max(0, bracketDepth - 1)
            case UInt8(ascii: "("), UInt8(ascii: ":"), UInt8(ascii: ";"):
                best = 0
                bestBracketed = 0
                lastWasNumber = false
            case UInt8(ascii: " "), UInt8(ascii: "?"), UInt8(ascii: ")"):
                break  // `345 p.`, `[345?] p.`, `345 (i.e. 354) p.` (the corrected count)
            default:
                lastWasNumber = false
            }
            i += 1
        }
        return nil
    }

    /// p, pp, page(s), pg, hlm, hal, halaman, h, leaves, leaf, l, s (Seiten), ss, str (Slavic).
    private static func isPageUnit(_ word: ArraySlice<UInt8>) -> Bool {
        var lower: [UInt8] = []
        for c in word.prefix(9) { lower.append(c | 0x20) }
        guard word.count <= 8 else { return false }
        switch String(decoding: lower, as: UTF8.self) {
        case "p", "pp", "page", "pages", "pg", "hlm", "hal", "halaman", "h", "leaves", "leaf", "l", "s", "ss", "str",
            "lembar":
            return true
        default:
            return false
        }
    }

    private static func isRoman(_ word: ArraySlice<UInt8>) -> Bool {
        word.allSatisfy { "ivxlcdm".utf8.contains($0 | 0x20) }
    }
}
