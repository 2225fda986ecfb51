public import MARCRecord

/// The kinds of findings character-set work reports.
extension FindingCode {
    public static let leaderEncodingMismatch: FindingCode = "charset.leader-mismatch"
    public static let unmappedBytes: FindingCode = "charset.unmapped-bytes"
    public static let badEscape: FindingCode = "charset.bad-escape"
    public static let readAsASCII: FindingCode = "charset.read-as-ascii"
    public static let setNotReset: FindingCode = "charset.set-not-reset"
    public static let danglingCombiningMark: FindingCode = "charset.dangling-combining-mark"
    public static let unencodable: FindingCode = "charset.unencodable"
    public static let invalidUTF8: FindingCode = "charset.invalid-utf8"
}

extension CharsetIssue {
    /// How each kind is reported: its severity, its code and what was done.
    private var report: (severity: Finding.Severity, code: FindingCode, action: String?) {
        switch kind {
        case .unmappedBytes: (.error, .unmappedBytes, "written as U+FFFD")
        case .readAsASCII: (.warning, .readAsASCII, "read as ASCII")
        case .badEscape: (.warning, .badEscape, "escape skipped")
        case .setNotReset: (.info, .setNotReset, nil)
        case .danglingCombiningMark: (.warning, .danglingCombiningMark, "mark kept without a base")
        case .unencodable: (.info, .unencodable, nil)
        case .invalidUTF8: (.warning, .invalidUTF8, "read as Windows-1252")
        }
    }

    /// The finding for this issue met in a field that starts at `fieldStart` in the record.
    func finding(tag: Tag, fieldStart: Int, decoding: String) -> Finding {
        let (severity, code, action) = report
        // An unmapped-bytes message names its bytes already; the others get them appended.
        let text: String
        if kind == .unmappedBytes || bytes.isEmpty {
            text = kind == .unmappedBytes ? "\(decoding): \(message)" : message
        } else {
            text = "\(message) (bytes \(bytes.map { hexByte($0) }.joined(separator: " ")))"
        }
        return Finding(severity, code, text, action: action, recordOffset: fieldStart + offset, tag: tag.description)
    }
}
