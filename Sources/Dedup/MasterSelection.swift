public import MARCRecord

/// The documented quality score that elects a cluster's master record (README, "Master record").
///
/// SKELETON: filled in by the merged-record work.
public enum MasterSelection {
    /// Higher is better.
    public static func score(_ record: MARCRecord) -> Int { 0 }

    /// The index of the master among `members`: best score, ties broken by the canonical member key,
    /// so the choice never depends on input order.
    public static func master(of members: [ClusterMember]) -> Int? {
        members.indices.max { a, b in
            let sa = score(members[a].record), sb = score(members[b].record)
            return sa != sb ? sa < sb : members[a].key > members[b].key
        }
    }
}
