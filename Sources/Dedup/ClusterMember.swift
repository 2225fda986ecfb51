public import MARCRecord

/// One member record as the merged-record builder sees it.
public struct ClusterMember: Sendable {
    public var memberCode: String
    public var localID: String
    /// The normalized record (after the normalizer, with the member's 003/035/852 provenance).
    public var record: MARCRecord
    /// The upstream datestamp or the record's 005, whichever the store kept; used for 005 of the
    /// merged record so that the dump never depends on the clock.
    public var datestamp: String?

    public init(memberCode: String, localID: String, record: MARCRecord, datestamp: String?) {
        self.memberCode = memberCode
        self.localID = localID
        self.record = record
        self.datestamp = datestamp
    }

    /// `MEMBER:localid`, the key `katalog explain` accepts and the canonical order of members.
    public var key: String { "\(memberCode):\(localID)" }
}
