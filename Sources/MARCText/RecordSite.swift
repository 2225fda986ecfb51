import MARCRecord

/// Where one record came from, and the findings met while reading it: every finding gets the file, the
/// record number, the stream offset of the problem and its offset from the record's start.
struct RecordSite {
    var fileName: String?
    var recordNumber: Int
    /// Stream offset of the record's first byte.
    var streamOffset: Int64
    var findings: [Finding] = []

    mutating func add(_ severity: Finding.Severity, _ code: FindingCode, _ message: String, action: String?,
        at recordOffset: Int, tag: String?)
    {
        findings.append(Finding(severity, code, message, action: action, file: fileName, recordNumber: recordNumber,
            streamOffset: streamOffset + Int64(recordOffset), recordOffset: recordOffset, tag: tag))
    }

    /// Names the record in every finding once its 001 is known.
    mutating func stamp(controlNumber: String?) {
        guard let controlNumber else { return }
        for i in findings.indices where findings[i].controlNumber == nil { findings[i].controlNumber = controlNumber }
    }
}
