import Foundation
import Harvest
import Testing
import _KatalogTestSupport

/// Against the real third-party provider (`../shared/tools/oai-peer`), 7 synthetic records, 3 per page:
/// 6 records and 1 deletion (lib1-0004).
@Suite(.serialized, .enabled(if: OAIPeer.available, "needs ../shared/tools/oai-peer and .venv-oai-peer"))
struct OAIPeerTests {
    static func source(_ peer: OAIPeer, prefix: String = "marc21") -> OAISource {
        var source = HarvestFaultTests.fastSource(peer.baseURL)
        source.metadataPrefix = prefix
        source.readTimeoutMilliseconds = 10_000
        source.retries = 4
        return source
    }

    @Test(arguments: ["marc21", "oai_dc"]) func fullThenIncrementalAfterEditsAndDeletes(prefix: String) async throws {
        let peer = try OAIPeer()
        defer { peer.stop() }
        let dir = HarvestFaultTests.temporaryDirectory()
        let first = try await HarvestFaultTests.harvest(Self.source(peer, prefix: prefix), into: dir)
        #expect(first.error == nil && first.completed)
        #expect(first.records == 6 && first.deletions == 1)
        #expect(first.pages == 3)
        let sink = try DirectorySink(root: dir)
        var items = try sink.currentItems(member: "T")
        #expect(items.count == 7)
        #expect(items["oai:loopback.test:lib1-0004"]?.deleted == true)
        #expect(items["oai:loopback.test:lib2-0003"]?.deleted == false)
        let xml = try String(contentsOfFile: dir + "/T/pages/000002.xml", encoding: .utf8)
        #expect(xml.contains("<record"))

        // The provider's clock has to move past the first run's responseDate for the edit to show.
        try await Task.sleep(for: .seconds(1.1))
        try peer.touch("lib2-0001")
        try peer.touch("lib1-0003", delete: true)
        let second = try await HarvestFaultTests.harvest(Self.source(peer, prefix: prefix), into: dir)
        #expect(second.error == nil && second.completed)
        #expect(second.records >= 1 && second.deletions >= 1)
        #expect(second.records + second.deletions < 7)
        items = try sink.currentItems(member: "T")
        #expect(items["oai:loopback.test:lib1-0003"]?.deleted == true)
        #expect(items["oai:loopback.test:lib2-0001"]?.deleted == false)
        let state = try #require(try await sink.state(member: "T"))
        #expect(state.run == nil && state.nextFrom != nil)
    }

    @Test(arguments: [["--retry-after", "1"], ["--retry-after-date"]])
    func survives503WithEitherRetryAfterForm(arguments: [String]) async throws {
        let peer = try OAIPeer(arguments: ["--fail-503", "2"] + arguments)
        defer { peer.stop() }
        let report = try await HarvestFaultTests.harvest(Self.source(peer), into: HarvestFaultTests.temporaryDirectory())
        #expect(report.error == nil)
        #expect(report.retries == 2)
        #expect(report.records == 6)
    }

    @Test func readsGzipBodiesAndReconciles() async throws {
        let peer = try OAIPeer(arguments: ["--gzip"])
        defer { peer.stop() }
        let dir = HarvestFaultTests.temporaryDirectory()
        let report = try await HarvestFaultTests.harvest(Self.source(peer), into: dir, options: .init(reconcile: true))
        #expect(report.error == nil)
        #expect(report.records == 6)
        #expect(report.identifiersSeen == 6)
        let listed = try String(contentsOfFile: dir + "/T/reconcile/identifiers.txt", encoding: .utf8)
        #expect(listed.split(separator: "\n").count == 6)
        #expect(!listed.contains("lib1-0004"))
    }

    @Test func dayGranularitySendsDays() async throws {
        let peer = try OAIPeer(arguments: ["--granularity", "day"])
        defer { peer.stop() }
        let dir = HarvestFaultTests.temporaryDirectory()
        _ = try await HarvestFaultTests.harvest(Self.source(peer), into: dir)
        let state = try #require(try await DirectorySink(root: dir).state(member: "T"))
        let from = try #require(state.nextFrom)
        #expect(from.count == 10)
        // The incremental run's from is a day: today's records (none here) come again, nothing is missed.
        let second = try await HarvestFaultTests.harvest(Self.source(peer), into: dir)
        #expect(second.error == nil && second.completed)
    }
}
