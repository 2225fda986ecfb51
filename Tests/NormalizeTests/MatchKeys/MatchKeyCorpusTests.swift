import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import Normalize
import Testing
import _KatalogTestSupport

/// The four keys over the Library of Congress slice: every record gets a title key, nearly every one
/// a year, and the keys come out as the records say.
@Suite struct MatchKeyCorpusTests {
    @Test(.enabled(if: Paths.corpusFile("marc/lc-books/lc-books-25k.mrc").map {
        FileManager.default.fileExists(atPath: $0) } == true, "needs ../shared/corpus"))
    func libraryOfCongressSlice() throws {
        let path = try #require(Paths.corpusFile("marc/lc-books/lc-books-25k.mrc"))
        var reader = ISO2709Reader(source: try FileByteSource(path: path), fileName: path)
        let records = try readAll(&reader).records
        #expect(records.count == 25_000)
        var titles = 0, authors = 0, years = 0, pages = 0
        var nonASCII = 0
        let start = ContinuousClock.now
        for record in records {
            if let title = TitleKey.key(for: record) {
                titles += 1
                if !title.utf8.allSatisfy({ $0 < 0x80 }) { nonASCII += 1 }
            }
            if AuthorKey.key(for: record) != nil { authors += 1 }
            if YearKey.key(for: record) != nil { years += 1 }
            if PaginationKey.key(for: record) != nil { pages += 1 }
        }
        let elapsed = ContinuousClock.now - start
        print("match keys on LC 25k: titles \(titles), authors \(authors), years \(years), pages \(pages), "
            + "non-ASCII title keys \(nonASCII), \(elapsed)")
        #expect(titles == 25_000)
        #expect(nonASCII == 0)
        #expect(years >= 24_990)
        #expect(authors >= 24_500)
        #expect(pages >= 23_500)
    }
}
