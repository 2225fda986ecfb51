public import Dedup
import MARCRecord

/// Applies one member's records to the store, a batch per transaction.
///
/// For each record of a batch: look it up by (member, local id); an equal content hash means nothing
/// to do; otherwise the row is written, its match keys replaced, and its edges found afresh: candidates
/// are the records sharing one of its keys (a key with more than `postingLimit` records is skipped as
/// too common to mean anything; records of the same member and deleted records are never candidates),
/// `Matcher.compare` scores each, and matches become edges. A deletion removes the record's keys and
/// edges. Then `Reclustering` re-forms the clusters of everything the batch touched, rebuilds their
/// merged records, and the transaction commits: records, keys, edges, clusters and merged records of a
/// batch reach the store together or not at all.
public final class MergeEngine {
    public struct Options: Sendable {
        public var member: String
        public var full: Bool
        public var force: Bool
        public var settings: CatalogSettings
        public var builder: MergedRecordBuilder
        /// Keys with more postings than this bring no candidates.
        public var postingLimit = 100

        public init(member: String, full: Bool = false, force: Bool = false, settings: CatalogSettings = CatalogSettings(),
            builder: MergedRecordBuilder = MergedRecordBuilder())
        {
            self.member = member
            self.full = full
            self.force = force
            self.settings = settings
            self.builder = builder
        }
    }

    let store: CatalogStore
    public let options: Options
    let matcher: Matcher
    public internal(set) var report: MergeReport
    private var pending: [PreparedRecord] = []
    /// The open harvested page's changes (MergeEngine+HarvestPage.swift).
    var pageChanges: BatchChanges?
    let statements: Statements

    public init(store: CatalogStore, options: Options, inputs: [String]) throws {
        self.store = store
        self.options = options
        matcher = Matcher(settings: options.settings.match)
        report = MergeReport(member: options.member, full: options.full, inputs: inputs)
        statements = try Statements(store.db)
        let now = CatalogStore.nowMilliseconds()
        report.startedAt = ChangeMark.format(now)
        try store.db.transaction {
            try statements.insertRun.bind(.text(options.member), .integer(now), .text("running")).run()
        }
        report.run = store.db.lastInsertRowID
    }

    /// Adds one record; a full batch is written at once.
    public func add(_ record: PreparedRecord) throws {
        report.records.read += 1
        if record.localIDSource != .controlNumber && record.localIDSource != .oaiIdentifier {
            report.records.localIDFallbacks += 1
        }
        pending.append(record)
        if pending.count >= options.settings.batchSize { try flush() }
    }

    public func countUnreadable(_ n: Int) { report.records.unreadable += n }

