public import Dedup
import MARCRecord

/// `katalog explain`: why a cluster is what it is. Its members and their master scores, the keys they
/// share, the scores of the edges between them, and for every other record sharing a key with a member
/// the matcher's verdict, computed afresh, with the veto (or the rule) that kept it out.
extension CatalogStore {
    public struct ExplainError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The explanation of the cluster `id` names (a cluster id, or `MEMBER:localid`), as text lines.
    public func explain(_ id: String, matcher: Matcher = Matcher(), candidateLimit: Int = 50) throws -> [String] {
        var lines: [String] = []
        var clusterID = id
        if let colon = id.firstIndex(of: ":") {
            let member = String(id[..<colon]), local = String(id[id.index(after: colon)...])
            guard let row = try db.prepare("SELECT id, deleted, cluster FROM record WHERE member = ? AND local_id = ?")
                .bind(.text(member), .text(local)).first({ (id: $0.int(0), deleted: $0.int(1) != 0, cluster: $0.text(2)) })
            else { throw ExplainError(description: "\(id): no such member record in \(path)") }
            if row.deleted {
                lines.append("\(id): deleted member record (in no cluster)")
                return lines
            }
            guard let c = row.cluster else { throw ExplainError(description: "\(id): in no cluster (store not consistent?)") }
            lines.append("\(id) is in cluster \(c)")
            clusterID = c
        }
        guard let cluster = try db.prepare("SELECT master, change_seq, changed_at, deleted FROM cluster WHERE id = ?")
            .bind(.text(clusterID)).first({ row in
                (master: row.isNull(0) ? nil : row.int(0), seq: row.int(1), at: row.int(2), deleted: row.int(3) != 0)
            })
        else { throw ExplainError(description: "\(clusterID): no such cluster in \(path)") }
        lines.append("cluster \(clusterID)\(cluster.deleted ? " (deleted: a tombstone)" : ""), last changed "
            + "\(ChangeMark.format(cluster.at)) (change \(cluster.seq))")
        if cluster.deleted { return lines }

        struct Member {
            var id: Int64, member: String, local: String, record: MARCRecord, profile: MatchProfile
            var key: String { "\(member):\(local)" }
        }
        let load = try db.prepare("SELECT id, member, local_id, normalized, profile FROM record WHERE id = ?")
        func member(_ id: Int64) throws -> Member? {
            try load.bind(.integer(id)).first { row -> Member? in
                guard let bytes = row.blob(3), let record = StoredRecord.decode(bytes) else { return nil }
                let profile = row.blob(4).flatMap { MatchProfile(serialized: $0) } ?? MatchProfile(record: record)
                return Member(id: row.int(0), member: row.text(1) ?? "", local: row.text(2) ?? "", record: record,
                    profile: profile)
            } ?? nil
        }
        let ids = try db.prepare("SELECT id FROM record WHERE cluster = ? ORDER BY member, local_id")
            .bind(.text(clusterID)).rows { $0.int(0) }
        let members = try ids.compactMap(member)
        let inCluster = Set(ids)
        lines.append("members (\(members.count)):")
        for m in members {
            let title = m.record.firstField("245")?.value("a") ?? "(no 245 $a)"
            lines.append("  \(m.key)\(m.id == cluster.master ? "  [master]" : "")  score \(MasterSelection.score(m.record))"
                + "  \(title)")
        }
        if let master = members.first(where: { $0.id == cluster.master }) {
            lines.append("master: \(master.key): the highest master score (MasterSelection: source trust, encoding "
                + "level, 1XX/6XX/040/classification, field count, penalties); ties go to the smaller member:localid")
        }

        var holders: [String: [String]] = [:]
        for m in members { for k in Set(m.profile.keys.map(\.description)) { holders[k, default: []].append(m.key) } }
        let shared = holders.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        lines.append("keys shared by members:" + (shared.isEmpty ? " none" : ""))
        for (k, who) in shared { lines.append("  \(k): \(who.joined(separator: ", "))") }

        lines.append("match edges (stored score; the signals as the matcher weighs them now):")
        let edges = try db.prepare("SELECT b, score FROM edge WHERE a = ? ORDER BY b")
        var byID: [Int64: Member] = [:]
        for m in members { byID[m.id] = m }
        var any = false
        for m in members {
            for (b, score) in try edges.bind(.integer(m.id)).rows({ ($0.int(0), $0.double(1)) }) where m.id < b || !inCluster.contains(b) {
                guard let other = try byID[b] ?? member(b) else { continue }
                let where_ = inCluster.contains(b) ? "" : " (in another cluster)"
                lines.append("  \(m.key) — \(other.key)\(where_): \(score)")
                let signals = matcher.compare(m.profile, other.profile).contributions
                    .map { "\($0.signal) \(($0.weight * 100).rounded() / 100)" }
                if !signals.isEmpty { lines.append("    " + signals.joined(separator: ", ")) }
                any = true
            }
        }
        if !any { lines.append("  none") }

        // Candidates: records sharing a key with a member, outside the cluster.
        let postings = try db.prepare("SELECT record FROM match_key WHERE key = ? LIMIT ?")
        var candidates = Set<Int64>()
        for m in members {
            for k in Set(m.profile.keys.map(\.description)) {
                for r in try postings.bind(.text(k), .int(candidateLimit + 1)).rows({ $0.int(0) }) where !inCluster.contains(r) {
                    candidates.insert(r)
                }
            }
        }
        lines.append("candidates sharing keys, not in the cluster:" + (candidates.isEmpty ? " none" : ""))
        let memberCodes = Set(members.map(\.member))
        let clusterOf = try db.prepare("SELECT cluster FROM record WHERE id = ?")
        for r in candidates.sorted().prefix(candidateLimit) {
            guard let c = try member(r) else { continue }
            let elsewhere = try clusterOf.bind(.integer(r)).first { $0.text(0) } ?? nil
            for m in members {
                if m.member == c.member { continue }
                let decision = matcher.compare(m.profile, c.profile)
                var why: String
                if !decision.vetoes.isEmpty {
                    why = "veto: " + decision.vetoes.joined(separator: "; ")
                } else if decision.verdict == .nonMatch {
                    why = "score \(decision.score) below the threshold \(matcher.settings.threshold)"
                } else if memberCodes.contains(c.member) {
                    why = "matches, but the cluster already has a record of \(c.member)"
                } else {
                    why = "matches; it joined a cluster it scores higher with (\(elsewhere ?? "none"))"
                }
                let keys = decision.sharedKeys.map(\.description).joined(separator: ", ")
                lines.append("  \(c.key) vs \(m.key): \(decision.verdict.rawValue), score \(decision.score)"
                    + (keys.isEmpty ? "" : " (shared: \(keys))") + ": \(why)")
            }
        }
        return lines
    }
}
