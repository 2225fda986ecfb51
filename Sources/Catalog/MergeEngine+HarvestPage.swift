/// Harvested pages: one SQLite transaction per OAI-PMH page holding its records, its deletions, the
/// re-clustering they cause and the member's harvest state, so that a process killed at any moment
/// leaves either the whole page with the state that resumes after it, or neither.
///
/// The harvester's state is opaque here (`HarvestStateRow.json`): the catalogue does not depend on the
/// harvester, only keeps what it is handed in the same transaction as the data.
public struct HarvestStateRow: Sendable, Hashable {
    /// The harvester's state as JSON: what resumes it.
    public var json: String
    /// For people and reports: the `from` of the run, the token to resume at, the last `responseDate`,
    /// and `running` / `complete`.
    public var from: String?
    public var token: String?
    public var responseDate: String?
    public var status: String

    public init(json: String, from: String?, token: String?, responseDate: String?, status: String) {
        self.json = json
        self.from = from
        self.token = token
        self.responseDate = responseDate
        self.status = status
    }
}

extension CatalogStore {
    /// The harvest state last committed for `member`.
    public func harvestState(member: String) throws -> HarvestStateRow? {
        try db.prepare("SELECT state, from_date, token, response_date, status FROM harvest_state WHERE member = ?")
            .bind(.text(member)).first { row in
                HarvestStateRow(json: row.text(0) ?? "", from: row.text(1), token: row.text(2),
                    responseDate: row.text(3), status: row.text(4) ?? "")
            }
    }

    func writeHarvestState(member: String, _ state: HarvestStateRow) throws {
        try db.prepare("""
            INSERT INTO harvest_state (member, from_date, token, response_date, status, state, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (member) DO UPDATE SET from_date = excluded.from_date, token = excluded.token,
            response_date = excluded.response_date, status = excluded.status, state = excluded.state,
            updated_at = excluded.updated_at
            """).bind(.text(member), .optionalText(state.from), .optionalText(state.token),
                .optionalText(state.responseDate), .text(state.status), .text(state.json),
                .integer(Self.nowMilliseconds())).run()
    }

    /// The live (not deleted) local ids of a member.
    public func liveLocalIDs(member: String) throws -> Set<String> {
        Set(try db.prepare("SELECT local_id FROM record WHERE member = ? AND deleted = 0").bind(.text(member))
            .rows { $0.text(0) ?? "" })
    }

    /// Whether the member has this record live.
    public func hasLiveRecord(member: String, localID: String) throws -> Bool {
        try db.prepare("SELECT 1 FROM record WHERE member = ? AND local_id = ? AND deleted = 0")
            .bind(.text(member), .text(localID)).first { _ in true } ?? false
    }
}

extension MergeEngine {
    /// Opens a page's transaction: `addToPage`/`deleteFromPage` then `commitPage` or `rollbackPage`.
    public func beginPage() throws {
        try store.db.execute("BEGIN IMMEDIATE")
        pageChanges = BatchChanges()
    }

    public func addToPage(_ record: PreparedRecord) throws {
        report.records.read += 1
        try withPageChanges { try apply(record, &$0) }
    }

    /// `body` on the page's changes, held uniquely meanwhile (a copy left in `pageChanges` would make
    /// every record copy the page's sets: quadratic).
    private func withPageChanges(_ body: (inout BatchChanges) throws -> Void) throws {
        var changes = pageChanges ?? BatchChanges()
        pageChanges = nil
        defer { pageChanges = changes }
        try body(&changes)
    }

    /// A deleted header: the member's record with this local id is deleted (nothing when unknown).
    public func deleteFromPage(localID: String) throws {
        let existing = try statements.findRecord.bind(.text(options.member), .text(localID)).first {
            (id: $0.int(0), deleted: $0.int(2) != 0)
        }
        guard let existing, !existing.deleted else {
            report.records.deletionsOfUnknown += 1
            return
        }
        try withPageChanges { try delete(existing.id, &$0) }
    }

    /// Re-clusters what the page has touched so far, inside the page's transaction: a caller that feeds
    /// records in chunks calls it after each, so this work overlaps the reading of the next ones. Clusters
    /// come out the same as with one re-clustering at the end (re-clustering does not depend on how
    /// records are batched: Reclustering.swift).
    public func settlePage() throws {
        guard let changes = pageChanges else { return }
        pageChanges = nil
        try recluster(changes)
    }

    /// Re-clusters what the page touched, stores `state` and commits, all in the page's transaction.
    public func commitPage(state: HarvestStateRow) throws {
        do {
            if let changes = pageChanges { try recluster(changes) }
            try store.writeHarvestState(member: options.member, state)
            try store.db.execute("COMMIT")
        } catch {
            try? store.db.execute("ROLLBACK")
            pageChanges = nil
            throw error
        }
        pageChanges = nil
    }

    public func rollbackPage() {
        try? store.db.execute("ROLLBACK")
        pageChanges = nil
    }

    // MARK: - Reconciliation

    /// Starts a reconciliation: forgets the identifiers an interrupted one had listed.
    public func beginReconciliation() throws {
        try store.db.transaction {
            try store.db.prepare("DELETE FROM harvest_seen WHERE member = ?").bind(.text(options.member)).run()
        }
    }

    /// One page of identifiers the provider lists; returns those the catalogue lacks (to fetch).
    public func reconcile(seen localIDs: [String]) throws -> [String] {
        let insert = try store.db.prepare("INSERT OR IGNORE INTO harvest_seen (member, local_id) VALUES (?, ?)")
        var missing: [String] = []
        try store.db.transaction {
            for id in localIDs {
                try insert.bind(.text(options.member), .text(id)).run()
                if try !store.hasLiveRecord(member: options.member, localID: id) { missing.append(id) }
            }
        }
        return missing
    }

    /// Ends a reconciliation. When the list was complete and not empty, the member's live records it did
    /// not name are deleted, unless they are more than `max-delete-share` of the member's records and
    /// `force` is not set: then nothing is deleted and the report's status is `refused`.
    public func finishReconciliation(complete: Bool) throws {
        defer {
            try? store.db.transaction {
                try store.db.prepare("DELETE FROM harvest_seen WHERE member = ?").bind(.text(options.member)).run()
            }
        }
        guard complete else { return }
        let member = options.member
        let seen = try store.db.prepare("SELECT count(*) FROM harvest_seen WHERE member = ?").bind(.text(member))
            .first { Int($0.int(0)) } ?? 0
        // An empty list proves nothing (a provider in trouble answers noRecordsMatch too).
        guard seen > 0 else { return }
        let missingSQL = """
            SELECT id FROM record r WHERE member = ?1 AND deleted = 0
            AND NOT EXISTS (SELECT 1 FROM harvest_seen s WHERE s.member = ?1 AND s.local_id = r.local_id)
            """
        let live = try statements.countLive.bind(.text(member)).first { Int($0.int(0)) } ?? 0
        let missing = try store.db.prepare("SELECT count(*) FROM (\(missingSQL))").bind(.text(member))
            .first { Int($0.int(0)) } ?? 0
        guard missing > 0, !refusesToDelete(missing, of: live, flag: "--reconcile",
            check: "Check the provider lists everything") else { return }
        let batch = try store.db.prepare(missingSQL + " ORDER BY id LIMIT ?2")
        try deleteInBatches { try batch.bind(.text(member), .int(options.settings.batchSize)).rows { $0.int(0) } }
    }
}
