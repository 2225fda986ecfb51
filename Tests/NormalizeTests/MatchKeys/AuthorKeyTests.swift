import MARCRecord
import Normalize
import Testing

@Suite struct AuthorKeyTests {
    @Test(arguments: [
        ("100", "1 ", "Hirata, Andrea.", "hirata"),
        ("100", "1 ", "García Márquez, Gabriel,", "garcia marquez"),
        ("100", "0 ", "Pramoedya Ananta Toer,", "toer"),
        ("100", "0 ", "Pramoedya Ananta Toer, 1925-2006.", "toer"),
        ("100", "0 ", "Hamka,", "hamka"),
        ("100", "3 ", "Soeharto family.", "soeharto family"),
        ("100", "1 ", "Толстой, Лев Николаевич,", "tolstoj"),
        ("100", "1 ", "Ghazzālī, Abū Ḥāmid,", "ghazzali"),
        ("110", "2 ", "Perpustakaan Nasional (Indonesia)", "perpustakaan nasional indonesia"),
        ("111", "2 ", "Kongres Bahasa Indonesia", "kongres bahasa indonesia"),
    ])
    func mainEntries(tag: String, indicators: String, name: String, expected: String) {
        let r = record([(tag, indicators, [("a", name)]), ("245", "10", [("a", "X")])])
        #expect(AuthorKey.key(for: r) == expected)
    }

    @Test func addedEntriesWhenThereIsNoMainEntry() {
        // Dublin Core gives names as members typed them, in 720: inverted or direct, same key.
        let inverted = record([("720", "  ", [("a", "Hirata, Andrea"), ("e", "author")])])
        let direct = record([("720", "  ", [("a", "Andrea Hirata"), ("e", "author")])])
        let catalogued = record([("100", "1 ", [("a", "Hirata, Andrea.")])])
        #expect(AuthorKey.key(for: inverted) == "hirata")
        #expect(AuthorKey.key(for: direct) == "hirata")
        #expect(AuthorKey.key(for: catalogued) == "hirata")
        // A 720 whose comma is followed by dates is in direct order.
        #expect(AuthorKey.key(for: record([("720", "  ", [("a", "Pramoedya Ananta Toer, 1925-2006")])])) == "toer")
        // The first of 700 and 720, in record order; 110 goes before both.
        let added = record([("720", "  ", [("a", "Purwanto, Agus")]), ("700", "1 ", [("a", "Sumardjo, Jakob")])])
        #expect(AuthorKey.key(for: added) == "purwanto")
        let corporate = record([("700", "1 ", [("a", "Sumardjo, Jakob")]), ("110", "2 ", [("a", "UNESCO.")])])
        #expect(AuthorKey.key(for: corporate) == "unesco")
        #expect(AuthorKey.key(for: record([("245", "00", [("a", "Anonim")])])) == nil)
    }

    @Test func namesAsText() {
        #expect(AuthorKey.key(name: "Al-Ghazali, Abu Hamid") == "al ghazali")
        #expect(AuthorKey.key(name: "Sulistyo-Basuki") == "sulistyo basuki")
        #expect(AuthorKey.key(name: "Dinas Kebudayaan DKI Jakarta", corporate: true) == "dinas kebudayaan dki jakarta")
        #expect(AuthorKey.key(name: "...") == nil)
    }
}
