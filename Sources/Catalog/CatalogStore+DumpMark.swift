/// Where the last scheduled dump of a kind (`full`, `delta`) stood, so that `katalog run` writes each
/// delta from the change sequence the previous one ended at, whatever the clock did.
public struct DumpMarkRow: Sendable, Hashable {
    /// The store's change sequence the dump covered.
    public var changeSequence: Int64
    /// When it was written (milliseconds since 1970, UTC).
    public var milliseconds: Int64
}

extension CatalogStore {
    public func dumpMark(kind: String) throws -> DumpMarkRow? {
        try db.prepare("SELECT change_seq, at FROM dump_mark WHERE kind = ?").bind(.text(kind)).first {
            DumpMarkRow(changeSequence: $0.int(0), milliseconds: $0.int(1))
        }
    }

    /// Records that a dump of `kind` covering everything up to `mark` was published.
    public func setDumpMark(kind: String, _ mark: ChangeMark) throws {
        try db.transaction {
            try db.prepare("INSERT OR REPLACE INTO dump_mark (kind, change_seq, at) VALUES (?, ?, ?)")
                .bind(.text(kind), .integer(mark.sequence ?? 0), .integer(Self.nowMilliseconds())).run()
        }
    }
}
