public import Dedup
public import MARCRecord
public import Normalize

/// One input record made ready for the store: its local id, normalized form, match profile and
/// content hash. Computing this is the CPU-heavy part of a merge and needs no store, so it runs on
/// the reading thread beside the SQLite writer.
public struct PreparedRecord: Sendable {
    public enum LocalIDSource: String, Sendable, Codable {
        /// The record's 001: the normal case.
        case controlNumber = "001"
        /// No 001: an 035 `(MEMBER)id` naming the member's own number.
        case memberSystemNumber = "035-member"
        /// No 001, no 035 of the member: the first 035 $a.
        case systemNumber = "035"
        /// Harvested: the OAI identifier, the key deletions and reconciliation use (docs/oai-pmh.md §2:
        /// upserts keyed on (source, OAI identifier); SLiMS records have no 001 anyway).
        case oaiIdentifier = "oai"
        /// Nothing names the record: a hash of its received bytes (a changed record then looks like a
        /// deleted one plus a new one; the run report counts these).
        case contentHash = "content-hash"
    }

    public var localID: String
    public var localIDSource: LocalIDSource
    /// leader/05 = `d`: the member says the record is deleted.
    public var isDeletion: Bool
    public var received: [UInt8]
    public var normalizedRecord: MARCRecord
    public var normalized: [UInt8]
    public var profile: MatchProfile
    public var profileBytes: [UInt8]
    public var hash: [UInt8]
    public var datestamp: String?
    /// Work done ahead for the store's re-clustering, on the preparing thread: nil unless asked for.
    public var ahead: Ahead?

    /// The record as re-clustering reads it back (its stored bytes decoded), and its merged record for the
    /// case that it ends up alone in a cluster under the id it would found (most new records: re-clustering
    /// uses these only when that is exactly what happened, so the outcome is the same as building there).
    public struct Ahead: Sendable {
        public var member: ClusterMember
        public var aloneClusterID: String
        public var aloneMerged: [UInt8]?
        public var aloneMaster: Bool
    }

    /// Normalizes `record` for `memberCode` and computes everything the store keeps.
    /// `oaiIdentifier`: a harvested record's identifier, which then is its local id. With `builder` (the
    /// merge's), the work in `ahead` is done too.
    public init(_ record: MARCRecord, memberCode: String, normalizer: Normalizer, datestamp: String? = nil,
        oaiIdentifier: String? = nil, builder: MergedRecordBuilder? = nil)
    {
        received = StoredRecord.encode(record)
        if let oaiIdentifier {
            (localID, localIDSource) = (oaiIdentifier, .oaiIdentifier)
        } else {
            (localID, localIDSource) = Self.localID(of: record, memberCode: memberCode, received: received)
        }
        isDeletion = record.leaderByte(5) == UInt8(ascii: "d")
        var copy = record
        var context = NormalizationContext(memberCode: memberCode, localID: localID, recordsChanges: false)
        normalizer.normalize(&copy, &context)
        normalizedRecord = copy
        normalized = StoredRecord.encode(copy)
        profile = MatchProfile(record: copy)
        profileBytes = profile.serialized()
        // The profile is part of the hash: a matcher that keys records differently re-keys them.
        hash = StableHash.content([normalized, profileBytes])
        self.datestamp = datestamp ?? record.firstField("005").map { $0.value.trimmingBlanks() }
        if let builder, !isDeletion, let stored = StoredRecord.decode(normalized) {
            let member = ClusterMember(memberCode: memberCode, localID: localID, record: stored,
                datestamp: self.datestamp)
            let id = ClusterID.derived(from: member.key)
            ahead = Ahead(member: member, aloneClusterID: id,
                aloneMerged: builder.build(clusterID: id, members: [member]).map { StoredRecord.encode($0) },
                aloneMaster: MasterSelection.master(of: [member]) == 0)
        }
    }

    static func localID(of record: MARCRecord, memberCode: String, received: [UInt8]) -> (String, LocalIDSource) {
        if let id = record.controlNumber, !id.isEmpty { return (id, .controlNumber) }
        let systemNumbers = record.fields("035").compactMap { $0.value("a") }.map { $0.trimmingBlanks() }
        let prefix = "(\(memberCode))"
        if let own = systemNumbers.first(where: { $0.hasPrefix(prefix) && $0.count > prefix.count }) {
            return (String(own.dropFirst(prefix.count)).trimmingBlanks(), .memberSystemNumber)
        }
        if let first = systemNumbers.first(where: { !$0.isEmpty }) { return (first, .systemNumber) }
        let h = StableHash.content([received])
        return ("hash-" + h.prefix(8).map { String($0, radix: 16).leftPadded(2) }.joined(), .contentHash)
    }
}

extension String {
    func trimmingBlanks() -> String {
        let blank: Character = " "
        var s = Substring(self)
        while s.first == blank { s.removeFirst() }
        while s.last == blank { s.removeLast() }
        return String(s)
    }

    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
