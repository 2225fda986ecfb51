import ISIS
import KatalogIO
import MARCRecord
import Testing

/// The TOML subset and the profile format.
struct ProfileTests {
    @Test func parsesTablesArraysOfTablesInlineTablesAndEscapes() throws {
        let table = try TOML.parse("""
            # comment
            name = "a \\"quoted\\" \\u00e9"   # trailing comment
            literal = 'C:\\path'
            n = 1_000
            yes = true
            list = [ 1,
                     2, ]   # multi-line, trailing comma
            [[field]]
            isis = 24
            subfields = { a = "b", "1" = "u" }
            [[field]]
            isis = 70
            [meta.inner]
            x = -3
            """)
        #expect(table["name"]?.string == "a \"quoted\" é")
        #expect(table["literal"]?.string == "C:\\path")
        #expect(table["n"]?.integer == 1000)
        #expect(table["yes"]?.boolean == true)
        #expect(table["list"]?.array == [.integer(1), .integer(2)])
        let fields = try #require(table["field"]?.array)
        #expect(fields.count == 2)
        #expect(fields[0].table?["subfields"]?.table?["1"]?.string == "u")
        #expect(fields[1].table?["isis"]?.integer == 70)
        #expect(table["meta"]?.table?["inner"]?.table?["x"]?.integer == -3)
    }

    @Test(arguments: [
        ("a = 1\na = 2", 2), ("a = \"open", 1), ("x = 1979-05-27", 1), ("[t]\n[t]", 2), ("\n\nk = [1 2]", 3),
    ])
    func errorsSayWhere(_ text: String, _ line: Int) {
        #expect(throws: TOMLError.self) { try TOML.parse(text) }
        do { _ = try TOML.parse(text) } catch { #expect(error.line == line, "\(error)") }
    }

    @Test(arguments: ISISProfile.shippedNames)
    func everyShippedProfileParses(_ name: String) throws {
        let profile = try #require(ISISProfile.shipped(name))
        #expect(profile.name == name)
        #expect(profile.leader.count == 24)
    }

    @Test func unknownKeysAndBadTagsAreRefusedWithTheirLine() {
        #expect(throws: ISISProfileError.self) { try ISISProfile(toml: "nmae = \"x\"", source: "t") }
        do {
            _ = try ISISProfile(toml: "name = \"x\"\n[[field]]\nisis = 1\ntag = \"24\"", source: "t")
            Issue.record("a two-digit tag was accepted")
        } catch {
            #expect(error.message.contains("line 4"), "\(error)")
        }
        #expect(throws: ISISProfileError.self) {
            try ISISProfile(toml: "[[field]]\nisis = 1\nleader = 10", source: "t")  // computed position
        }
    }
}
