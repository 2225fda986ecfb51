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
    /// The finding for this issue met in a field that starts at `fieldStart` in the record.
    func finding(tag: Tag, fieldStart: Int, decoding: String) -> Finding {
        let bytes = self.bytes.map { hex($0) }.joined(separator: " ")
        let shown = bytes.isEmpty ? "" : " (bytes \(bytes))"
        switch kind {
        case .unmappedBytes:
            return Finding(.error, .unmappedBytes, "\(decoding): \(message)",
                action: "written as U+FFFD", recordOffset: fieldStart + offset, tag: tag.description)
        case .readAsASCII:
            return Finding(.warning, .readAsASCII, "\(message)\(shown)", action: "read as ASCII",
                recordOffset: fieldStart + offset, tag: tag.description)
        case .badEscape:
            return Finding(.warning, .badEscape, "\(message)\(shown)", action: "escape skipped",
                recordOffset: fieldStart + offset, tag: tag.description)
        case .setNotReset:
            return Finding(.info, .setNotReset, "\(message)\(shown)", action: nil,
                recordOffset: fieldStart + offset, tag: tag.description)
        case .danglingCombiningMark:
            return Finding(.warning, .danglingCombiningMark, "\(message)\(shown)", action: "mark kept without a base",
                recordOffset: fieldStart + offset, tag: tag.description)
        case .unencodable:
            return Finding(.info, .unencodable, "\(message)\(shown)", action: nil,
                recordOffset: fieldStart + offset, tag: tag.description)
        case .invalidUTF8:
            return Finding(.warning, .invalidUTF8, "\(message)\(shown)", action: "read as Windows-1252",
                recordOffset: fieldStart + offset, tag: tag.description)
        }
    }
}

@inline(__always)
func hex(_ b: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
}
