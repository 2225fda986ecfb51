@testable import Dedup
import KatalogIO
import Testing

@Suite struct MatchSettingsTests {
    func settings(_ toml: String) throws -> MatchSettings {
        try MatchSettings(table: try TOML.parse(toml)["match"]?.table)
    }

    @Test func defaultsAreTheTrainedValues() throws {
        let s = try settings("")
        #expect(s.threshold == MatchSettings().threshold)
        #expect(s.weights.count == MatchFeatureAccess.count)
    }

    @Test func readsFloatsAndIntegers() throws {
        let s = try settings("""
            [match]
            threshold = 2.5
            identifier-score = 30
            years-apart = 1
            pages-apart = 5

            [match.weights]
            title-exact = -0.5e1
            """)
        #expect(s.threshold == 2.5)
        #expect(s.identifierScore == 30)
        #expect(s.yearsApart == 1)
        #expect(s.pagesApart == 5)
        #expect(s.weights[MatchFeatureAccess.names.firstIndex(of: "title-exact")!] == -5)
    }

    @Test func unknownKeyNamesItsLine() {
        #expect(throws: MatchSettingsError.self) { try settings("[match]\nthreshold = 3\nthreshhold = 4\n") }
        do {
            _ = try settings("[match]\nthreshold = 3\nthreshhold = 4\n")
        } catch let error as MatchSettingsError {
            #expect(error.line == 3)
            #expect(error.description.contains("threshhold"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        do {
            _ = try settings("[match]\n\n[match.weights]\nno-such-feature = 1.0\n")
            Issue.record("accepted an unknown feature")
        } catch let error as MatchSettingsError {
            #expect(error.line == 4)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func wrongTypeIsAnError() {
        #expect(throws: MatchSettingsError.self) { try settings("[match]\nthreshold = \"high\"\n") }
        #expect(throws: MatchSettingsError.self) { try settings("[match]\nyears-apart = 1.5\n") }
    }
}
