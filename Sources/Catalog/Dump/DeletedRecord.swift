public import MARCRecord
import Dedup

/// The record that stands for a deleted cluster in a dump: leader/05 `d`, 001 = the cluster id,
/// 003 = the union agency, and 005 when the deletion time is known.
///
/// Nothing else: a loading system needs only the id to delete, and yaz-marcdump, pymarc and the
/// MARCXML schema all read a record without 245 or 008 without complaint (the interop tests check
/// it). Leader/06–07 say `am` because the schema wants something there and the type is unknown.
public enum DeletedRecord {
    public static func make(clusterID: String, unionAgency: String, deletedAt: String? = nil) -> MARCRecord {
        var record = MARCRecord(leader: Leader("00000dam a2200000   4500")!)
        record.appendControlField("001", clusterID)
        record.appendControlField("003", unionAgency)
        if let deletedAt { record.appendControlField("005", deletedAt) }
        MergedRecordBuilder.settleLeader(&record)
        return record
    }
}
