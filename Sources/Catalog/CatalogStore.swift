internal import CSQLite
import Foundation

/// The union catalogue: one SQLite file in WAL mode.
///
/// Schema (version 3, `PRAGMA user_version`; `migrations` below upgrades a store step by step):
///
/// - `record`: one row per member record. `member`, `local_id` (unique together), `received` (the record
///   as read, ISO 2709 or `StoredRecord`'s extended form), `normalized` (after the normalizer), `hash`
///   (16 bytes over the normalized record and its match profile: equal hash = nothing to do),
///   `datestamp` (upstream datestamp, else the record's 005), `deleted`, `cluster` (NULL when deleted),
///   `profile` (the serialized `MatchProfile`), `seen_run` (the last `--full` run that read it).
/// - `match_key(key, record)`: the record's `MatchKey`s as `kind:value`, indexed both ways; a deleted
///   record has none.
/// - `edge(a, b, score)`: confirmed matches, stored in both directions so one index finds a record's
///   neighbours; re-clustering reads them instead of scoring again.
/// - `cluster`: `id`, `master` (record row id), `merged` (the merged record, ISO 2709), `change_seq`
///   (from `meta.change_seq`, raised once per committed batch), `changed_at` (milliseconds since 1970,
///   UTC), `deleted` (a tombstone: kept so deltas can report it). Members are `record.cluster = id`.
/// - `change(seq, at)`: when each change sequence was committed (one row per batch that changed
///   clusters), so `--since TIME` finds its first sequence without scanning the clusters.
/// - `runs`: one row per merge with its report as JSON.
/// - `meta(key, value)`: `change_seq`.
///
/// Every command runs as transactions of whole batches (records, keys, edges, clusters, merged records
/// together), so a process killed anywhere leaves a store that is consistent, and re-running the
/// command finishes the work: unchanged records are recognised by their hash.
public final class CatalogStore {
    let db: Database
    public let path: String

    /// The schema version this code writes.
    public static let schemaVersion = 3

    /// Opens (creating when needed) and migrates the store at `path`.
    public init(path: String) throws {
        self.path = path
        db = try Database(path: path)
        // 16 KiB pages for a new store (an existing one keeps its own): member records of 2–3 KB fill
        // 4 KiB pages at one or two rows each and give the b-trees more levels; the larger pages make the
        // file a fifth smaller and writes cheaper. Only possible before the store is in WAL mode.
        try db.execute("PRAGMA page_size=16384")
        try db.execute("PRAGMA journal_mode=WAL")
        // NORMAL in WAL mode: a commit is durable once the WAL is synced at checkpoints; a power cut can
        // lose the last batches but never leaves the store inconsistent, and a re-run redoes them.
        try db.execute("PRAGMA synchronous=NORMAL")
        try db.execute("PRAGMA foreign_keys=OFF")
        try db.execute("PRAGMA cache_size=-65536")  // 64 MiB page cache
        // A checkpoint every 8,192 pages (128 MiB of 16 KiB pages) instead of SQLite's 1,000: a harvested
        // page or a merge batch writes tens of MB, and the b-tree pages most of them touch (the key and id
        // indexes) are then copied into the file once per checkpoint rather than after nearly every commit.
        // The WAL file grows to about that size while the catalogue is written; closing removes it.
        try db.execute("PRAGMA wal_autocheckpoint=8192")
        try db.execute("PRAGMA temp_store=FILE")
        try migrate()
    }

