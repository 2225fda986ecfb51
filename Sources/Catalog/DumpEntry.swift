public import MARCRecord

/// One cluster as the dump writer sees it: its merged record, or nil when the cluster is deleted (a
/// tombstone: the delta's deletes file names it).
public struct DumpEntry: Sendable {
    public var clusterID: String
    /// nil = deleted.
    public var record: MARCRecord?

    public init(clusterID: String, record: MARCRecord?) {
        self.clusterID = clusterID
        self.record = record
    }
}