    /// Writes the records not yet written.
    public func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        try store.db.transaction {
            var changes = BatchChanges()
            for record in batch { try apply(record, &changes) }
            try recluster(changes)
        }
    }

    /// Ends the run: writes what is pending, then (with `--full`) deletes the member's records the input
    /// did not have, unless they are more than the allowed share and `--force` is not given. Returns the
    /// report; its `status` is `refused` when the safety valve held.
    public func finish() throws -> MergeReport {
        try flush()
        if options.full { try deleteMissing() }
        if report.status == "running" { report.status = "done" }
        let now = CatalogStore.nowMilliseconds()
        report.finishedAt = ChangeMark.format(now)
        let json = String(decoding: try report.json(), as: UTF8.self)
        try store.db.transaction {
            try statements.finishRun.bind(.integer(now), .text(report.status), .text(json), .integer(report.run)).run()
        }
        return report
    }

    /// Ends a run that could not read all its input: what was written stays (consistent, and a re-run
    /// finishes it), `--full` deletes nothing, and the run is recorded as failed.
    public func fail(_ message: String) throws {
        try flush()
        report.status = "failed"
        report.message = message
        let now = CatalogStore.nowMilliseconds()
        report.finishedAt = ChangeMark.format(now)
        let json = String(decoding: try report.json(), as: UTF8.self)
        try store.db.transaction {
            try statements.finishRun.bind(.integer(now), .text(report.status), .text(json), .integer(report.run)).run()
        }
    }

    // MARK: - One record

    struct BatchChanges {
        /// Records written or deleted in this batch (their clusters are rebuilt even when the
        /// membership stays the same).
        var changed: Set<Int64> = []
        /// Where re-clustering starts: changed records and their former neighbours.
        var seeds: Set<Int64> = []
        /// What the preparing thread did ahead for records written in this batch (by record id).
        var ahead: [Int64: PreparedRecord.Ahead] = [:]
        /// Rows this batch inserted and has not changed since (by record id).
        var inserted: [Int64: InsertedRecord] = [:]
    }

    /// A row the batch inserted: its local id and its edges (other record, score) in ascending order of
    /// the other record, as the edge table would give them back.
    struct InsertedRecord {
        var localID: String
        var edges: [(Int64, Double)]
    }

    func apply(_ record: PreparedRecord, _ changes: inout BatchChanges) throws {
        let s = statements
        let existing = try s.findRecord.bind(.text(options.member), .text(record.localID)).first {
            (id: $0.int(0), hash: $0.blob(1) ?? [], deleted: $0.int(2) != 0, seen: $0.isNull(3) ? nil : $0.int(3))
        }
        // With --full every record read is marked with the run, so a second record with the same local
        // id in this run's input shows (the later one wins, as it would anyway).
        if options.full, existing?.seen == report.run { report.records.duplicateLocalIDs += 1 }
        if options.full && !record.isDeletion, let existing {
            try s.markSeen.bind(.integer(report.run), .integer(existing.id)).run()
        }
        if record.isDeletion {
            guard let existing, !existing.deleted else {
                report.records.deletionsOfUnknown += 1
                return
            }
            try delete(existing.id, &changes)
            return
        }
        if let existing, !existing.deleted, existing.hash == record.hash {
            report.records.unchanged += 1
            return
        }
        let id: Int64
        if let existing {
            if existing.deleted { report.records.new += 1 } else { report.records.changed += 1 }
            try s.updateRecord.bind(.blob(record.received), .blob(record.normalized), .blob(record.hash),
                .optionalText(record.datestamp), .blob(record.profileBytes),
                options.full ? .integer(report.run) : .null, .integer(existing.id)).run()
            id = existing.id
            try dropKeysAndEdges(id, &changes)
        } else {
            report.records.new += 1
            try s.insertRecord.bind(.text(options.member), .text(record.localID), .blob(record.received),
                .blob(record.normalized), .blob(record.hash), .optionalText(record.datestamp),
                .blob(record.profileBytes), options.full ? .integer(report.run) : .null).run()
            id = store.db.lastInsertRowID
        }
        changes.changed.insert(id)
        changes.seeds.insert(id)
        changes.ahead[id] = record.ahead
        let edges = try addKeysAndEdges(id, profile: record.profile)
        // A row inserted in this batch has no cluster yet and only the edges just found (edges join
        // different members, and a batch is one member's), so re-clustering need not read them back.
        changes.inserted[id] = existing == nil ? InsertedRecord(localID: record.localID, edges: edges) : nil
    }

    func delete(_ id: Int64, _ changes: inout BatchChanges) throws {
        report.records.deleted += 1
        changes.ahead[id] = nil
        changes.inserted[id] = nil
        try dropKeysAndEdges(id, &changes)
        try statements.markDeleted.bind(.integer(id)).run()
        changes.changed.insert(id)
        changes.seeds.insert(id)
    }

    /// Removes a record's keys and edges; its former neighbours become seeds, since the clusters
    /// around them may re-form without it.
    private func dropKeysAndEdges(_ id: Int64, _ changes: inout BatchChanges) throws {
        let s = statements
        // Edges are stored both ways: the reverse ones are found by primary key through the neighbours.
        for neighbour in try s.edgesOf.bind(.integer(id)).rows({ $0.int(0) }) {
            changes.seeds.insert(neighbour)
            try s.deleteEdge.bind(.integer(neighbour), .integer(id)).run()
        }
        try s.deleteEdgesFrom.bind(.integer(id)).run()
        try s.deleteKeys.bind(.integer(id)).run()
    }

    /// Returns the edges added, in ascending order of the other record.
    private func addKeysAndEdges(_ id: Int64, profile: MatchProfile) throws -> [(Int64, Double)] {
        let s = statements
        let keys = Set(profile.keys.map(\.description)).sorted()
        var candidates = Set<Int64>()
        // The record's keys in one statement (or a few, for many keys) after the lookups below.
        var start = 0
        while start < keys.count {
            let part = keys[start..<min(start + Statements.keysPerInsert, keys.count)]
            try s.insertKeys(part.count).bind(part.flatMap { [SQLValue.text($0), .integer(id)] }).run()
            start += part.count
        }
        for key in keys {
            // The postings besides this record's own: a key is crowded when, with it, it has more than
            // the limit (reading one posting past the limit is enough to know).
            let postings = try s.postings.bind(.text(key), .int(options.postingLimit + 1)).rows { $0.int(0) }
                .filter { $0 != id }
            if postings.count + 1 > options.postingLimit {
                report.crowdedKeysSkipped += 1
                continue
            }
            for other in postings where other != id { candidates.insert(other) }
        }
        let member = options.member
        var edges: [(Int64, Double)] = []
        for other in candidates.sorted() {
            // The blobs are read only for a live record of another member (the profile sits behind the
            // record's bytes in the row, so reading it costs their overflow pages).
            let found = try s.candidate.bind(.integer(other)).first { row -> MatchProfile? in
                guard row.int(1) == 0, row.text(0) != member else { return nil }
                return row.blob(2).flatMap { MatchProfile(serialized: $0) }
                    ?? row.blob(3).flatMap { StoredRecord.decode($0) }.map { MatchProfile(record: $0) }
            }
            guard let theirs = found ?? nil else { continue }
            let decision = matcher.compare(profile, theirs)
            guard decision.verdict == .match else { continue }
            try s.insertEdge.bind(.integer(id), .integer(other), .real(decision.score)).run()
            try s.insertEdge.bind(.integer(other), .integer(id), .real(decision.score)).run()
            report.edgesAdded += 1
            edges.append((other, decision.score))
        }
        return edges
    }

    // MARK: - --full

    private func deleteMissing() throws {
        let s = statements
        let live = try s.countLive.bind(.text(options.member)).first { Int($0.int(0)) } ?? 0
        let missing = try s.countMissing.bind(.text(options.member), .integer(report.run)).first { Int($0.int(0)) } ?? 0
        guard missing > 0, !refusesToDelete(missing, of: live, flag: "--full",
            check: "Check the input is the whole catalogue") else { return }
        try deleteInBatches {
            try s.missingBatch.bind(.text(options.member), .integer(report.run), .int(options.settings.batchSize))
                .rows { $0.int(0) }
        }
    }

    /// The safety valve of `--full` and `--reconcile`: deleting more than `[catalog] max-delete-share` of a
    /// member's live records needs `--force`. When it refuses, the run report says why and nothing is deleted.
    func refusesToDelete(_ missing: Int, of live: Int, flag: String, check: String) -> Bool {
        let share = live == 0 ? 0 : Double(missing) / Double(live)
        guard share > options.settings.maxDeleteShare && !options.force else { return false }
        report.status = "refused"
        report.message = "\(flag) would delete \(missing) of \(live) records of \(options.member) "
            + "(\(percent(share)), more than the allowed \(percent(options.settings.maxDeleteShare)), "
            + "[catalog] max-delete-share); nothing deleted. \(check), then re-run with --force"
        return true
    }

    /// Deletes the records `nextBatch` names, a batch per transaction (each re-clustered with it), until it
    /// names none.
    func deleteInBatches(_ nextBatch: () throws -> [Int64]) throws {
        while true {
            let ids = try nextBatch()
            if ids.isEmpty { break }
            try store.db.transaction {
                var changes = BatchChanges()
                for id in ids { try delete(id, &changes) }
                try recluster(changes)
            }
        }
    }

    func percent(_ share: Double) -> String {
        let p = (share * 1000).rounded() / 10
        return p == p.rounded() ? "\(Int(p)) %" : "\(p) %"
    }
}

