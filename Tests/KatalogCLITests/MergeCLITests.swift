import Catalog
import Foundation
import Testing
import _KatalogTestSupport

/// Member exports as MARCBreaker text: work `n` is a book with its own valid ISBN-13, so records of
/// different members describing the same work share an identifier.
enum MemberExport {
    static func isbn(_ n: Int) -> String {
        let body = "978" + String(format: "%09d", n)
        let digits = body.compactMap { $0.wholeNumberValue }
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return body + String((10 - sum % 10) % 10)
    }

    static func record(_ id: String, work: Int, note: String? = nil) -> String {
        let year = 1950 + work % 70
        var lines = [
            "=LDR  00000nam a2200000 a 4500",
            "=001  \(id)",
            "=008  230412s\(year)    io            000 0 eng d",
            "=020  \\\\$a\(isbn(work))",
            "=100  1\\$aAuthor\(work % 97), A.",
            "=245  10$aBook number \(work) :$ba synthetic title",
            "=260  \\\\$aJakarta :$bPublisher \(work % 13),$c\(year)",
            "=300  \\\\$a\(100 + work % 200) p.",
        ]
        if let note { lines.append("=500  \\\\$a\(note)") }
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// Writes `works` as member `prefix`'s export and returns its path.
    static func write(_ dir: URL, _ name: String, prefix: String, works: some Sequence<Int>, note: String? = nil) throws -> String {
        let text = works.map { record("\(prefix)\($0)", work: $0, note: note) }.joined()
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

@Suite(.serialized) struct MergeCLITests {
    let katalog = Paths.katalogBinary

    @Test func mergeReportsCountsAndIsIdempotent() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try MemberExport.write(dir, "a.mrk", prefix: "a", works: 0..<30)
        let catalog = dir.appendingPathComponent("c.sqlite").path
        let report = dir.appendingPathComponent("run.json").path

        let first = try run(katalog, ["merge", "--catalog", catalog, "--member", "A", input, "--report", report])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("30 records read: 30 new, 0 changed, 0 unchanged, 0 deleted"), "\(first.stderr)")
        #expect(first.stderr.contains("clusters: 30 created"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        let records = json?["records"] as? [String: Any]
        #expect(records?["new"] as? Int == 30)
        #expect(json?["member"] as? String == "A")
        #expect(json?["status"] as? String == "done")

        let second = try run(katalog, ["merge", "--catalog", catalog, "--member", "A", input])
        #expect(second.status == 0)
        #expect(second.stderr.contains("30 records read: 0 new, 0 changed, 30 unchanged, 0 deleted"), "\(second.stderr)")
        let store = try CatalogStore(path: catalog)
        #expect(Array(store.dumpEntries(since: nil)).count == 30)
    }

    @Test func fullRefusesLargeDeletionsUntilForced() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = dir.appendingPathComponent("c.sqlite").path
        let all = try MemberExport.write(dir, "all.mrk", prefix: "a", works: 0..<20)
        let half = try MemberExport.write(dir, "half.mrk", prefix: "a", works: 0..<10)
        #expect(try run(katalog, ["merge", "--catalog", catalog, "--member", "A", all]).status == 0)

        let refused = try run(katalog, ["merge", "--catalog", catalog, "--member", "A", "--full", half])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("would delete 10 of 20 records of A"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"))

        let config = dir.appendingPathComponent("katalog.toml").path
        try Data("[catalog]\nmax-delete-share = 60\n".utf8).write(to: URL(fileURLWithPath: config))
        let allowed = try run(katalog, ["merge", "--catalog", catalog, "--member", "A", "--full", "--config", config, half])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.contains("10 unchanged, 10 deleted"), "\(allowed.stderr)")
        #expect(allowed.stderr.contains("10 deleted; "))

        let usage = try run(katalog, ["merge", "--catalog", catalog, "--member", "A", "--force", half])
        #expect(usage.status == 2)
    }

