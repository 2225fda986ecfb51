import KatalogIO
import Testing

@Suite struct TOMLArrayOfTablesTests {
    @Test func eachElementOfAnArrayOfTablesHasItsOwnSubTables() throws {
        let root = try TOML.parse("""
            [[member]]
            code = "A"
            [member.oai]
            url = "http://a/oai"

            [[member]]
            code = "B"
            [member.oai]
            url = "http://b/oai"
            """)
        let members = try #require(root["member"]?.array)
        #expect(members.count == 2)
        #expect(members[1].table?["oai"]?.table?["url"]?.string == "http://b/oai")
        #expect(members[0].table?["oai"]?.table?["url"]?.string == "http://a/oai")
    }

    @Test func aSubTableTwiceInOneElementIsStillAnError() {
        #expect(throws: TOMLError.self) {
            _ = try TOML.parse("[[member]]\n[member.oai]\nurl = \"x\"\n[member.oai]\nurl = \"y\"\n")
        }
    }
}
