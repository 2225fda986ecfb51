import MARCRecord
import Normalize
import Testing

@Suite("Normalizer configuration ([normalize] in katalog.toml)")
struct NormalizerConfigurationTests {
    @Test("default: every rule, in the documented order")
    func defaults() throws {
        let normalizer = try Normalizer()
        #expect(normalizer.rules.map { type(of: $0).name } == [
            "nfc", "whitespace", "issn", "isbn", "lccn", "oclc", "fixed-fields", "provenance", "leader",
        ])
    }

    @Test("order and settings from the file; other sections ignored")
    func fromTOML() throws {
        let text = """
            [catalog]
            path = "union.sqlite"

            [normalize]
            rules = ["whitespace", "isbn", "leader"]

            [normalize.isbn]
            add-isbn13 = false
            """
        let normalizer = try Normalizer(NormalizerConfiguration(toml: text))
        #expect(normalizer.rules.map { type(of: $0).name } == ["whitespace", "isbn", "leader"])
        let record = RuleTesting.record(["=020  \\\\$a0-19-852663-6  (pbk.)"])
        let (out, changes) = normalizer.normalized(record)
        #expect(RuleTesting.lines(out) == ["020 ## $a0198526636$qpbk."])
        // The leader was already right (09 = a, 2 and 2, 4500): the leader rule has nothing to record.
        #expect(changes.map(\.rule) == ["whitespace", "isbn"])
    }

    @Test("mistakes are errors with their line: unknown rule, unknown setting, wrong type")
    func mistakes() {
        #expect(throws: NormalizerConfigurationError.self) {
            try Normalizer(NormalizerConfiguration(toml: "[normalize]\nrules = [\"nfc\", \"isbm\"]\n"))
        }
        do {
            _ = try Normalizer(NormalizerConfiguration(toml: "[normalize]\n\n[normalize.isbn]\nadd-isbn = true\n"))
            Issue.record("an unknown setting was accepted")
        } catch {
            #expect(error.line == 4)
            #expect(error.message.contains("add-isbn"))
        }
        #expect(throws: NormalizerConfigurationError.self) {
            try Normalizer(NormalizerConfiguration(toml: "[normalize.whitespace]\ncollapse = \"yes\"\n"))
        }
        #expect(throws: NormalizerConfigurationError.self) {
            try Normalizer(NormalizerConfiguration(toml: "[normalize.provenance]\ncall-number-from = [\"001\"]\n"))
        }
    }
}
