import Catalog
import Dedup
import Foundation
import MARCRecord
import Testing

/// Clustering over records that share real identifiers (ISBN-13): needs the matcher's keys, so these
/// tests are skipped while `MatchProfile` gives none.
@Suite(.enabled(if: Books.matcherKeysISBN, "the matcher does not key records by ISBN yet"))
struct ClusteringTests {
    @Test func recordsSharingAnISBNFormOneClusterPerWork() throws {
        let t = TemporaryStore()
        try t.merge("A", [Books.record(id: "a1", work: 1), Books.record(id: "a2", work: 2)])
        try t.merge("B", [Books.record(id: "b1", work: 1)])
        let report = try t.merge("C", [Books.record(id: "c1", work: 1), Books.record(id: "c3", work: 3)])
        #expect(report.clusters.grown == 1)
        #expect(report.clusters.created == 1)
        let clusters = try t.clusters()
        #expect(clusters.count == 3)
        #expect(clusters[ClusterID.derived(from: "A:a1")] == ["A:a1", "B:b1", "C:c1"])
        #expect(clusters[ClusterID.derived(from: "A:a2")] == ["A:a2"])
        #expect(clusters[ClusterID.derived(from: "C:c3")] == ["C:c3"])
        // The merged record names its cluster.
        let entry = try #require(Array(t.store.dumpEntries(since: nil)).first { $0.clusterID == ClusterID.derived(from: "A:a1") })
        #expect(entry.record != nil)
    }

    @Test func twoRecordsOfOneMemberNeverShareACluster() throws {
        let t = TemporaryStore()
        // A multi-volume set: both volumes carry the set's ISBN.
        try t.merge("A", [Books.record(id: "v1", work: 5), Books.record(id: "v2", work: 5)])
        try t.merge("B", [Books.record(id: "b", work: 5)])
        let clusters = try t.clusters()
        #expect(clusters.count == 2)
        for members in clusters.values {
            let codes = members.map { $0.split(separator: ":")[0] }
            #expect(Set(codes).count == codes.count, "\(members)")
        }
        #expect(clusters.values.contains { $0.contains("B:b") && $0.count == 2 })
    }

    @Test func theSameInputsInAnyOrderGiveTheSameClustersAndBytes() throws {
        let members: [(String, [MARCRecord])] = [
            ("A", (0..<40).map { Books.record(id: "a\($0)", work: $0) }),
            ("B", (20..<60).map { Books.record(id: "b\($0)", work: $0, extraFields: $0 % 3) }),
            ("C", (0..<60).filter { $0 % 3 == 0 }.map { Books.record(id: "c\($0)", work: $0) }
                + [Books.record(id: "c-dup", work: 30)]),
        ]
        var snapshots: [[String]] = []
        var merged: [[String]] = []
        for (order, batch) in [([0, 1, 2], 1000), ([2, 1, 0], 7), ([1, 2, 0], 13), ([2, 0, 1], 1)] {
            let t = TemporaryStore()
            for i in order {
                // Records of a member in reverse order too, for some of the runs.
                let records = batch < 10 ? members[i].1.reversed() : members[i].1
                try t.merge(members[i].0, records, batchSize: batch)
            }
            snapshots.append(try t.store.logicalSnapshot(includeTombstones: false))
            merged.append(try t.store.mergedRecords().map { $0.0 + " " + $0.1.map(String.init).joined(separator: ",") })
        }
        for i in 1..<snapshots.count {
            #expect(snapshots[i] == snapshots[0], "order \(i) differs: \(Set(snapshots[i]).symmetricDifference(snapshots[0]).sorted().prefix(6))")
            #expect(merged[i] == merged[0])
        }
        // c-dup sorts before c30, so it is the C record that joins work 30's cluster.
        #expect(snapshots[0].contains { $0.contains("members A:a30 B:b30 C:c-dup merged") })
        #expect(snapshots[0].contains { $0.contains("members C:c30 merged") })
    }

