import Dedup
import MARCRecord
import Testing

@Suite struct MatchProfileSerializationTests {
    @Test func roundTripsExactly() throws {
        for book in [laskarPelangi, englishBook, englishBook.adding("490", "1 ", [("a", "Series"), ("v", "12")])
            .adding("035", "  ", [("a", "(OCoLC)ocm00012345")]).with("250", "  ", [("a", "2nd ed., rev.")]),
            Book()]
        {
            let profile = MatchProfile(record: book.record)
            let bytes = profile.serialized()
            #expect(bytes.first == 3)  // the version
            let back = try #require(MatchProfile(serialized: bytes))
            #expect(back == profile)
            #expect(back.serialized() == bytes)
        }
    }

    @Test func isCompact() {
        let bytes = MatchProfile(record: laskarPelangi.record).serialized()
        #expect(bytes.count < 400)
    }

    @Test func refusesWhatItCannotRead() {
        let bytes = MatchProfile(record: englishBook.record).serialized()
        #expect(MatchProfile(serialized: []) == nil)
        #expect(MatchProfile(serialized: [99] + bytes.dropFirst()) == nil)  // another version
        #expect(MatchProfile(serialized: Array(bytes.dropLast())) == nil)  // truncated
        #expect(MatchProfile(serialized: bytes + [0]) == nil)  // trailing bytes
        for cut in stride(from: 1, to: bytes.count, by: 7) {
            _ = MatchProfile(serialized: Array(bytes.prefix(cut)))  // never traps
        }
    }
}
