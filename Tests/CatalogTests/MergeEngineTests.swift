import Catalog
import Dedup
import Foundation
import MARCRecord
import Testing

/// The merge engine on records made in memory: upserts, hashes, deletions, the --full safety valve and
/// the change marks deltas are cut from. Clustering by shared identifiers is in ClusteringTests.
@Suite struct MergeEngineTests {
    @Test func newThenUnchangedThenChanged() throws {
        let t = TemporaryStore()
        let records = (0..<20).map { Books.record(id: "a\($0)", work: $0) }
        let first = try t.merge("A", records, batchSize: 7)
        #expect(first.records == { var r = MergeReport.Records(); r.read = 20; r.new = 20; return r }())
        #expect(first.clusters.created == 20)
        #expect(first.status == "done")

        let second = try t.merge("A", records)
        #expect(second.records.unchanged == 20)
        #expect(second.records.new + second.records.changed == 0)
        #expect(second.clusters.rebuilt == 0)

        let mark = try t.store.currentChangeMark()
        #expect(mark.sequence == 3)  // three batches of at most 7
        usleep(5_000)
        let timeMark = ChangeMark(sequence: nil, milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        var changed = records
        for i in [3, 11, 17] { changed[i] = Books.record(id: "a\(i)", work: i, variant: 1) }
        let third = try t.merge("A", changed)
        #expect(third.records.changed == 3)
        #expect(third.records.unchanged == 17)
        #expect(third.clusters.rebuilt == 3)
        #expect(third.clusters.created == 0)

        let delta = Array(t.store.dumpEntries(since: mark))
        #expect(delta.count == 3)
        let notes = delta.compactMap { $0.record?.firstField("500")?.value("a") }
        #expect(notes == ["Note version 1", "Note version 1", "Note version 1"])
        #expect(delta.map(\.clusterID) == delta.map(\.clusterID).sorted())
        // --since TIME gives the same delta; a time after the last change gives none.
        #expect(Array(t.store.dumpEntries(since: timeMark)).map(\.clusterID) == delta.map(\.clusterID))
        let later = ChangeMark(sequence: nil, milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 60_000)
        #expect(Array(t.store.dumpEntries(since: later)).isEmpty)
        #expect(Array(t.store.dumpEntries(since: try t.store.currentChangeMark())).isEmpty)
    }

    @Test func storeKeepsReceivedAndNormalizedRecordAndRunReports() throws {
        let t = TemporaryStore()
        try t.merge("UNAIR", [Books.record(id: "u1", work: 1)])
        let full = Array(t.store.dumpEntries(since: nil))
        #expect(full.count == 1)
        let merged = try #require(full.first?.record)
        // The normalizer ran (provenance: 003 and 035 of the member) before the record was stored.
        #expect(merged.fields("035").contains { $0.value("a") == "(UNAIR)u1" })
        #expect(try t.store.userVersion == CatalogStore.schemaVersion)
    }

    @Test func fullRefusesToDeleteMoreThanTheShareWithoutForce() throws {
        let t = TemporaryStore()
        let records = (0..<10).map { Books.record(id: "a\($0)", work: $0) }
        try t.merge("A", records)
        let mark = try t.store.currentChangeMark()

        let refused = try t.merge("A", Array(records.prefix(7)), full: true)
        #expect(refused.status == "refused")
        #expect(refused.message?.contains("3 of 10") == true)
        #expect(refused.records.deleted == 0)
        #expect(Array(t.store.dumpEntries(since: nil)).count == 10)

        let forced = try t.merge("A", Array(records.prefix(7)), full: true, force: true)
        #expect(forced.status == "done")
        #expect(forced.records.deleted == 3)
        #expect(forced.clusters.deleted == 3)
        #expect(Array(t.store.dumpEntries(since: nil)).count == 7)
        let delta = Array(t.store.dumpEntries(since: mark))
        #expect(delta.count == 3)
        #expect(delta.allSatisfy { $0.record == nil })

        // A local id twice in a full input: counted, the later record kept.
        let repeated = try t.merge("A", Array(records.prefix(7)) + [Books.record(id: "a2", work: 2, variant: 9)], full: true)
        #expect(repeated.records.duplicateLocalIDs == 1)
        #expect(repeated.records.changed == 1)
        #expect(Array(t.store.dumpEntries(since: nil)).contains { $0.record?.firstField("500")?.value("a") == "Note version 9" })

        // One of ten (10 %) is under the default 20 %: no --force needed.
        let small = try t.merge("A", Array(records.prefix(6)), full: true)
        #expect(small.records.duplicateLocalIDs == 0)
        #expect(small.status == "done")
        #expect(small.records.deleted == 1)
    }

    @Test func aDeletedRecordInTheInputDeletesAndComesBack() throws {
        let t = TemporaryStore()
        try t.merge("A", [Books.record(id: "a1", work: 1), Books.record(id: "a2", work: 2)])
        let deletion = try t.merge("A", [Books.record(id: "a1", work: 1, deleted: true), Books.record(id: "zz", work: 3, deleted: true)])
        #expect(deletion.records.deleted == 1)
        #expect(deletion.records.deletionsOfUnknown == 1)
        #expect(deletion.clusters.deleted == 1)
        #expect(Array(t.store.dumpEntries(since: nil)).count == 1)
        let back = try t.merge("A", [Books.record(id: "a1", work: 1)])
        #expect(back.records.new == 1)
        #expect(Array(t.store.dumpEntries(since: nil)).count == 2)
    }

    @Test func recordsWithout001GetALocalIDFromTheir035() throws {
        var record = MARCRecord()
        record.appendDataField("035", subfields: [("a", "(A)slims-42")])
        record.appendDataField("245", subfields: [("a", "No control number")])
        let prepared = PreparedRecord(record, memberCode: "A", normalizer: .catalogue)
        #expect(prepared.localID == "slims-42")
        #expect(prepared.localIDSource == .memberSystemNumber)

        var bare = MARCRecord()
        bare.appendDataField("245", subfields: [("a", "Nothing names me")])
        let hashed = PreparedRecord(bare, memberCode: "A", normalizer: .catalogue)
        #expect(hashed.localIDSource == .contentHash)
        #expect(hashed.localID == PreparedRecord(bare, memberCode: "A", normalizer: .catalogue).localID)

        let t = TemporaryStore()
        let report = try t.merge("A", [record, bare])
        #expect(report.records.localIDFallbacks == 2)
        #expect(report.records.new == 2)
    }

    @Test func settingsAreReadFromKatalogToml() throws {
        let settings = try CatalogSettings(toml: """
            [catalog]
            max-delete-share = 35
            batch-size = 500
            """)
        #expect(settings.maxDeleteShare == 0.35)
        #expect(settings.batchSize == 500)
        #expect(try CatalogSettings(toml: "[catalog]\nmax-delete-share = \"5%\"").maxDeleteShare == 0.05)
        #expect(try CatalogSettings(toml: "[catalog]\nmax-delete-share = 0.3").maxDeleteShare == 0.3)
        #expect(throws: CatalogSettingsError.self) { try CatalogSettings(toml: "[catalog]\nmax-delete-share = 150") }
    }
}