    /// Single-record clusters built ahead on the preparing thread (`PreparedRecord.ahead`) must be the ones
    /// re-clustering would build: same clusters, masters, merged bytes and change sequence, through growth,
    /// a change that splits a cluster and deletions.
    @Test func mergedRecordsBuiltAheadAreTheOnesBuiltInTheStore() throws {
        var snapshots: [[String]] = []
        var merged: [[String]] = []
        for ahead in [false, true] {
            let t = TemporaryStore()
            try t.merge("A", (0..<30).map { Books.record(id: "a\($0)", work: $0) }, batchSize: 7, prepareAhead: ahead)
            try t.merge("B", (10..<40).map { Books.record(id: "b\($0)", work: $0, extraFields: $0 % 2) },
                batchSize: 5, prepareAhead: ahead)
            // b12 now describes another work: its cluster splits; a3 goes; a31 is new and alone.
            try t.merge("B", [Books.record(id: "b12", work: 112), Books.record(id: "b13", work: 13, variant: 2)],
                prepareAhead: ahead)
            try t.merge("A", [Books.record(id: "a3", work: 3, deleted: true), Books.record(id: "a31", work: 31)],
                prepareAhead: ahead)
            snapshots.append(try t.store.logicalSnapshot(includeTombstones: true))
            merged.append(try t.store.mergedRecords().map { $0.0 + " " + $0.1.map(String.init).joined(separator: ",") })
        }
        let sameStore = snapshots[1] == snapshots[0], sameMerged = merged[1] == merged[0]
        #expect(sameStore, "\(Set(snapshots[1]).symmetricDifference(snapshots[0]).sorted().prefix(6))")
        #expect(sameMerged)
        // The scenario did what it says: two-member clusters, a split, a tombstone, a newcomer joining.
        for part in ["members A:a11 B:b11 merged", "members A:a12 merged", "members B:b12 merged",
            "members A:a31 B:b31 merged", "deleted 1 master - members - merged -"]
        {
            #expect(snapshots[0].contains { $0.contains(part) }, "\(part)")
        }
        #expect(merged[0].count == 40)
    }

    @Test func deletionsShrinkMoveTheMasterAndTombstoneTheLast() throws {
        let t = TemporaryStore()
        try t.merge("A", [Books.record(id: "a", work: 9)])
        try t.merge("B", [Books.record(id: "b", work: 9, extraFields: 5)])
        try t.merge("C", [Books.record(id: "c", work: 9)])
        let id = ClusterID.derived(from: "A:a")
        #expect(try t.clusters()[id] == ["A:a", "B:b", "C:c"])

        // The record whose key named the cluster goes: the cluster keeps its id.
        let shrink = try t.merge("A", [Books.record(id: "a", work: 9, deleted: true)])
        #expect(shrink.clusters.shrunk == 1)
        #expect(shrink.clusters.deleted == 0)
        #expect(try t.clusters()[id] == ["B:b", "C:c"])
        let explained = try t.store.explain(id).joined(separator: "\n")
        #expect(explained.contains("B:b"))
        #expect(explained.contains("[master]"))

        let mark = try t.store.currentChangeMark()
        try t.merge("B", [], full: true, force: true)
        try t.merge("C", [], full: true, force: true)
        #expect(try t.clusters().isEmpty)
        let delta = Array(t.store.dumpEntries(since: mark))
        #expect(delta.map(\.clusterID) == [id])
        #expect(delta.first?.record == nil)
    }

    @Test func aChangedRecordThatNoLongerMatchesSplitsItsCluster() throws {
        let t = TemporaryStore()
        try t.merge("A", [Books.record(id: "a", work: 4)])
        try t.merge("B", [Books.record(id: "b", work: 4)])
        let report = try t.merge("B", [Books.record(id: "b", work: 400)])
        #expect(report.records.changed == 1)
        #expect(report.clusters.split == 1)
        let clusters = try t.clusters()
        #expect(clusters[ClusterID.derived(from: "A:a")] == ["A:a"])
        #expect(clusters[ClusterID.derived(from: "B:b")] == ["B:b"])
    }
}
