/// The store's logical content as text lines, for tests that compare two stores: member records,
/// clusters with their members, master and merged record, and edges, all named by `member:localid`
/// and cluster id rather than row ids; run times, change sequences and timestamps are left out.
extension CatalogStore {
    package func logicalSnapshot(includeTombstones: Bool = true) throws -> [String] {
        var lines: [String] = []
        let hex: ([UInt8]) -> String = { bytes in bytes.map { String($0, radix: 16).leftPadded(2) }.joined() }
        try db.prepare("""
            SELECT member, local_id, hash, deleted, coalesce(cluster, '-'), coalesce(datestamp, '-')
            FROM record ORDER BY member, local_id
            """).forEach { row in
            lines.append("record \(row.text(0)!):\(row.text(1)!) hash \(hex(row.blob(2) ?? [])) deleted \(row.int(3)) "
                + "cluster \(row.text(4)!) datestamp \(row.text(5)!)")
            return true
        }
        try db.prepare("""
            SELECT c.id, c.deleted, coalesce(r.member || ':' || r.local_id, '-'), c.merged,
                (SELECT group_concat(k, ' ') FROM (SELECT m.member || ':' || m.local_id AS k FROM record m
                 WHERE m.cluster = c.id ORDER BY m.member, m.local_id))
            FROM cluster c LEFT JOIN record r ON r.id = c.master ORDER BY c.id
            """).forEach { row in
            if row.int(1) != 0 && !includeTombstones { return true }
            let merged = row.blob(3).map { "\($0.count) bytes \(hex(StableHash.content([$0])))" } ?? "-"
            lines.append("cluster \(row.text(0)!) deleted \(row.int(1)) master \(row.text(2)!) members "
                + "\(row.text(4) ?? "-") merged \(merged)")
            return true
        }
        try db.prepare("""
            SELECT ra.member || ':' || ra.local_id, rb.member || ':' || rb.local_id, e.score
            FROM edge e JOIN record ra ON ra.id = e.a JOIN record rb ON rb.id = e.b ORDER BY 1, 2
            """).forEach { row in
            lines.append("edge \(row.text(0)!) \(row.text(1)!) \(row.double(2))")
            return true
        }
        return lines
    }

    /// The merged records of the live clusters as (cluster id, ISO 2709 bytes), in cluster-id order.
    package func mergedRecords() throws -> [(String, [UInt8])] {
        try db.prepare("SELECT id, merged FROM cluster WHERE deleted = 0 ORDER BY id").rows { ($0.text(0)!, $0.blob(1) ?? []) }
    }
}
