@testable import Catalog
import Foundation
import MARCRecord
import Testing
import _KatalogTestSupport

/// Stores written by an older katalog open in this one with everything they held.
struct MigrationTests {
    /// Schema 2 kept `cluster` as a WITHOUT ROWID table with the merged record before `deleted`; schema 3
    /// rebuilds it. A store put back into the version 2 layout must come out of the migration the same.
    @Test func aVersion2StoreKeepsItsClustersThroughTheMigration() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("catalog.sqlite").path
        var before: [String] = []
        var merged: [String] = []
        do {
            let store = try CatalogStore(path: path)
            for (member, range) in [("A", 0..<12), ("B", 6..<16)] {
                let engine = try MergeEngine(store: store, options: .init(member: member), inputs: ["test"])
                for n in range {
                    try engine.add(PreparedRecord(Books.record(id: "\(member.lowercased())\(n)", work: n),
                        memberCode: member, normalizer: .catalogue))
                }
                _ = try engine.finish()
            }
            let gone = try MergeEngine(store: store, options: .init(member: "A"), inputs: ["test"])
            try gone.add(PreparedRecord(Books.record(id: "a1", work: 1, deleted: true), memberCode: "A",
                normalizer: .catalogue))
            _ = try gone.finish()
            before = try store.logicalSnapshot(includeTombstones: true)
            merged = try store.mergedRecords().map { $0.0 + " " + $0.1.map(String.init).joined(separator: ",") }
        }
        do {
            let db = try Database(path: path)
            try db.execute("""
                BEGIN;
                CREATE TABLE cluster_v2 (id TEXT PRIMARY KEY, master INTEGER, merged BLOB, change_seq INTEGER NOT NULL,
                    changed_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
                INSERT INTO cluster_v2 SELECT id, master, merged, change_seq, changed_at, deleted FROM cluster;
                DROP TABLE cluster;
                ALTER TABLE cluster_v2 RENAME TO cluster;
                CREATE INDEX cluster_change ON cluster (change_seq);
                PRAGMA user_version = 2;
                COMMIT;
                """)
        }
        let store = try CatalogStore(path: path)
        #expect(try store.userVersion == 3)
        let after = try store.logicalSnapshot(includeTombstones: true)
        let same = after == before
        #expect(same, "\(Set(after).symmetricDifference(before).sorted().prefix(4))")
        #expect(try store.mergedRecords().map { $0.0 + " " + $0.1.map(String.init).joined(separator: ",") } == merged)
        #expect(before.contains { $0.hasPrefix("cluster ") && $0.contains("deleted 1") })
        #expect(before.contains { $0.contains("members A:a6 B:b6 merged") })
        // And the migrated store goes on working.
        let engine = try MergeEngine(store: store, options: .init(member: "B"), inputs: ["test"])
        try engine.add(PreparedRecord(Books.record(id: "b1", work: 1), memberCode: "B", normalizer: .catalogue))
        #expect(try engine.finish().clusters.created == 1)
    }
}
