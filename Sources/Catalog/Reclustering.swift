import Dedup
import MARCRecord

/// Re-forms the clusters a batch touched, deterministically.
///
/// The rule:
/// 1. The touched records are the batch's changed records and their former edge neighbours, closed over
///    match edges and over the old clusters (every record of an old cluster is touched when one is), so
///    each connected component of match edges that changed is re-clustered whole.
/// 2. The live touched records are taken in canonical order (member code, then local id, bytewise). Each
///    joins the existing cluster of this re-clustering that it has the best edge score to (the highest
///    score of its edges into that cluster) and that holds no record of its member; ties go to the
///    smaller cluster id. With no such cluster it starts a new one.
/// 3. A new cluster takes the previous cluster id of the record that starts it, when that id is not yet
///    taken in this re-clustering; else `ClusterID.derived` of that record's `member:localid` (with a
///    counter appended in the unlikely case that id belongs to another live cluster). Never a random
///    or clock-based id.
/// 4. A cluster whose members or member records changed gets its merged record rebuilt
///    (`MergedRecordBuilder.build`, members in canonical order), its master re-elected
///    (`MasterSelection`) and the batch's change sequence and time; an old cluster left without records
///    becomes a tombstone (deleted, no merged record) so that deltas can report it.
///
/// The outcome depends only on the records and their edges (and, for ids, on earlier ids only where a
/// cluster's first record was once in a cluster someone else started): the same inputs merged in any
/// order, or in batches of any size, give the same clusters. Records of one member never share a cluster.
/// One known exception: a key that crosses the posting limit (`MergeEngine.Options.postingLimit`) during
/// a merge brought candidates to the records keyed before it crossed and none to those after, so edges
/// found only through such a key can depend on the order of arrival.
extension MergeEngine {
    struct Node {
        var id: Int64
        var member: String
        var localID: String
        var deleted: Bool
        var oldCluster: String?
        var edges: [(Int64, Double)]

        var key: String { "\(member):\(localID)" }

        static func canonical(_ a: Node, _ b: Node) -> Bool {
            if a.member != b.member { return a.member.utf8.lexicographicallyPrecedes(b.member.utf8) }
            return a.localID.utf8.lexicographicallyPrecedes(b.localID.utf8)
        }
    }

    struct Forming {
        var id: String
        var members: Set<String> = []
        var records: [Int64] = []
    }

