import Dedup
import MARCRecord
import Testing

@Suite struct MatcherTests {
    let matcher = Matcher()

    func decide(_ a: Book, _ b: Book) -> MatchDecision {
        matcher.compare(MatchProfile(record: a.record), MatchProfile(record: b.record))
    }

    /// The same book as another library describes it: upper case, other ISBD punctuation, the
    /// ISBN as ISBN-13 with hyphens, the extent spelled out, no subject.
    var laskarPelangiElsewhere: Book {
        Book([
            ("020", "  ", [("a", "978-979-3062-79-2")]),
            ("100", "0 ", [("a", "ANDREA HIRATA")]),
            ("245", "10", [("a", "LASKAR PELANGI"), ("b", "SEBUAH NOVEL"), ("c", "ANDREA HIRATA")]),
            ("260", "  ", [("a", "Yogyakarta"), ("b", "Bentang"), ("c", "2019")]),
            ("300", "  ", [("a", "xiv, 529 halaman"), ("c", "21 cm.")]),
        ])
    }

    @Test func sharedISBNConfirmsAcrossISBN10AndISBN13() {
        let d = decide(laskarPelangi, laskarPelangiElsewhere)
        #expect(d.verdict == .match)
        #expect(d.vetoes.isEmpty)
        #expect(d.sharedKeys.contains(MatchKey(.isbn, "9789793062792")))
        #expect(d.contributions.contains { $0.signal == "identifier isbn" })
    }

    @Test func reusedISBNOnAnotherTitleIsNotTrusted() {
        let other = laskarPelangi
            .with("100", "1 ", [("a", "Toer, Pramoedya Ananta.")])
            .with("245", "10", [("a", "Bumi manusia /"), ("c", "Pramoedya Ananta Toer.")])
        let d = decide(laskarPelangi, other)
        #expect(d.sharedKeys.contains(MatchKey(.isbn, "9789793062792")))
        #expect(d.verdict == .nonMatch, "score \(d.score)")
        #expect(d.contributions.contains { $0.signal == "identifier isbn (titles disagree: not trusted)" })
    }

    @Test func decomposedAndPrecomposedDiacriticsAgree() {
        // A MARC-8 record decoded to UTF-8 carries combining marks (NFD); a UTF-8 record usually has
        // precomposed letters (NFC). Both fold to the same signals.
        let nfc = englishBook.with("245", "10", [("a", "Les misérables /"), ("c", "Victor Hugo ; traduit par Hélène.")])
        let nfd = englishBook.with("245", "10", [("a", "Les mise\u{301}rables /"), ("c", "Victor Hugo ; traduit par He\u{301}le\u{300}ne.")])
        let a = MatchProfile(record: nfc.record), b = MatchProfile(record: nfd.record)
        #expect(a.title == Array("miserables".utf8))
        #expect(a.title == b.title)
        #expect(a.keys == b.keys)
        #expect(Matcher().compare(a, b).verdict == .match)
    }

    @Test func contentAloneMergesWithoutISBN() {
        // One library left the ISBN out: the content score must carry the match on its own.
        let d = decide(laskarPelangi, laskarPelangiElsewhere.without("020"))
        #expect(d.sharedKeys.allSatisfy { !$0.isIdentifier })
        #expect(d.verdict == .match, "score \(d.score)")
    }

    @Test func sparseRecordsWithout008() {
        // What SLiMS and Dublin Core sources send: no 008, no extent, a bare imprint.
        let slims = Book([
            ("100", "0 ", [("a", "Andrea Hirata")]),
            ("245", "00", [("a", "Laskar Pelangi")]),
            ("260", "  ", [("a", "Yogyakarta"), ("b", "Bentang Pustaka"), ("c", "2019")]),
        ]).without("008")
        let d = decide(laskarPelangi, slims)
        #expect(d.vetoes.isEmpty)
        #expect(d.verdict == .match, "score \(d.score)")
        let sequel = slims.with("245", "00", [("a", "Sang Pemimpi")])
        #expect(decide(slims, sequel).verdict == .nonMatch, "score \(decide(slims, sequel).score)")
        #expect(decide(laskarPelangi, sequel).verdict == .nonMatch)
    }

    @Test func typoInTitleStillMerges() {
        let typo = englishBook.with("245", "10", [
            ("a", "Inquiries concerning the intelectual powers and the investigation of trtuh"),
            ("c", "by John Abercrombie"),
        ])
        let d = decide(englishBook, typo)
        #expect(d.vetoes.isEmpty)
        #expect(d.verdict == .match, "score \(d.score)")
    }

