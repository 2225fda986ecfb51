import Dedup
import MARCRecord
import Testing

@Suite struct MatchProfileKeyTests {
    func identifiers(_ book: Book) -> [String] {
        MatchProfile(record: book.record).keys.filter(\.isIdentifier).map(\.description)
    }

    @Test func indonesianISBN10BecomesISBN13() {
        // 979-… with ten digits is Indonesia's ISBN-10 group, not the ISBN-13 prefix 979.
        #expect(identifiers(laskarPelangi) == ["isbn:9789793062792"])
        let thirteen = laskarPelangi.with("020", "  ", [("a", "978-979-3062-79-2")])
        #expect(identifiers(thirteen) == ["isbn:9789793062792"])
    }

    @Test func isbn13With979PrefixStays() {
        let book = laskarPelangi.with("020", "  ", [("a", "979-10-90636-07-1")])
        #expect(identifiers(book) == ["isbn:9791090636071"])
    }

    @Test func invalidAndCancelledISBNsAreNoKeys() {
        let book = laskarPelangi.with("020", "  ", [("a", "979-3062-79-8"), ("z", "9789793062792")])
        #expect(identifiers(book) == [])
    }

    @Test func severalISBNsInOneSubfield() {
        // INLISLite 3.3 packs every ISBN of a title into one 020 $a.
        let book = laskarPelangi.with("020", "  ", [("a", "9793062797 ; 978-602-8811-06-4")])
        #expect(identifiers(book) == ["isbn:9786028811064", "isbn:9789793062792"])
    }

    @Test func oclcNumbersFrom035And019And001() {
        let book = englishBook
            .adding("035", "  ", [("a", "(OCoLC)ocm00012345")])
            .adding("035", "  ", [("a", "(OCoLC)on1234567890")])
            .adding("035", "  ", [("a", "(UNAIR)b1234567")])
            .adding("019", "  ", [("a", "ocn987654321"), ("a", "555")])
        #expect(identifiers(book) == ["oclc:12345", "oclc:1234567890", "oclc:555", "oclc:987654321"])
        let fromControl = englishBook.control("001", "ocm00004711").control("003", "OCoLC")
        #expect(identifiers(fromControl) == ["oclc:4711"])
        // A member's own 001 is provenance, never an OCLC number.
        let local = englishBook.control("001", "00004711").control("003", "UNAIR")
        #expect(identifiers(local) == [])
    }

    @Test func lccnIssnNationalAndStandardNumbers() {
        let book = englishBook
            .adding("010", "  ", [("a", "  85-2 ")])
            .adding("022", "0 ", [("a", "0317-8471")])
            .adding("015", "  ", [("a", "B 2019-12345"), ("2", "bnb")])
            .adding("016", "7 ", [("a", "KDT-123.456"), ("2", "IdJkPN")])
            .adding("024", "3 ", [("a", "9 780198 526636")])
            .adding("024", "8 ", [("a", "unspecified-1")])
        #expect(identifiers(book) == [
            "issn:0317-8471", "lccn:85000002", "nbn:(IdJkPN)KDT123456", "nbn:(bnb)B201912345",
            "standard:(ean)9780198526636",
        ])
    }

    @Test func contentKeysSurviveCasePunctuationAndArticles() {
        let a = MatchProfile(record: englishBook.record)
        let b = MatchProfile(record: englishBook.with("245", "00", [
            ("a", "INQUIRIES CONCERNING THE INTELLECTUAL POWERS AND THE INVESTIGATION OF TRUTH."),
            ("c", "By John Abercrombie"),
        ]).record)
        let contentA = Set(a.keys.filter { !$0.isIdentifier }), contentB = Set(b.keys.filter { !$0.isIdentifier })
        #expect(contentA.count == 3)
        #expect(contentA == contentB)
        #expect(contentA.contains(MatchKey(.content, "t:inquiriesconcerningt/abercrombie")))
        // A title typo in the first 20 letters leaves the author/year key.
        let typo = MatchProfile(record: englishBook.with("245", "10", [("a", "Inquiries concernig the intellectual powers")]).record)
        #expect(Set(typo.keys).intersection(contentA) == [MatchKey(.content, "a:abercrombie/1839/inqu")])
        // A typo in the author's name leaves the title/year key.
        let author = MatchProfile(record: englishBook.with("100", "1 ", [("a", "Abercrombe, John.")]).record)
        #expect(Set(author.keys).intersection(contentA) == [MatchKey(.content, "t:inquiriesconcerningt/1839")])
        // A leading article the cataloguer did not skip with ind2 is removed all the same.
        let the = MatchProfile(record: englishBook.with("245", "10", [("a", "The inquiries concerning the intellectual powers")]).record)
        #expect(the.keys.contains(MatchKey(.content, "t:inquiriesconcerningt/abercrombie")))
    }

    @Test func keysAreSortedAndDistinct() {
        let book = laskarPelangi.adding("020", "  ", [("a", "9789793062792")])
        let keys = MatchProfile(record: book.record).keys
        #expect(keys == Array(Set(keys)).sorted())
    }
}