/// The statements a merge runs, prepared once.
final class Statements {
    let findRecord, markSeen, updateRecord, insertRecord, markDeleted: Statement
    let edgesOf, deleteEdge, deleteEdgesFrom, deleteKeys, postings, candidate, insertEdge: Statement
    let countLive, countMissing, missingBatch, insertRun, finishRun: Statement
    let recordInfo, edgesWithScores, clusterMembers, clusterState, memberData, upsertCluster, tombstone: Statement
    let setCluster, readSeq, writeSeq, insertChange: Statement

    private let db: Database
    private var insertKeysStatements: [Int: Statement] = [:]
    static let keysPerInsert = 16

    /// `INSERT OR IGNORE INTO match_key` of `count` (key, record) rows, prepared once per count.
    func insertKeys(_ count: Int) throws(CatalogError) -> Statement {
        if let statement = insertKeysStatements[count] { return statement }
        let rows = Array(repeating: "(?, ?)", count: count).joined(separator: ", ")
        let statement = try db.prepare("INSERT OR IGNORE INTO match_key (key, record) VALUES \(rows)")
        insertKeysStatements[count] = statement
        return statement
    }

    init(_ db: Database) throws {
        self.db = db
        findRecord = try db.prepare("SELECT id, hash, deleted, seen_run FROM record WHERE member = ? AND local_id = ?")
        markSeen = try db.prepare("UPDATE record SET seen_run = ? WHERE id = ?")
        updateRecord = try db.prepare("""
            UPDATE record SET received = ?, normalized = ?, hash = ?, datestamp = ?, profile = ?,
            seen_run = coalesce(?, seen_run), deleted = 0 WHERE id = ?
            """)
        insertRecord = try db.prepare("""
            INSERT INTO record (member, local_id, received, normalized, hash, datestamp, profile, seen_run)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        markDeleted = try db.prepare("UPDATE record SET deleted = 1 WHERE id = ?")
        edgesOf = try db.prepare("SELECT b FROM edge WHERE a = ?")
        deleteEdge = try db.prepare("DELETE FROM edge WHERE a = ? AND b = ?")
        deleteEdgesFrom = try db.prepare("DELETE FROM edge WHERE a = ?")
        deleteKeys = try db.prepare("DELETE FROM match_key WHERE record = ?")
        postings = try db.prepare("SELECT record FROM match_key WHERE key = ? LIMIT ?")
        candidate = try db.prepare("SELECT member, deleted, profile, normalized FROM record WHERE id = ?")
        insertEdge = try db.prepare("INSERT OR REPLACE INTO edge (a, b, score) VALUES (?, ?, ?)")
        countLive = try db.prepare("SELECT count(*) FROM record WHERE member = ? AND deleted = 0")
        countMissing = try db.prepare(
            "SELECT count(*) FROM record WHERE member = ? AND deleted = 0 AND (seen_run IS NULL OR seen_run <> ?)")
        missingBatch = try db.prepare("""
            SELECT id FROM record WHERE member = ? AND deleted = 0 AND (seen_run IS NULL OR seen_run <> ?)
            ORDER BY id LIMIT ?
            """)
        insertRun = try db.prepare("INSERT INTO runs (member, started_at, status) VALUES (?, ?, ?)")
        finishRun = try db.prepare("UPDATE runs SET finished_at = ?, status = ?, report = ? WHERE id = ?")
        recordInfo = try db.prepare("SELECT member, local_id, deleted, cluster FROM record WHERE id = ?")
        edgesWithScores = try db.prepare("SELECT b, score FROM edge WHERE a = ?")
        clusterMembers = try db.prepare("SELECT id FROM record WHERE cluster = ?")
        clusterState = try db.prepare("SELECT deleted FROM cluster WHERE id = ?")
        memberData = try db.prepare("SELECT member, local_id, normalized, datestamp FROM record WHERE id = ?")
        upsertCluster = try db.prepare("""
            INSERT INTO cluster (id, master, merged, change_seq, changed_at, deleted) VALUES (?, ?, ?, ?, ?, 0)
            ON CONFLICT (id) DO UPDATE SET master = excluded.master, merged = excluded.merged,
            change_seq = excluded.change_seq, changed_at = excluded.changed_at, deleted = 0
            """)
        tombstone = try db.prepare("""
            UPDATE cluster SET deleted = 1, master = NULL, merged = NULL, change_seq = ?, changed_at = ?
            WHERE id = ? AND deleted = 0
            """)
        setCluster = try db.prepare("UPDATE record SET cluster = ? WHERE id = ?")
        readSeq = try db.prepare("SELECT value FROM meta WHERE key = 'change_seq'")
        writeSeq = try db.prepare("UPDATE meta SET value = ? WHERE key = 'change_seq'")
        insertChange = try db.prepare("INSERT OR REPLACE INTO change (seq, at) VALUES (?, ?)")
    }
}