    @Test func anUnreadableInputExitsWithStatus2() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try run(katalog, ["merge", "--catalog", dir.appendingPathComponent("c.sqlite").path, "--member", "A",
            dir.appendingPathComponent("missing.mrc").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing.mrc"))
    }

    @Test func theSameInputsInAnyOrderGiveTheSameCatalogue() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = [
            ("A", try MemberExport.write(dir, "a.mrk", prefix: "a", works: 0..<60)),
            ("B", try MemberExport.write(dir, "b.mrk", prefix: "b", works: stride(from: 0, to: 120, by: 2))),
            ("C", try MemberExport.write(dir, "c.mrk", prefix: "c", works: stride(from: 0, to: 120, by: 3))),
        ]
        var snapshots: [[String]] = []
        for (n, order) in [[0, 1, 2], [2, 0, 1], [1, 2, 0]].enumerated() {
            let catalog = dir.appendingPathComponent("c\(n).sqlite").path
            for i in order {
                let r = try run(katalog, ["merge", "--catalog", catalog, "--member", inputs[i].0, inputs[i].1])
                #expect(r.status == 0, "\(r.stderr)")
            }
            let store = try CatalogStore(path: catalog)
            snapshots.append(try store.logicalSnapshot(includeTombstones: false)
                + store.mergedRecords().map { $0.0 + " " + $0.1.map(String.init).joined(separator: ",") })
        }
        #expect(snapshots[1] == snapshots[0])
        #expect(snapshots[2] == snapshots[0])
    }

    /// A merge killed with SIGKILL at random moments, then run to completion, leaves the same catalogue
    /// (member records, clusters, merged records, edges) as a merge never interrupted.
    @Test func aKilledMergeFinishesOnRerunWithTheSameCatalogue() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try MemberExport.write(dir, "a.mrk", prefix: "a", works: 0..<2500)
        let b = try MemberExport.write(dir, "b.mrk", prefix: "b", works: stride(from: 0, to: 5000, by: 2))
        let config = dir.appendingPathComponent("katalog.toml").path
        try Data("[catalog]\nbatch-size = 200\n".utf8).write(to: URL(fileURLWithPath: config))
        func merge(_ catalog: String, _ member: String, _ input: String) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: katalog)
            p.arguments = ["merge", "--catalog", catalog, "--member", member, "--config", config, "--quiet", input]
            p.standardError = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            return p
        }
        let reference = dir.appendingPathComponent("reference.sqlite").path
        for (member, input) in [("A", a), ("B", b)] {
            let p = try merge(reference, member, input)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }

        let killed = dir.appendingPathComponent("killed.sqlite").path
        var kills = 0
        var delays: [Int] = []
        for (member, input) in [("A", a), ("B", b)] {
            for _ in 0..<3 {
                let delay = Int.random(in: 200_000...1_500_000)
                delays.append(delay)
                let p = try merge(killed, member, input)
                usleep(useconds_t(delay))
                if p.isRunning {
                    kill(p.processIdentifier, SIGKILL)
                    kills += 1
                }
                p.waitUntilExit()
            }
            let p = try merge(killed, member, input)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let want = try CatalogStore(path: reference)
        let got = try CatalogStore(path: killed)
        let wantLines = try want.logicalSnapshot(), gotLines = try got.logicalSnapshot()
        #expect(gotLines.count == wantLines.count, "kill delays \(delays)")
        #expect(gotLines == wantLines, "kill delays \(delays): \(Set(gotLines).symmetricDifference(wantLines).sorted().prefix(6))")
        let wantMerged = try want.mergedRecords(), gotMerged = try got.mergedRecords()
        #expect(gotMerged.map(\.0) == wantMerged.map(\.0))
        #expect(gotMerged.map(\.1) == wantMerged.map(\.1))
        #expect(wantMerged.count > 2500)
        // Record what the kills hit, for the log: a machine fast enough to finish before the first kill
        // still checks the re-run path.
        print("MergeCLITests: \(kills) merges killed (delays µs \(delays))")
    }
}