    func recluster(_ changes: BatchChanges) throws {
        let s = statements
        // 1. The touched records.
        var nodes: [Int64: Node] = [:]
        var queue = changes.seeds.sorted()
        var visitedClusters = Set<String>()
        while let id = queue.popLast() {
            guard nodes[id] == nil else { continue }
            var node: Node
            if let inserted = changes.inserted[id] {
                node = Node(id: id, member: options.member, localID: inserted.localID, deleted: false, oldCluster: nil,
                    edges: inserted.edges)
            } else {
                guard let read = try s.recordInfo.bind(.integer(id)).first({ row in
                    Node(id: id, member: row.text(0) ?? "", localID: row.text(1) ?? "", deleted: row.int(2) != 0,
                        oldCluster: row.text(3), edges: [])
                }) else { continue }
                node = read
                if !node.deleted {
                    node.edges = try s.edgesWithScores.bind(.integer(id)).rows { ($0.int(0), $0.double(1)) }
                }
            }
            if !node.deleted {
                for (n, _) in node.edges where nodes[n] == nil { queue.append(n) }
            }
            if let c = node.oldCluster, visitedClusters.insert(c).inserted {
                for m in try s.clusterMembers.bind(.text(c)).rows({ $0.int(0) }) where nodes[m] == nil { queue.append(m) }
            }
            nodes[id] = node
        }

        // 2–3. Greedy assignment in canonical order.
        let live = nodes.values.filter { !$0.deleted }.sorted(by: Node.canonical)
        var oldMembers: [String: Set<Int64>] = [:]
        for node in nodes.values { if let c = node.oldCluster { oldMembers[c, default: []].insert(node.id) } }
        var forming: [Forming] = []
        var assignment: [Int64: Int] = [:]
        var taken = Set<String>()
        for node in live {
            var scores: [Int: Double] = [:]
            for (n, score) in node.edges {
                if let ci = assignment[n] { scores[ci] = max(scores[ci] ?? -Double.infinity, score) }
            }
            var best: (index: Int, score: Double)?
            for (ci, score) in scores where !forming[ci].members.contains(node.member) {
                if let b = best {
                    if score > b.score || (score == b.score && forming[ci].id.utf8.lexicographicallyPrecedes(forming[b.index].id.utf8)) {
                        best = (ci, score)
                    }
                } else {
                    best = (ci, score)
                }
            }
            let index: Int
            if let best {
                index = best.index
            } else {
                let id = try newClusterID(for: node, taken: taken, oldClusters: oldMembers)
                taken.insert(id)
                forming.append(Forming(id: id))
                index = forming.count - 1
            }
            forming[index].members.insert(node.member)
            forming[index].records.append(node.id)
            assignment[node.id] = index
        }

        // 4. Write what changed.
        var sequence: Int64?
        let now = CatalogStore.nowMilliseconds()
        func nextSequence() throws -> Int64 {
            if let sequence { return sequence }
            let next = (try s.readSeq.first { $0.int(0) } ?? 0) + 1
            try s.writeSeq.bind(.integer(next)).run()
            try s.insertChange.bind(.integer(next), .integer(now)).run()
            sequence = next
            return next
        }
        for cluster in forming {
            let now_ = Set(cluster.records)
            let old = oldMembers[cluster.id] ?? []
            let membershipChanged = now_ != old
            guard membershipChanged || !now_.isDisjoint(with: changes.changed) else { continue }
            if old.isEmpty {
                report.clusters.created += 1
            } else {
                if !now_.subtracting(old).isEmpty { report.clusters.grown += 1 }
                if !old.subtracting(now_).isEmpty { report.clusters.shrunk += 1 }
            }
            if cluster.records.count == 1, let ahead = changes.ahead[cluster.records[0]],
                ahead.aloneClusterID == cluster.id
            {
                // Alone under the id it founded: the merged record the preparing thread built is this one.
                let id = cluster.records[0]
                try s.upsertCluster.bind(.text(cluster.id), ahead.aloneMaster ? .integer(id) : .null,
                    ahead.aloneMerged.map { .blob($0) } ?? .null, .integer(try nextSequence()), .integer(now)).run()
                if nodes[id]?.oldCluster != cluster.id { try s.setCluster.bind(.text(cluster.id), .integer(id)).run() }
                report.clusters.rebuilt += 1
                continue
            }
            let members = try cluster.records.map { id -> (Int64, ClusterMember) in
                if let ahead = changes.ahead[id] { return (id, ahead.member) }
                guard let m = try s.memberData.bind(.integer(id)).first({ row -> ClusterMember? in
                    guard let bytes = row.blob(2), let record = StoredRecord.decode(bytes) else { return nil }
                    return ClusterMember(memberCode: row.text(0) ?? "", localID: row.text(1) ?? "", record: record,
                        datestamp: row.text(3))
                }), let m else {
                    throw CatalogError(code: 0, message: "record \(id) of cluster \(cluster.id) cannot be read",
                        context: store.path)
                }
                return (id, m)
            }
            let clusterMembers = members.map(\.1)
            let merged = options.builder.build(clusterID: cluster.id, members: clusterMembers)
            let master = MasterSelection.master(of: clusterMembers).map { members[$0].0 }
            try s.upsertCluster.bind(.text(cluster.id), master.map { .integer($0) } ?? .null,
                merged.map { .blob(StoredRecord.encode($0)) } ?? .null, .integer(try nextSequence()), .integer(now)).run()
            for id in cluster.records where nodes[id]?.oldCluster != cluster.id {
                try s.setCluster.bind(.text(cluster.id), .integer(id)).run()
            }
            report.clusters.rebuilt += 1
        }
        let newIDs = Set(forming.map(\.id))
        for (old, members) in oldMembers.sorted(by: { $0.key < $1.key }) {
            let destinations = Set(members.compactMap { assignment[$0] })
            if destinations.count >= 2 { report.clusters.split += 1 }
            if !newIDs.contains(old) {
                try s.tombstone.bind(.integer(try nextSequence()), .integer(now), .text(old)).run()
                if store.db.changes > 0 { report.clusters.deleted += 1 }
            }
        }
        for node in nodes.values where node.deleted && node.oldCluster != nil {
            try s.setCluster.bind(.null, .integer(node.id)).run()
        }
    }

    /// The id of a cluster `node` starts (rule 3).
    private func newClusterID(for node: Node, taken: Set<String>, oldClusters: [String: Set<Int64>]) throws -> String {
        if let old = node.oldCluster, !taken.contains(old) { return old }
        var attempt = 0
        while true {
            let id = ClusterID.derived(from: node.key, attempt: attempt)
            if !taken.contains(id) {
                // Free unless a live cluster outside this re-clustering has it (a hash collision).
                if oldClusters[id] != nil { return id }
                let deleted = try statements.clusterState.bind(.text(id)).first { $0.int(0) != 0 }
                if deleted == nil || deleted == true { return id }
            }
            attempt += 1
        }
    }
}