    static let migrations: [String] = [
        // 1: the first schema.
        """
        CREATE TABLE record (
            id INTEGER PRIMARY KEY,
            member TEXT NOT NULL,
            local_id TEXT NOT NULL,
            received BLOB,
            normalized BLOB NOT NULL,
            hash BLOB NOT NULL,
            datestamp TEXT,
            deleted INTEGER NOT NULL DEFAULT 0,
            cluster TEXT,
            profile BLOB,
            seen_run INTEGER,
            UNIQUE (member, local_id)
        );
        CREATE INDEX record_cluster ON record (cluster);
        CREATE TABLE match_key (
            key TEXT NOT NULL,
            record INTEGER NOT NULL,
            PRIMARY KEY (key, record)
        ) WITHOUT ROWID;
        CREATE INDEX match_key_record ON match_key (record);
        CREATE TABLE edge (
            a INTEGER NOT NULL,
            b INTEGER NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID;
        CREATE TABLE cluster (
            id TEXT PRIMARY KEY,
            master INTEGER,
            merged BLOB,
            change_seq INTEGER NOT NULL,
            changed_at INTEGER NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX cluster_change ON cluster (change_seq);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            member TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER,
            status TEXT NOT NULL,
            report TEXT
        );
        CREATE TABLE change (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO meta VALUES ('change_seq', 0);
        """,
        // 2: harvesting. `harvest_state`: one row per member, written in the same transaction as the
        // page's records (the state JSON is the harvester's; the other columns are for people and reports).
        // `harvest_seen`: the identifiers a reconciliation's ListIdentifiers listed, until it finishes.
        // `dump_mark`: where the last scheduled dump of each kind stood (`katalog run`).
        """
        CREATE TABLE harvest_state (
            member TEXT PRIMARY KEY,
            from_date TEXT,
            token TEXT,
            response_date TEXT,
            status TEXT NOT NULL,
            state TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE harvest_seen (
            member TEXT NOT NULL,
            local_id TEXT NOT NULL,
            PRIMARY KEY (member, local_id)
        ) WITHOUT ROWID;
        CREATE TABLE dump_mark (
            kind TEXT PRIMARY KEY,
            change_seq INTEGER NOT NULL,
            at INTEGER NOT NULL
        );
        """,
        // 3: `cluster` as a rowid table with its merged record last. As a WITHOUT ROWID table its rows,
        // merged record inline, were the b-tree: every new cluster (random id) split or dirtied a page
        // full of merged records, and reading `deleted` walked past the merged record. Now rows are
        // appended, the id index holds only ids, and the small columns come before the blob.
        """
        CREATE TABLE cluster_v3 (
            id TEXT PRIMARY KEY,
            master INTEGER,
            deleted INTEGER NOT NULL DEFAULT 0,
            change_seq INTEGER NOT NULL,
            changed_at INTEGER NOT NULL,
            merged BLOB
        );
        INSERT INTO cluster_v3 (id, master, deleted, change_seq, changed_at, merged)
            SELECT id, master, deleted, change_seq, changed_at, merged FROM cluster ORDER BY change_seq, id;
        DROP TABLE cluster;
        ALTER TABLE cluster_v3 RENAME TO cluster;
        CREATE INDEX cluster_change ON cluster (change_seq);
        """,
    ]

    private func migrate() throws {
        let version = try db.prepare("PRAGMA user_version").first { Int($0.int(0)) } ?? 0
        guard version <= Self.migrations.count else {
            throw CatalogError(code: 0, message: "the store has schema version \(version); this katalog knows "
                + "versions up to \(Self.migrations.count): use a newer katalog", context: path)
        }
        for v in version..<Self.migrations.count {
            try db.transaction {
                try db.execute(Self.migrations[v])
                try db.execute("PRAGMA user_version = \(v + 1)")
            }
        }
    }

    /// The store's schema version.
    public var userVersion: Int {
        get throws { try db.prepare("PRAGMA user_version").first { Int($0.int(0)) } ?? 0 }
    }

    // MARK: - Change marks

    /// Where the store's history stands now: the last change sequence and its time.
    public func currentChangeMark() throws -> ChangeMark {
        let seq = try db.prepare("SELECT value FROM meta WHERE key = 'change_seq'").first { $0.int(0) } ?? 0
        let at = try db.prepare("SELECT max(at) FROM change").first { $0.isNull(0) ? nil : $0.int(0) } ?? nil
        return ChangeMark(sequence: seq, milliseconds: at)
    }

    /// Milliseconds since 1970 now (UTC).
    static func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
