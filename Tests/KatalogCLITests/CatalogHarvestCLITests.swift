#if canImport(Glibc)
import Glibc
#endif
import Catalog
import Foundation
import Testing
import _KatalogTestSupport

/// `katalog harvest` and `katalog run` into the catalogue, against the third-party test provider
/// (`../shared/tools/oai-peer`: 7 synthetic records, 6 live and lib1-0004 deleted).
@Suite(.serialized, .enabled(if: OAIPeer.available, "needs ../shared/tools/oai-peer and .venv-oai-peer"))
struct CatalogHarvestCLITests {
    let katalog = Paths.katalogBinary

    /// A katalog.toml beside the catalogue (`[catalog] path` is relative to the config's folder).
    static func config(_ dir: URL, members: [(code: String, url: String, prefix: String)], delayMs: Int = 0,
        sets: [String: String] = [:], extra: String = "") throws -> String
    {
        var text = "[catalog]\npath = \"union.sqlite\"\n\n"
        for m in members {
            text += """
                [[member]]
                code = "\(m.code)"
                [member.oai]
                url = "\(m.url)"
                metadata-prefix = "\(m.prefix)"
                \(sets[m.code].map { "sets = [\"\($0)\"]" } ?? "")
                delay-ms = \(delayMs)
                retries = 2
                backoff-ms = 50
                connect-timeout-ms = 2000
                read-timeout-ms = 10000


                """
        }
        text += extra
        let path = dir.appendingPathComponent("katalog.toml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The member's live records in the catalogue, by local id (= OAI identifier).
    static func live(_ catalog: String, _ member: String = "T") throws -> Set<String> {
        try CatalogStore(path: catalog).liveLocalIDs(member: member)
    }

    /// The live member records (identifier and content hash) and the live clusters (members and merged
    /// record): what a catalogue holds, without run times or tombstones of records never seen.
    static func content(_ catalog: String) throws -> [String] {
        try CatalogStore(path: catalog).logicalSnapshot(includeTombstones: false).filter {
            !$0.hasPrefix("record ") || $0.contains(" deleted 0 ")
        }
    }

    @Test(arguments: ["marc21", "oai_dc"]) func fullThenIncrementalEqualsTheProvider(prefix: String) throws {
        let peer = try OAIPeer()
        defer { peer.stop() }
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try Self.config(dir, members: [("T", peer.baseURL, prefix)])
        let catalog = dir.appendingPathComponent("union.sqlite").path

        let first = try run(katalog, ["harvest", "--config", config])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Self.live(catalog) == peer.currentIdentifiers().live)
        #expect(try Self.live(catalog).count == 6)

        // The provider's clock has to move past the first run's responseDate for the edit to show.
        Thread.sleep(forTimeInterval: 1.1)
        try peer.touch("lib2-0001")
        try peer.touch("lib1-0003", delete: true)
        let second = try run(katalog, ["harvest", "--config", config])
        #expect(second.status == 0, "\(second.stderr)")
        let now = try peer.currentIdentifiers()
        #expect(try Self.live(catalog) == now.live)
        #expect(!(try Self.live(catalog)).contains("oai:loopback.test:lib1-0003"))
        // Incremental: only what changed came (2 items), not the whole list again.
        #expect(second.stderr.contains("T: 1 pages, 1 records, 1 deletions"), "\(second.stderr)")

        // The same as harvesting the provider's current set into a fresh catalogue.
        let fresh = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: fresh) }
        let freshConfig = try Self.config(fresh, members: [("T", peer.baseURL, prefix)])
        #expect(try run(katalog, ["harvest", "--config", freshConfig]).status == 0)
        let a = try Self.content(catalog), b = try Self.content(fresh.appendingPathComponent("union.sqlite").path)
        #expect(a.filter { $0.hasPrefix("record ") }.map { $0.components(separatedBy: " cluster ")[0] }
            == b.filter { $0.hasPrefix("record ") }.map { $0.components(separatedBy: " cluster ")[0] })
    }

    /// Acceptance 2: 503 with either Retry-After form, gzip bodies, day granularity: complete harvests.
    @Test(arguments: [["--fail-503", "2", "--retry-after", "1"], ["--fail-503", "2", "--retry-after-date"], ["--gzip"],
        ["--granularity", "day"]])
    func faultyProvidersHarvestCompletely(arguments: [String]) throws {
        let peer = try OAIPeer(arguments: arguments)
        defer { peer.stop() }
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try Self.config(dir, members: [("T", peer.baseURL, "marc21")])
        let catalog = dir.appendingPathComponent("union.sqlite").path
        let result = try run(katalog, ["harvest", "--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.live(catalog) == peer.currentIdentifiers().live)
        let state = try #require(try CatalogStore(path: catalog).harvestState(member: "T"))
        #expect(state.status == "complete" && state.token == nil)
        if arguments.contains("day") { #expect(state.from?.count == 10) }
    }

    /// docs/oai-pmh.md §2 and the peer's quirk 2: an edit between two pages of an offset-token list
    /// loses lib1-0002; an incremental run never sees it again; --reconcile fetches it.
    @Test func editDuringHarvestIsRecoveredByReconcile() throws {
        let peer = try OAIPeer()
        defer { peer.stop() }
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Slow enough to edit between page 1 and page 2.
        let config = try Self.config(dir, members: [("T", peer.baseURL, "marc21")], delayMs: 1500)
        let catalog = dir.appendingPathComponent("union.sqlite").path
        _ = try CatalogStore(path: catalog)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: katalog)
        process.arguments = ["harvest", "--config", config]
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        var touched = false
        for _ in 0..<200 {
            if let state = try CatalogStore(path: catalog).harvestState(member: "T"), state.token != nil {
                try peer.touch("lib2-0001")
                touched = true
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.waitUntilExit()
        #expect(touched)
        #expect(process.terminationStatus == 0)
        let lost = "oai:loopback.test:lib1-0002"
        #expect(!(try Self.live(catalog)).contains(lost), "the scenario did not lose the record")

        Thread.sleep(forTimeInterval: 1.1)
        let fastConfig = try Self.config(dir, members: [("T", peer.baseURL, "marc21")])
        let incremental = try run(katalog, ["harvest", "--config", fastConfig])
        #expect(incremental.status == 0, "\(incremental.stderr)")
        #expect(!(try Self.live(catalog)).contains(lost))

        let reconciled = try run(katalog, ["harvest", "--config", fastConfig, "--reconcile"])
        #expect(reconciled.status == 0, "\(reconciled.stderr)")
        #expect(reconciled.stderr.contains("1 fetched"), "\(reconciled.stderr)")
        #expect(try Self.live(catalog) == peer.currentIdentifiers().live)
    }

    /// Records the provider no longer lists at all (a SLiMS deletion never reported) go with
    /// --reconcile, behind the safety valve.
    @Test func reconcileDeletesWhatIsNoLongerListedBehindTheValve() throws {
        let peer = try OAIPeer()
        defer { peer.stop() }
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try Self.config(dir, members: [("T", peer.baseURL, "marc21")])
        let catalog = dir.appendingPathComponent("union.sqlite").path
        #expect(try run(katalog, ["harvest", "--config", config]).status == 0)
        // Two records vanish from the provider without a deleted header.
        var index = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: peer.records + "/index.json"))) as! [String: Any]
        index.removeValue(forKey: "lib1-0001")
        index.removeValue(forKey: "lib2-0003")
        try JSONSerialization.data(withJSONObject: index).write(to: URL(fileURLWithPath: peer.records + "/index.json"))

        // 2 of 6 is 33 %: more than the default 20 %.
        let refused = try run(katalog, ["harvest", "--config", config, "--reconcile"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("max-delete-share"), "\(refused.stderr)")
        #expect(try Self.live(catalog).count == 6)

        let forced = try run(katalog, ["harvest", "--config", config, "--reconcile", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Self.live(catalog) == peer.currentIdentifiers().live)
        #expect(try Self.live(catalog).count == 4)
    }

    /// SIGKILL at random moments, then a run to the end: the catalogue is the one an uninterrupted
    /// harvest makes. Two members (the peer's sets lib1 and lib2), so that clusters span members.
    @Test func sigkillAnywhereThenRerunEqualsUninterrupted() throws {
        let peer = try OAIPeer(arguments: ["--batch", "1"])
        defer { peer.stop() }
        let members = [("L1", peer.baseURL, "marc21"), ("L2", peer.baseURL, "marc21")]
        let sets = ["L1": "lib1", "L2": "lib2"]
        let reference = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: reference) }
        let referenceConfig = try Self.config(reference, members: members, sets: sets)
        #expect(try run(katalog, ["harvest", "--config", referenceConfig]).status == 0)
        let expected = try Self.content(reference.appendingPathComponent("union.sqlite").path)
        // lib1-0001 and lib2-0001 are one book from two members: one cluster of two.
        #expect(expected.contains { $0.hasPrefix("cluster ") && $0.contains("members L1:oai:loopback.test:lib1-0001 L2:") },
            "\(expected)")

        var generator = SystemRandomNumberGenerator()
        var totalKills = 0
        defer { #expect(totalKills > 0, "no run was killed: the test proved nothing") }
        for round in 0..<3 {
            let dir = Paths.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let config = try Self.config(dir, members: members, delayMs: 50, sets: sets)
            var kills = 0
            for _ in 0..<3 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: katalog)
                process.arguments = ["harvest", "--config", config]
                process.standardError = FileHandle(forWritingAtPath: "/dev/null")
                try process.run()
                Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.8, using: &generator))
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    kills += 1
                    totalKills += 1
                }
                process.waitUntilExit()
            }
            let last = try run(katalog, ["harvest", "--config", config])
            #expect(last.status == 0, "round \(round): \(last.stderr)")
            let got = try Self.content(dir.appendingPathComponent("union.sqlite").path)
            #expect(got == expected, "round \(round) after \(kills) kills")
        }
    }

    @Test func runHarvestsEveryMemberDumpsAndFailsForTheUnreachableOne() throws {
        let peer = try OAIPeer()
        defer { peer.stop() }
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let deadPort = OAIPeer.freePort()
        let config = try Self.config(dir,
            members: [("DOWN", "http://127.0.0.1:\(deadPort)/oai", "marc21"), ("T", peer.baseURL, "marc21")],
            extra: "[dump]\ndirectory = \"dumps\"\nformat = \"marcxml\"\n")
        let catalog = dir.appendingPathComponent("union.sqlite").path
        let report = dir.appendingPathComponent("run.json").path

        let result = try run(katalog, ["run", "--config", config, "--report", report])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try Self.live(catalog) == peer.currentIdentifiers().live)
        #expect(try Self.live(catalog, "DOWN").isEmpty)
        let dumps = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("dumps").path)
        let full = try #require(dumps.first { $0.hasPrefix("union-full-") && $0.hasSuffix(".xml") })
        let xml = try String(contentsOfFile: dir.appendingPathComponent("dumps/" + full).path, encoding: .utf8)
        // 6 live records, 6 clusters: records of one member never match each other (lib1-0001 and
        // lib2-0001 describe one book, but here both come from member T).
        #expect(xml.components(separatedBy: "<record").count - 1 == 6, "\(xml.prefix(300))")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect(json?["status"] as? String == "failed")
        let members = json?["members"] as? [[String: Any]] ?? []
        #expect(members.first { $0["member"] as? String == "DOWN" }?["status"] as? String == "failed")
        #expect(members.first { $0["member"] as? String == "T" }?["status"] as? String == "ok")

        // The next run writes a delta from where this one stopped: after an edit, only that cluster.
        Thread.sleep(forTimeInterval: 1.1)
        try peer.touch("lib1-0003", delete: true)
        let second = try run(katalog, ["run", "--config", config, "--report", report])
        #expect(second.status == 1)
        let after = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("dumps").path)
        let delta = try #require(after.first { $0.hasPrefix("union-delta-") })
        let deltaXML = try String(contentsOfFile: dir.appendingPathComponent("dumps/" + delta).path, encoding: .utf8)
        #expect(deltaXML.components(separatedBy: "<record").count - 1 == 1, "\(deltaXML)")
    }
}
