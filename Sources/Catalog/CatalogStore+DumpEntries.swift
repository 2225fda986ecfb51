import MARCRecord

/// The clusters of a store in cluster-id order, read one row at a time (the whole catalogue is never
/// in memory). A failure while reading ends the sequence and is kept in `failure`: a dump writer checks
/// it after the loop, so a short read is never taken for the whole catalogue.
public final class DumpEntries: Sequence {
    let statement: Statement?
    public private(set) var failure: CatalogError?

    init(statement: Statement?, failure: CatalogError?) {
        self.statement = statement
        self.failure = failure
    }

    public struct Iterator: IteratorProtocol {
        let owner: DumpEntries
        var done = false

        public mutating func next() -> DumpEntry? {
            guard !done, let statement = owner.statement else { return nil }
            do {
                guard try statement.step() else {
                    done = true
                    return nil
                }
                let row = Row(handle: statement.handle)
                let id = row.text(0) ?? ""
                if row.int(1) != 0 { return DumpEntry(clusterID: id, record: nil) }
                guard let bytes = row.blob(2), let record = StoredRecord.decode(bytes) else {
                    owner.failure = CatalogError(code: 0, message: "merged record of cluster \(id) cannot be read",
                        context: statement.db.path)
                    done = true
                    return nil
                }
                return DumpEntry(clusterID: id, record: record)
            } catch {
                owner.failure = error
                done = true
                return nil
            }
        }
    }

    public func makeIterator() -> Iterator { Iterator(owner: self) }
}

extension CatalogStore {
    /// Every cluster changed since `mark` (all live clusters when `mark` is nil: a full dump has no
    /// tombstones), ordered by cluster id, streamed from the store.
    public func dumpEntries(since mark: ChangeMark?) -> DumpEntries {
        let sql: String
        var values: [SQLValue] = []
        if let mark {
            if let sequence = mark.sequence {
                sql = "SELECT id, deleted, merged FROM cluster WHERE change_seq > ? ORDER BY id"
                values = [.integer(sequence)]
            } else {
                // The first change at or after the time, from the small `change` table; then the
                // change-sequence index does the rest.
                sql = """
                    SELECT id, deleted, merged FROM cluster
                    WHERE change_seq >= (SELECT coalesce(min(seq), 9223372036854775807) FROM change WHERE at >= ?)
                    ORDER BY id
                    """
                values = [.integer(mark.milliseconds ?? 0)]
            }
        } else {
            sql = "SELECT id, deleted, merged FROM cluster WHERE deleted = 0 ORDER BY id"
        }
        do {
            let statement = try db.prepare(sql)
            try statement.bind(values)
            return DumpEntries(statement: statement, failure: nil)
        } catch {
            return DumpEntries(statement: nil, failure: error)
        }
    }
}
