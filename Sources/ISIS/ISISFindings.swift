public import MARCRecord

/// The kinds of findings the ISIS readers report.
extension FindingCode {
    // Opening a master file and detecting its format.
    public static let isisNoCrossReference: FindingCode = "isis.no-xrf"
    public static let isisBadControlRecord: FindingCode = "isis.bad-control-record"
    public static let isisByteOrderGuessed: FindingCode = "isis.byte-order-guessed"
    public static let isisShiftMismatch: FindingCode = "isis.shift-mismatch"
    public static let isisLayoutAmbiguous: FindingCode = "isis.layout-ambiguous"
    public static let isisLayoutUndetected: FindingCode = "isis.layout-undetected"
    public static let isisFormatOverridden: FindingCode = "isis.format-overridden"

    // The XRF.
    public static let isisBadXRFBlock: FindingCode = "isis.bad-xrf-block"
    public static let isisXRFTooShort: FindingCode = "isis.xrf-too-short"
    public static let isisBadPointer: FindingCode = "isis.bad-xrf-pointer"

    // One record.
    public static let isisMFNMismatch: FindingCode = "isis.mfn-mismatch"
    public static let isisBadLeader: FindingCode = "isis.bad-leader"
    public static let isisBaseMismatch: FindingCode = "isis.base-mismatch"
    public static let isisRecordTruncated: FindingCode = "isis.record-truncated"
    public static let isisFieldPastRecord: FindingCode = "isis.field-past-record"
    public static let isisLockedRecord: FindingCode = "isis.locked-record"
    public static let isisStatusMismatch: FindingCode = "isis.status-mismatch"

    // ISIS-flavoured ISO 2709.
    public static let isisISOJunk: FindingCode = "isis-iso.junk-between-records"
    public static let isisISOBadLength: FindingCode = "isis-iso.bad-record-length"
    public static let isisISOLineBreaks: FindingCode = "isis-iso.irregular-line-breaks"
    public static let isisISOMissingTerminator: FindingCode = "isis-iso.missing-record-terminator"
    public static let isisISOBadLeader: FindingCode = "isis-iso.bad-leader"
    public static let isisISOBadDirectory: FindingCode = "isis-iso.bad-directory"
    public static let isisISOBadTag: FindingCode = "isis-iso.bad-tag"
    public static let isisISOFieldPastRecord: FindingCode = "isis-iso.field-past-record"
    public static let isisISOFieldTerminator: FindingCode = "isis-iso.missing-field-terminator"
    public static let isisISOTruncated: FindingCode = "isis-iso.truncated-record"

    // Field definition tables.
    public static let isisFDTBadLine: FindingCode = "isis-fdt.bad-line"
}

extension Int {
    /// ISIS stores tags as integers; they are shown as MARC shows them (`20` → `020`).
    var isisTag: String {
        self < 100 && self >= 0 ? String(1000 + self).dropFirst().description : String(self)
    }
}