    /// Volumes of a series by one author, publisher and year, alike in pages: only the place in the title
    /// tells them apart (LC 00004534 and 00004536, Jacob Abbott's Rollo books).
    @Test func titlesDifferingByAWholeWordOnEachSideNeverMerge() {
        let geneva = englishBook.with("245", "10", [("a", "Rollo in Geneva /"), ("c", "by Jacob Abbott.")])
        let switzerland = englishBook.with("245", "10", [("a", "Rollo in Switzerland /"), ("c", "by Jacob Abbott.")])
        let d = decide(geneva, switzerland)
        #expect(d.vetoes.contains("title words differ (geneva vs switzerland)"), "\(d.vetoes)")
        #expect(d.verdict == .nonMatch)
        // A misspelt place is a typo, not another book.
        let typo = englishBook.with("245", "10", [("a", "Rollo in Genva /"), ("c", "by Jacob Abbott.")])
        #expect(!decide(geneva, typo).vetoes.contains { $0.hasPrefix("title words") })
        // Two copies with different typos of one word (lc-members planted these) are still one book.
        let one = englishBook.with("245", "12", [("a", "A biographical dictonary of musicians,")])
        let other = englishBook.with("245", "12", [("a", "A biographical dictionray of musicians,")])
        #expect(!decide(one, other).vetoes.contains { $0.hasPrefix("title words") })
    }

    @Test func differentBookBySameAuthorAndPublisherDoesNotMerge() {
        let other = englishBook.with("245", "10", [("a", "The philosophy of the moral feelings /"), ("c", "by John Abercrombie.")])
        let d = decide(englishBook, other)
        #expect(d.verdict == .nonMatch, "score \(d.score)")
    }

    @Test func ebookNeverMergesWithPrintEvenWithTheSameISBN() {
        let ebook = laskarPelangi
            .control("007", "cr |||||||||||")
            .with("300", "  ", [("a", "1 online resource (xiv, 529 halaman)")])
            .adding("338", "  ", [("a", "online resource"), ("b", "cr"), ("2", "rdacarrier")])
        let d = decide(laskarPelangi, ebook)
        #expect(d.verdict == .nonMatch)
        #expect(d.vetoes == ["format: electronic vs print"])
        #expect(d.sharedKeys.contains(MatchKey(.isbn, "9789793062792")))
    }

    @Test func microformNeverMergesWithPrint() {
        let film = englishBook.with("245", "10", [
            ("a", "Inquiries concerning the intellectual powers, and the investigation of truth"), ("h", "[microform] /"),
            ("c", "by John Abercrombie."),
        ])
        #expect(decide(englishBook, film).vetoes == ["format: microform vs print"])
    }

    @Test func differentEditionsNeverMerge() {
        let second = laskarPelangi.with("250", "  ", [("a", "2nd ed.")])
        let third = laskarPelangi.with("250", "  ", [("a", "Third edition.")])
        let d = decide(second, third)
        #expect(d.verdict == .nonMatch)
        #expect(d.vetoes == ["edition differs (2 vs 3)"])
        // "2nd ed." and "Second edition" are one edition.
        let spelled = laskarPelangi.with("250", "  ", [("a", "Second edition")])
        #expect(decide(second, spelled).vetoes.isEmpty)
        #expect(decide(second, spelled).verdict == .match)
    }

    @Test func volumesOfASetSharingAnISBNNeverMerge() {
        let set = laskarPelangi.with("020", "  ", [("a", "9789793062797")])
        let v1 = set.with("245", "10", [("a", "Ensiklopedi Islam."), ("n", "Jil. 1")])
        let v2 = set.with("245", "10", [("a", "Ensiklopedi Islam."), ("n", "Jil. II")])
        let d = decide(v1, v2)
        #expect(d.verdict == .nonMatch)
        #expect(d.vetoes == ["volume/part differs (245 $n $p)"])
        // Roman and arabic numbering of one part agree.
        let v2arabic = set.with("245", "10", [("a", "Ensiklopedi Islam."), ("n", "jilid 2")])
        #expect(decide(v2, v2arabic).vetoes.isEmpty)
    }

    @Test func typeAndLevelVetoes() {
        var score = laskarPelangi
        score.leader = "00000ncm a2200000 a 4500"
        #expect(decide(laskarPelangi, score).vetoes == ["type of record differs (leader/06 a vs c)"])
        var serial = laskarPelangi
        serial.leader = "00000nas a2200000 a 4500"
        #expect(decide(laskarPelangi, serial).vetoes == ["bibliographic level differs (monograph vs serial)"])
    }

