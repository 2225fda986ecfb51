import MARCRecord
import Normalize
import Testing

@Suite struct YearKeyTests {
    private func f008(_ dates: String) -> (String, String, [(Character, String)]) {
        ("008", "", [("a", "850423" + dates + "io abc    b    001 0 ind d")])
    }

    @Test func from008WhenItHasDigits() {
        #expect(YearKey.key(for: record([f008("s1980    "), ("260", "  ", [("c", "1981.")])])) == 1980)
        #expect(YearKey.key(for: record([f008("m19992003")])) == 1999)
    }

    @Test func fromPublicationStatementsOtherwise() {
        // 008 with an unknown date (`19uu`), then 264 ind2 1 before 260, then a copyright date.
        #expect(YearKey.key(for: record([f008("q19uu    "), ("264", " 4", [("c", "©2016")]),
            ("264", " 1", [("a", "Jakarta :"), ("b", "Gramedia,"), ("c", "[2017]")])])) == 2017)
        let imprint = record([("260", "  ", [("a", "Jakarta :"), ("b", "Balai Pustaka,"), ("c", "c1998.")])])
        #expect(YearKey.key(for: imprint) == 1998)
        #expect(YearKey.key(for: record([("264", " 4", [("c", "℗2016")])])) == 2016)
        #expect(YearKey.key(for: record([("260", "  ", [("c", "[199-?]")])])) == nil)
        #expect(YearKey.key(for: record([("245", "00", [("a", "X")])])) == nil)
    }

    @Test(arguments: [("c2019.", 2019), ("1998, c1997", 1998), ("2019-05-01", 2019), ("[s.a.]", nil),
        ("12345", nil), ("0999", nil), ("Jakarta, 2008", 2008), ("1441 H/2020 M", 2020)] as [(String, Int?)])
    func yearsInText(text: String, year: Int?) {
        #expect(YearKey.year(in: text) == year)
    }
}
