import MARCRecord
import Normalize
import Testing

@Suite struct PaginationKeyTests {
    @Test(arguments: [
        ("xii, 345 p.", 345), ("345 hlm.", 345), ("xvi, 391 hlm. :", 391), ("x, 250 hal.", 250),
        ("250 halaman", 250), ("[8], 345, [3] p.", 345), ("[120] p.", 120), ("345p.", 345),
        ("1 online resource (xii, 345 pages)", 345), ("xxxiv, 529 hlm. : ilus. ; 20 cm", 529),
        ("2 v. (xii, 800 p.)", 800), ("v, 234 p., [12] leaves of plates", 234), ("120 leaves", 120),
        ("[345?] p.", 345), ("333 S.", 333), ("345 (i.e. 354) p.", 354),
        ("1 v. (unpaged)", nil), ("2 v.", nil), ("4 jil. ; 24 cm", nil), ("1 CD-ROM ; 12 cm", nil),
        ("1 cakram video (120 menit)", nil), ("", nil), ("p. 45-67", nil),
    ] as [(String, Int?)])
    func pageCounts(extent: String, pages: Int?) {
        #expect(PaginationKey.pageCount(in: extent) == pages)
        let r = record([("300", "  ", [("a", extent), ("c", "24 cm")])])
        #expect(PaginationKey.key(for: r) == pages)
    }

    @Test func recordsWithout300() {
        #expect(PaginationKey.key(for: record([("245", "00", [("a", "X")])])) == nil)
    }
}
