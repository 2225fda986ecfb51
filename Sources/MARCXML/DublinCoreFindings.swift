public import MARCRecord

/// The kinds of findings the `oai_dc` reader reports.
extension FindingCode {
    public static let dcMalformed: FindingCode = "oaidc.malformed-xml"
    public static let dcDoctypeRefused: FindingCode = "oaidc.doctype-refused"
    public static let dcTooLarge: FindingCode = "oaidc.too-large"
    public static let dcIllegalCharacter: FindingCode = "oaidc.illegal-character"
    /// A byte that is not UTF-8 in a UTF-8 document, read as Windows-1252.
    public static let dcInvalidUTF8: FindingCode = "oaidc.invalid-utf8"
    /// An OAI-PMH record that is neither deleted nor carries `oai_dc` metadata.
    public static let dcNoMetadata: FindingCode = "oaidc.no-metadata"
    /// Markup nested inside a Dublin Core element; its text is kept.
    public static let dcNestedElement: FindingCode = "oaidc.nested-element"
    /// An `oai_dc:dc` element without any non-empty child.
    public static let dcEmptyRecord: FindingCode = "oaidc.empty-record"
}

/// One `oai_dc:dc` description as the reader found it, with the OAI-PMH header around it when
/// there was one.
public struct HarvestedDublinCore: Sendable, Hashable {
    /// The description; empty for a deleted record.
    public var record: DublinCoreRecord
    /// The OAI-PMH header's `identifier` (`oai:slims/123`), when the record came in an envelope.
    public var oaiIdentifier: String?
    /// The header's `datestamp` as written (SLiMS `oai.php` writes none).
    public var datestamp: String?
    /// `<header status="deleted">`: the record has no metadata and should be withdrawn.
    public var isDeleted: Bool
    /// 1-based position among the records of the file (OAI records and bare descriptions alike,
    /// skipped ones included), as findings give it.
    public var recordNumber: Int
    /// The line where the record starts (the OAI `<record>` or the bare `oai_dc:dc`).
    public var line: Int

    public init(record: DublinCoreRecord, oaiIdentifier: String? = nil, datestamp: String? = nil,
        isDeleted: Bool = false, recordNumber: Int, line: Int)
    {
        self.record = record
        self.oaiIdentifier = oaiIdentifier
        self.datestamp = datestamp
        self.isDeleted = isDeleted
        self.recordNumber = recordNumber
        self.line = line
    }
}

/// Bounds that hold against hostile input (README, "Hostile input and fuzzing"); past them the
/// description is kept with what fits and an error finding `oaidc.too-large`.
public enum DublinCoreLimits {
    /// One element's text (an abstract runs to a few kilobytes).
    public static let maxValueBytes = 1 << 20
    /// Elements of one description.
    public static let maxElementsPerRecord = 10_000
}
