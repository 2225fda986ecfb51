/// The comparison signals of a pair of profiles as a vector of numbers: agreement levels (0/1) and
/// similarities in [0, 1]. The score is a logistic model over these (weights in
/// `TrainedWeights.swift`, learned by `dedup-tune`); every feature is symmetric in its two
/// profiles, so the score is too.
///
/// Adding, removing or reordering a feature changes the meaning of the trained weights: run
/// `Scripts/dedup-tune` again and commit the regenerated `TrainedWeights.swift`.
package enum MatchFeatures {
    package static let names: [String] = [
        "bias",
        "title-exact", "title-proper-exact", "title-jw", "title-jw>=0.97", "title-jw>=0.9", "title-jaccard",
        "title-containment", "title-contained", "title-numbers-conflict", "title-numbers-one-side",
        "title-proper-jw", "title-length-ratio",
        "author-both-missing", "author-one-missing", "author-exact", "author-jw", "names-jaccard",
        "names-one-missing", "responsibility-jaccard", "responsibility-one-missing",
        "year-equal", "year-ranges-overlap", "year-1-apart", "year-2-3-apart", "year-far-apart", "year-missing",
        "pages-equal", "pages-1-3-apart", "pages-4-10-apart", "pages-far-apart", "pages-one-missing",
        "extent-jaccard", "volumes-conflict", "volumes-one-side",
        "height-equal", "height-1-apart", "height-far-apart",
        "edition-both-none", "edition-equal", "edition-jaccard", "edition-one-side", "edition-number-one-side",
        "part-equal", "part-one-side",
        "series-jaccard", "series-one-side", "series-number-equal", "series-number-one-side",
        "publisher-jaccard", "publisher-containment", "publisher-missing",
        "place-jaccard", "country-equal", "country-differs", "language-equal", "language-differs",
        "subject-jaccard", "subject-one-missing",
        "title-and-author-exact", "title-exact-year-equal",
        "date-type-equal", "date2-equal", "date2-differs", "illustrations-equal", "contents-equal",
        "government-equal", "index-equal", "literary-form-equal", "biography-equal", "coded-missing",
    ]

    package static var count: Int { names.count }

    /// Fills `x` (of `count` elements) with the features of the pair.
    package static func compute(_ a: MatchProfile, _ b: MatchProfile, into x: inout [Double]) {
        var i = 0
        @inline(__always) func put(_ v: Double) {
            x[i] = v
            i += 1
        }
        @inline(__always) func flag(_ c: Bool) { put(c ? 1 : 0) }

        put(1)
        // Title
        let titleExact = !a.title.isEmpty && a.title == b.title
        flag(titleExact)
        flag(!a.titleProper.isEmpty && a.titleProper == b.titleProper)
        let jw = titleExact ? 1 : Similarity.jaroWinkler(a.title, b.title)
        put(jw)
        flag(jw >= 0.97)
        flag(jw >= 0.9)
        put(Similarity.jaccard(a.titleWords, b.titleWords))
        let containment = Similarity.containment(a.titleWords, b.titleWords)
        put(containment)
        flag(containment == 1)
        let bothNumbers = !a.titleNumbers.isEmpty && !b.titleNumbers.isEmpty
        flag(bothNumbers && a.titleNumbers != b.titleNumbers)
        flag(a.titleNumbers.isEmpty != b.titleNumbers.isEmpty)
        put(a.titleProper == b.titleProper ? 1 : Similarity.jaroWinkler(a.titleProper, b.titleProper))
        let la = a.title.count, lb = b.title.count
        put(max(la, lb) == 0 ? 0 : Double(min(la, lb)) / Double(max(la, lb)))

        // Names
        let aAuthor = !a.author.isEmpty, bAuthor = !b.author.isEmpty
        flag(!aAuthor && !bAuthor)
        flag(aAuthor != bAuthor)
        let authorExact = aAuthor && a.author == b.author
        flag(authorExact)
        put(aAuthor && bAuthor ? (authorExact ? 1 : Similarity.jaroWinkler(a.author, b.author, limit: 32)) : 0)
        put(Similarity.jaccard(a.nameWords, b.nameWords))
        flag(a.nameWords.isEmpty != b.nameWords.isEmpty)
        put(Similarity.jaccard(a.responsibilityWords, b.responsibilityWords))
        flag(a.responsibilityWords.isEmpty != b.responsibilityWords.isEmpty)

        // Year
        let gap = MatchProfile.yearGap(a, b)
        let yearKnown = gap != nil
        let dy = gap ?? 0
        let exact = a.yearLast <= a.year && b.yearLast <= b.year
        flag(yearKnown && dy == 0 && exact)
        flag(yearKnown && dy == 0 && !exact)
        flag(yearKnown && dy == 1)
        flag(yearKnown && (2...3).contains(dy))
        flag(yearKnown && dy > 3)
        flag(!yearKnown)

        // Extent
        let pagesKnown = a.pages != 0 && b.pages != 0
        let dp = abs(Int(a.pages) - Int(b.pages))
        flag(pagesKnown && dp == 0)
        flag(pagesKnown && (1...3).contains(dp))
        flag(pagesKnown && (4...10).contains(dp))
        flag(pagesKnown && dp > 10)
        flag((a.pages == 0) != (b.pages == 0))
        put(Similarity.jaccard(a.extentWords, b.extentWords))
        flag(a.volumeCount != 0 && b.volumeCount != 0 && a.volumeCount != b.volumeCount)
        flag((a.volumeCount == 0) != (b.volumeCount == 0))
        let heightKnown = a.height != 0 && b.height != 0
        let dh = abs(Int(a.height) - Int(b.height))
        flag(heightKnown && dh == 0)
        flag(heightKnown && dh == 1)
        flag(heightKnown && dh > 1)

        // Edition
        flag(!a.hasEdition && !b.hasEdition)
        let bothEdition = a.hasEdition && b.hasEdition
        flag(bothEdition && a.editionWords == b.editionWords)
        put(bothEdition ? Similarity.jaccard(a.editionWords, b.editionWords) : 0)
        flag(a.hasEdition != b.hasEdition)
        flag((a.editionNumber >= 2 && b.editionNumber == 0) || (b.editionNumber >= 2 && a.editionNumber == 0))

        // Part
        flag(!a.part.isEmpty && a.part == b.part)
        flag(a.part.isEmpty != b.part.isEmpty)

        // Series
        put(Similarity.jaccard(a.seriesWords, b.seriesWords))
        flag(a.seriesWords.isEmpty != b.seriesWords.isEmpty)
        flag(!a.seriesNumbers.isEmpty && a.seriesNumbers == b.seriesNumbers)
        flag(a.seriesNumbers.isEmpty != b.seriesNumbers.isEmpty)

        // Publication
        put(Similarity.jaccard(a.publisherWords, b.publisherWords))
        put(Similarity.containment(a.publisherWords, b.publisherWords))
        flag(a.publisherWords.isEmpty || b.publisherWords.isEmpty)
        put(Similarity.jaccard(a.placeWords, b.placeWords))
        flag(a.country != 0 && a.country == b.country)
        flag(a.country != 0 && b.country != 0 && a.country != b.country)
        flag(a.language != 0 && a.language == b.language)
        flag(a.language != 0 && b.language != 0 && a.language != b.language)

        // Subjects
        put(Similarity.jaccard(a.subjectWords, b.subjectWords))
        flag(a.subjectWords.isEmpty != b.subjectWords.isEmpty)

        // Interactions
        flag(titleExact && authorExact)
        flag(titleExact && yearKnown && dy == 0 && exact)

        // 008 coded data (positions in `MatchProfile.coded`)
        if a.coded.count == 18 && b.coded.count == 18 {
            let ca = a.coded, cb = b.coded
            @inline(__always) func same(_ r: Range<Int>) -> Bool { ca[r] == cb[r] }
            @inline(__always) func known(_ c: [UInt8], _ r: Range<Int>) -> Bool {
                c[r].contains { $0 != 0x20 && $0 != UInt8(ascii: "|") && $0 != UInt8(ascii: "u") }
            }
            flag(same(0..<1))
            let date2Known = known(ca, 1..<5) && known(cb, 1..<5)
            flag(date2Known && same(1..<5))
            flag(date2Known && !same(1..<5))
            flag(same(5..<9))
            flag(same(9..<13))
            flag(same(13..<14))
            flag(same(15..<16))
            flag(same(16..<17))
            flag(same(17..<18))
            flag(false)
        } else {
            for _ in 0..<9 { put(0) }
            flag(true)
        }
        assert(i == names.count)
    }
}
