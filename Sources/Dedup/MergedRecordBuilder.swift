public import MARCRecord

/// Builds the union record of a cluster: the master's description, 001 = cluster id, 003 = union
/// agency, 005 = the latest member datestamp, the union of the members' 020/022/035, one 035 and one
/// 852 per member record.
///
/// SKELETON: filled in by the merged-record work.
public struct MergedRecordBuilder: Sendable {
    public var unionAgency: String

    public init(unionAgency: String = "KATALOG") {
        self.unionAgency = unionAgency
    }

    /// Members in any order; the result is the same bytes for the same set.
    public func build(clusterID: String, members: [ClusterMember]) -> MARCRecord? {
        guard let i = MasterSelection.master(of: members) else { return nil }
        return members[i].record
    }
}