    @Test func disjointISSNsVeto() {
        var journal = laskarPelangi.without("020").with("022", "0 ", [("a", "0317-8471")])
        journal.leader = "00000nas a2200000 a 4500"
        let other = journal.with("022", "0 ", [("a", "1234-5679")])
        #expect(decide(journal, other).vetoes == ["ISSNs differ"])
        // A shared ISSN confirms between serials.
        #expect(decide(journal, journal.with("245", "00", [("a", "LASKAR PELANGI.")])).verdict == .match)
    }

    @Test func yearsAndPagesApartVeto() {
        let later = englishBook.control("008", "841128s1845    mau           000 0 eng d")
            .with("260", "  ", [("a", "Boston :"), ("b", "Otis, Broaders,"), ("c", "1845.")])
        #expect(decide(englishBook, later).vetoes == ["years differ (1839 vs 1845)"])
        let longer = englishBook.with("300", "  ", [("a", "320 p. ;"), ("c", "19 cm.")])
        #expect(decide(englishBook, longer).vetoes == ["page counts differ (284 vs 320)"])
        // A questionable date is a range: `[18--?]` (008 `q18001899`) is not vetoed against 1839,
        // nor `18uu`; a range wholly before the other year is.
        let questionable = englishBook.control("008", "841128q18001899mau           000 0 eng d")
            .with("260", "  ", [("a", "Boston :"), ("b", "Otis, Broaders,"), ("c", "[18--?]")])
        #expect(decide(englishBook, questionable).vetoes.isEmpty)
        let unknownDigits = englishBook.control("008", "841128s18uu    mau           000 0 eng d")
            .with("260", "  ", [("a", "Boston :"), ("b", "Otis, Broaders,"), ("c", "[18--]")])
        #expect(decide(englishBook, unknownDigits).vetoes.isEmpty)
        let earlier = englishBook.control("008", "841128q18201829mau           000 0 eng d")
        #expect(decide(englishBook, earlier).vetoes == ["years differ (1820-1829 vs 1839)"])
        // Preliminary leaves stated first are not the page count.
        let leaves = englishBook.with("300", "  ", [("a", "3 p. l., viii, 284, [1] p. ;"), ("c", "19 cm.")])
        #expect(decide(englishBook, leaves).vetoes.isEmpty)
        // … nor when the cataloguer put the rest of the pagination into $b.
        let split = englishBook.with("300", "  ", [("a", "3 p."), ("b", "l., 284 p. front."), ("c", "19 cm.")])
        #expect(decide(englishBook, split).vetoes.isEmpty)
        let plates = englishBook.with("300", "  ", [("a", "3 p."), ("b", "7 pl."), ("c", "19 cm.")])
        #expect(decide(englishBook, plates).vetoes == ["page counts differ (284 vs 3)"])
    }

    @Test func seriesNumberingVeto() {
        let a = englishBook.adding("490", "1 ", [("a", "Circular / Agricultural Experiment Station ;"), ("v", "no. 274")])
        let b = englishBook.adding("490", "1 ", [("a", "Circular / Agricultural Experiment Station ;"), ("v", "no. 394")])
        #expect(decide(a, b).vetoes == ["series numbering differs (490 $v)"])
        let same = englishBook.adding("490", "1 ", [("a", "Circular - Agricultural Experiment Station"), ("v", "274")])
        #expect(decide(a, same).vetoes.isEmpty)
    }

    @Test func compareIsSymmetric() {
        let books = [
            laskarPelangi, laskarPelangiElsewhere, laskarPelangiElsewhere.without("020"), englishBook,
            englishBook.with("250", "  ", [("a", "2nd ed.")]), englishBook.without("100"),
            laskarPelangi.control("007", "cr |||||||||||"),
            englishBook.with("245", "10", [("a", "Inquiries concerning the intelectual powers")]),
        ]
        let profiles = books.map { MatchProfile(record: $0.record) }
        for a in profiles {
            for b in profiles {
                let ab = matcher.compare(a, b), ba = matcher.compare(b, a)
                #expect(ab == ba)
            }
        }
    }

    @Test func contributionsAddUpToTheScore() {
        let d = decide(englishBook, englishBook.without("650"))
        let sum = d.contributions.reduce(0) { $0 + $1.weight }
        #expect(abs(sum - d.score) < 1e-9)
        #expect(d.contributions.contains { $0.signal == "title-exact" && $0.weight > 0 })
    }
}
