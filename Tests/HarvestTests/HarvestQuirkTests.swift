import Foundation
import Harvest
import Testing
import _KatalogTestSupport

/// The named quirk switches change what is sent and what is stored.
@Suite struct HarvestQuirkTests {
    typealias Item = OAIFixture.Item

    /// A provider whose list is one page; the Identify responseDate is fixed.
    static func server() async throws -> FaultServer {
        try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            return .page(OAIFixture.listRecords([Item(id: "oai:10.0.0.5:77", datestamp: "2024-03-01T08:00:00Z")],
                token: nil))
        }
    }

    static func twoRuns(_ quirks: Set<OAISource.Quirk>) async throws -> (FaultServer, String, [String]) {
        let server = try await server()
        var source = HarvestFaultTests.fastSource(server.baseURL)
        source.quirks = quirks
        let dir = HarvestFaultTests.temporaryDirectory()
        _ = try await HarvestFaultTests.harvest(source, into: dir)
        let second = try await HarvestFaultTests.harvest(source, into: dir)
        #expect(second.error == nil)
        return (server, dir, server.requestURIs.filter { $0.contains("verb=ListRecords") })
    }

    @Test func hostInIdentifierRewritesTheHostToTheMemberCode() async throws {
        let (server, dir, _) = try await Self.twoRuns([.hostInIdentifier])
        defer { Task { await server.stop() } }
        let items = try DirectorySink(root: dir).currentItems(member: "T")
        #expect(Array(items.keys) == ["oai:T:77"])
    }

    @Test func fromNeedsUntilSendsBoth() async throws {
        let (server, _, lists) = try await Self.twoRuns([.fromNeedsUntil])
        defer { Task { await server.stop() } }
        #expect(OAIFixture.parameter("from", in: lists[1]) == OAIFixture.responseDate)
        #expect(OAIFixture.parameter("until", in: lists[1]) == OAIFixture.responseDate)
        #expect(OAIFixture.parameter("until", in: lists[0]) == nil)
    }

    @Test func creationDatestampsHarvestEverythingEveryTime() async throws {
        let (server, _, lists) = try await Self.twoRuns([.creationDatestamps])
        defer { Task { await server.stop() } }
        #expect(lists.allSatisfy { OAIFixture.parameter("from", in: $0) == nil })
    }

    @Test func localTimeAsZMovesTheNextFromADayBack() async throws {
        let (server, _, lists) = try await Self.twoRuns([.localTimeAsZ])
        defer { Task { await server.stop() } }
        #expect(OAIFixture.parameter("from", in: lists[1]) == "2026-11-24T10:00:00Z")
    }

    @Test func dayGranularityOnlySendsDays() async throws {
        let (server, _, lists) = try await Self.twoRuns([.dayGranularityOnly])
        defer { Task { await server.stop() } }
        #expect(OAIFixture.parameter("from", in: lists[1]) == "2026-11-25")
    }

    @Test func badArgumentOnSecondsFallsBackToDays() async throws {
        let server = try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            if let from = OAIFixture.parameter("from", in: uri), from.count > 10 {
                return .page(OAIFixture.error("badArgument", "granularity"))
            }
            return .page(OAIFixture.listRecords([Item(id: "oai:t:1", datestamp: "2024-03-01")], token: nil))
        }
        defer { Task { await server.stop() } }
        let dir = HarvestFaultTests.temporaryDirectory()
        let source = HarvestFaultTests.fastSource(server.baseURL)
        _ = try await HarvestFaultTests.harvest(source, into: dir)
        let second = try await HarvestFaultTests.harvest(source, into: dir)
        #expect(second.error == nil && second.records == 1)
        #expect(OAIFixture.parameter("from", in: server.requestURIs.last!) == "2026-11-25")
    }
}

/// `katalog harvest` end to end (skips when the executable has not been built).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: Paths.katalogBinary), "katalog is not built"))
struct HarvestCLITests {
    @Test func harvestsIntoADirectoryAndExitsZero() async throws {
        let binary = Paths.katalogBinary
        let server = try await FaultServer(script: HarvestFaultTests.twoPageScript())
        defer { Task { await server.stop() } }
        let dir = HarvestFaultTests.temporaryDirectory()
        let config = dir + "/katalog.toml"
        try """
            [[member]]
            code = "ONE"
            [member.oai]
            url = "\(server.baseURL)"
            delay-ms = 0

            [[member]]
            code = "TWO"
            [member.oai]
            url = "\(server.baseURL)"
            delay-ms = 0
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["harvest", "--config", config, "--to-dir", dir + "/out", "--member", "TWO"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("TWO: 2 pages, 3 records, 1 deletions; complete"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/ONE"))
        #expect(try DirectorySink(root: dir + "/out").currentItems(member: "TWO").count == 4)
    }

    @Test func anUnknownKeyIsAUsageErrorNamingItsLine() throws {
        let binary = Paths.katalogBinary
        let dir = HarvestFaultTests.temporaryDirectory()
        try "[[member]]\ncode = \"A\"\n[member.oai]\nurl = \"http://127.0.0.1:9/oai\"\nmetadata = \"marc21\"\n"
            .write(toFile: dir + "/k.toml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["harvest", "--config", dir + "/k.toml", "--to-dir", dir + "/out"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(output.contains("line 5: unknown key 'metadata'"))
    }
}
