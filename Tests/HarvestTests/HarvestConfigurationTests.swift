import Foundation
import Harvest
import Testing

@Suite struct HarvestConfigurationTests {
    @Test func readsAMemberWithEverySetting() throws {
        let config = try HarvestConfiguration(toml: """
            [harvest]
            user-agent = "Katalog-test (mailto:x@example.org)"

            [[member]]
            code = "UNAIR"
            name = "Universitas Airlangga"
            [member.oai]
            url = "https://lib.example.ac.id/oai"
            metadata-prefix = "oai_dc"
            sets = ["book", "serial"]
            delay-ms = 250
            read-timeout-ms = 30000
            retries = 2
            username-env = "U_USER"
            password-env = "U_PASS"
            quirks = ["local-time-as-z", "host-in-identifier"]

            [[member]]
            code = "FILES"
            files = "drop/*.mrc"

            [[member]]
            code = "UGM"
            [member.oai]
            url = "http://ugm.example/oai"
            """)
        #expect(config.userAgent.hasPrefix("Katalog-test"))
        #expect(config.members.count == 3)
        #expect(config.members[2].oai?.baseURL == "http://ugm.example/oai")
        #expect(config.members[2].oai?.metadataPrefix == "marc21")
        let oai = try #require(config.members[0].oai)
        #expect(oai.isDublinCore)
        #expect(oai.sets == ["book", "serial"])
        #expect(oai.delayMilliseconds == 250 && oai.readTimeoutMilliseconds == 30000 && oai.retries == 2)
        #expect(oai.quirks == [.localTimeAsZ, .hostInIdentifier])
        #expect(oai.usernameVariable == "U_USER")
        #expect(oai.host == "lib.example.ac.id")
        #expect(config.members[1].oai == nil)
    }

    @Test(arguments: [
        ("[[member]]\ncode = \"A\"\n[member.oai]\nurl = \"http://x/oai\"\ndelay = 5\n", 5, "unknown key 'delay'"),
        ("[[member]]\ncode = \"A\"\ncolour = \"red\"\n", 3, "unknown key 'colour'"),
        ("[[member]]\ncode = \"A\"\n[member.oai]\nurl = \"http://x/oai\"\nquirks = [\"nope\"]\n", 5, "no quirk named"),
        ("[[member]]\ncode = \"A\"\n[member.oai]\nurl = \"http://u:secret@x/oai\"\n", 4, "must not hold credentials"),
        ("[[member]]\ncode = \"A\"\n[member.oai]\nurl = \"http://x/oai\"\nretries = \"3\"\n", 5, "must be an integer"),
        ("[[member]]\ncode = \"A\"\n[member.oai]\nurl = \"http://x/oai\"\nusername-env = \"U\"\n", 5, "go together"),
    ])
    func refusesMistakesNamingTheLine(text: String, line: Int, message: String) {
        #expect {
            _ = try HarvestConfiguration(toml: text)
        } throws: { error in
            guard let error = error as? HarvestConfigurationError else { return false }
            return error.line == line && error.message.contains(message) && !error.description.contains("secret")
        }
    }

    @Test func missingCredentialsNameTheVariablesNotTheValues() throws {
        let source = OAISource(baseURL: "http://127.0.0.1:1/oai", usernameVariable: "K_USER", passwordVariable: "K_PASS")
        #expect {
            _ = try Harvester(member: "A", source: source, sink: try DirectorySink(root: NSTemporaryDirectory()),
                transport: NoTransport(),
                gate: HostGate(), userAgent: "t", spoolDirectory: "/tmp", environment: ["K_USER": "me"])
        } throws: { error in
            "\(error)".contains("K_PASS") && !"\(error)".contains("me:")
        }
    }
}

@Suite struct OAIDateTests {
    @Test func roundTripsBothGranularities() throws {
        let date = try #require(OAIDate("2024-03-09T23:59:58Z"))
        #expect(date.formatted(.seconds) == "2024-03-09T23:59:58Z")
        #expect(date.formatted(.day) == "2024-03-09")
        #expect(OAIDate("2024-03-09")?.formatted(.seconds) == "2024-03-09T00:00:00Z")
        #expect(OAIDate("1969-12-31T23:59:59Z")?.secondsSince1970 == -1)
        #expect(OAIDate("2024-02-30x") == nil)
        #expect(OAIDate("2024-13-01") == nil)
    }

    @Test func retryAfterTakesBothFormsAndCapsThem() {
        #expect(RetryAfter.seconds("120", now: 0, cap: 3600) == 120)
        #expect(RetryAfter.seconds("999999", now: 0, cap: 3600) == 3600)
        let now = RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:37 GMT")!
        #expect(now == 784_111_777)
        #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:50:07 GMT", now: now, cap: 3600) == 30)
        #expect(RetryAfter.seconds("Sunday, 06-Nov-94 08:50:37 GMT", now: now, cap: 3600) == 60)
        #expect(RetryAfter.seconds("Sun Nov  6 08:49:47 1994", now: now, cap: 3600) == 10)
        #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:00:00 GMT", now: now, cap: 3600) == 0)
        #expect(RetryAfter.seconds("soon", now: now, cap: 3600) == nil)
    }
}

/// A transport for tests that must not reach the network.
struct NoTransport: HTTPTransport {
    func fetch(_ request: HTTPFetchRequest, bodyPath: String) async throws -> HTTPFetchResponse {
        throw TransportError(.other, "no network in this test")
    }
    func shutdown() async {}
}
