public import MARCRecord

/// The kinds of findings the MARC-in-JSON reader and writer report.
extension FindingCode {
    /// Bytes that are not JSON syntax, or a JSON record object that is malformed (the record is skipped;
    /// inside a top-level array the rest of the document is skipped, as nothing after it can be trusted).
    public static let jsonSyntax: FindingCode = "json.syntax"
    /// Bytes between records that are not whitespace (a stray `}`, a line of text).
    public static let jsonJunk: FindingCode = "json.junk"
    /// A top-level array that the input ends inside.
    public static let jsonUnclosedArray: FindingCode = "json.unclosed-array"
    /// A record object larger than the reader's limit.
    public static let jsonRecordTooLarge: FindingCode = "json.record-too-large"
    public static let jsonMissingLeader: FindingCode = "json.missing-leader"
    /// A leader that is not 24 bytes, or not a string.
    public static let jsonBadLeader: FindingCode = "json.bad-leader"
    public static let jsonMissingFields: FindingCode = "json.missing-fields"
    /// `fields` is not an array.
    public static let jsonBadFields: FindingCode = "json.bad-fields"
    /// A key the format does not define (kept out of the record).
    public static let jsonUnknownKey: FindingCode = "json.unknown-key"
    public static let jsonDuplicateKey: FindingCode = "json.duplicate-key"
    /// A tag that is not three bytes (field dropped) or not letters and digits (kept).
    public static let jsonBadTag: FindingCode = "json.bad-tag"
    /// A field entry that is not an object with a string or object value.
    public static let jsonBadField: FindingCode = "json.bad-field"
    /// A field object with more than one tag key.
    public static let jsonSeveralFieldsInOne: FindingCode = "json.several-fields-in-one-object"
    /// A control-field tag holding indicators and subfields, or a data-field tag holding a plain string.
    public static let jsonFieldKindMismatch: FindingCode = "json.field-kind-mismatch"
    /// `ind1`/`ind2` missing, empty, longer than one byte or not a string.
    public static let jsonBadIndicator: FindingCode = "json.bad-indicator"
    public static let jsonMissingSubfields: FindingCode = "json.missing-subfields"
    /// A subfield entry that is not an object of code and string value.
    public static let jsonBadSubfield: FindingCode = "json.bad-subfield"
    /// A subfield whose code is the empty string.
    public static let jsonEmptySubfieldCode: FindingCode = "json.empty-subfield-code"
    /// A subfield code that is not one ASCII letter or digit (kept).
    public static let jsonUnusualSubfieldCode: FindingCode = "json.unusual-subfield-code"
    /// A number, `true`, `false` or `null` where a string belongs (taken as its text, `null` as empty).
    public static let jsonNonStringValue: FindingCode = "json.non-string-value"
    /// A backslash escape JSON does not define (kept as written).
    public static let jsonBadEscape: FindingCode = "json.bad-escape"
    /// A `\u` escape for half a surrogate pair (U+FFFD used).
    public static let jsonLoneSurrogate: FindingCode = "json.lone-surrogate"
    /// A raw control byte inside a string, which JSON requires to be escaped (kept).
    public static let jsonRawControlCharacter: FindingCode = "json.raw-control-character"
    /// 0x1D, 0x1E or 0x1F in a string (raw or as `\u001f`): structure bytes of MARC records, kept as they are
    /// (0x1F in a subfield value therefore splits it, as it would in ISO 2709).
    public static let jsonStructureByte: FindingCode = "json.structure-byte"
    /// Writer: content that is not valid UTF-8 (U+FFFD written).
    public static let jsonInvalidUTF8: FindingCode = "json.invalid-utf8"
    /// Writer: a data field too short to hold its indicators (blanks written).
    public static let jsonMissingIndicators: FindingCode = "json.missing-indicators"
    /// Writer: bytes of a data field that belong to no subfield, or a delimiter without a code (not written).
    public static let jsonUnwritableBytes: FindingCode = "json.unwritable-bytes"
}

/// The kinds of findings the MARCBreaker (`.mrk`) reader and writer report.
extension FindingCode {
    /// A line that is neither a field (`=TAG  …`), a comment (`#…`) nor a blank line, outside a field.
    public static let mrkBadLine: FindingCode = "mrk.bad-line"
    /// A line that does not start with `=` inside a record, joined to the field before it.
    public static let mrkContinuationLine: FindingCode = "mrk.continuation-line"
    /// A tag that is not three letters or digits.
    public static let mrkBadTag: FindingCode = "mrk.bad-tag"
    /// The tag not followed by the two blanks that separate it from the data.
    public static let mrkTagSeparator: FindingCode = "mrk.tag-separator"
    public static let mrkMissingLeader: FindingCode = "mrk.missing-leader"
    /// A leader that is not 24 bytes, or a second leader in one record.
    public static let mrkBadLeader: FindingCode = "mrk.bad-leader"
    /// A record that starts with `=LDR` right after another, without the blank line between them.
    public static let mrkNoBlankLine: FindingCode = "mrk.no-blank-line"
    /// Indicators missing or not one byte each (blanks used); the writer reports a data field too short to
    /// hold them the same way.
    public static let mrkMissingIndicators: FindingCode = "mrk.missing-indicators"
    /// Text between the indicators and the first `$`.
    public static let mrkDataBeforeSubfield: FindingCode = "mrk.data-before-first-subfield"
    /// A `$` with no code after it (at the end of a field or before another `$`).
    public static let mrkEmptySubfieldCode: FindingCode = "mrk.empty-subfield"
    /// `{…}` that is not a mnemonic this reader knows (kept as text).
    public static let mrkUnknownMnemonic: FindingCode = "mrk.unknown-mnemonic"
    /// A line longer than the reader's limit.
    public static let mrkLineTooLong: FindingCode = "mrk.line-too-long"
    public static let mrkRecordTooLarge: FindingCode = "mrk.record-too-large"
    /// Writer: a tag byte that cannot stand in a `.mrk` line.
    public static let mrkUnwritableTag: FindingCode = "mrk.unwritable-tag"
}

/// Bounds that hold against hostile input (README, "Hostile input and fuzzing").
public enum MARCTextLimits {
    /// One MARC-in-JSON record object; a longer one is skipped unparsed (`json.record-too-large`).
    public static let maxJSONRecordBytes = 8 << 20
    /// Nesting of arrays and objects inside a record (MARC-in-JSON needs 4); deeper is a syntax error
    /// (`json.syntax`, "values nested too deep"). The framer counts depth without recursion.
    public static let maxJSONDepth = 256
    /// One `.mrk` line; a longer one is read in pieces (`mrk.line-too-long`).
    public static let maxMRKLineBytes = 8 << 20
    /// One `.mrk` record (lines up to a blank line); past either bound the record is skipped
    /// (`mrk.record-too-large`) up to the next blank line or leader.
    public static let maxMRKRecordBytes = 8 << 20
    public static let maxMRKFieldsPerRecord = 100_000
}
