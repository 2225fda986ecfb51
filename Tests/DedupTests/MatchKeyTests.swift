import Dedup
import Testing

@Suite struct MatchKeyTests {
    @Test func storedFormIsKindColonValue() {
        #expect(MatchKey(.isbn, "9789796556062").description == "isbn:9789796556062")
        #expect(MatchKey(.isbn, "1").isIdentifier)
        #expect(!MatchKey(.content, "x").isIdentifier)
    }
}
