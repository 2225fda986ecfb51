public import MARCRecord

/// The kinds of findings the MARCXML reader and writer report.
extension FindingCode {
    public static let xmlMalformed: FindingCode = "marcxml.malformed-xml"
    public static let xmlDoctypeRefused: FindingCode = "marcxml.doctype-refused"
    public static let xmlRecordTooLarge: FindingCode = "marcxml.record-too-large"
    public static let xmlMissingLeader: FindingCode = "marcxml.missing-leader"
    public static let xmlBadLeader: FindingCode = "marcxml.bad-leader"
    public static let xmlBadTag: FindingCode = "marcxml.bad-tag"
    public static let xmlBadIndicator: FindingCode = "marcxml.bad-indicator"
    public static let xmlMissingSubfieldCode: FindingCode = "marcxml.missing-subfield-code"
    public static let xmlUnexpectedElement: FindingCode = "marcxml.unexpected-element"
    public static let xmlIllegalCharacter: FindingCode = "marcxml.illegal-character"
    public static let xmlInvalidUTF8: FindingCode = "marcxml.invalid-utf8"
}

/// Names the reader recognises, as NUL-terminated static strings to compare with libxml2's names
/// without a copy.
enum MARCXMLNames {
    /// The MARC 21 slim namespace.
    static let slim: StaticString = "http://www.loc.gov/MARC21/slim"
    /// MarcXchange (ISO 25577), the same structure under another namespace.
    static let marcXchange: StaticString = "info:lc/xmlns/marcxchange-v1"
}

/// Kept in this module so the optimizer folds it into loops (a cross-module static getter costs a
/// call per byte).
let subfieldDelimiter: UInt8 = 0x1F

/// Bounds that hold against hostile input (README, "Hostile input and fuzzing"). libxml2 itself,
/// without `XML_PARSE_HUGE`, refuses nesting deeper than 256 elements and names or attribute values
/// over 10,000,000 bytes (`marcxml.malformed-xml`); these bound what a record collects.
public enum MARCXMLLimits {
    /// Field data of one record (ISO 2709 allows 99,999 bytes); past it the record is skipped
    /// (`marcxml.record-too-large`) and what it held is dropped as it arrives.
    public static let maxRecordBytes = 8 << 20
    /// Fields of one record (an ISO 2709 record holds at most about 7,700).
    public static let maxFieldsPerRecord = 100_000
}
