/// A problem met while transcoding the bytes of one field. The offset is relative to the start of
/// the bytes handed to the codec; the caller (who knows the record, the field and where the field
/// starts) turns it into a `Finding`.
public struct CharsetIssue: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Bytes that map to nothing in the current set; U+FFFD was written in their place.
        case unmappedBytes = "unmapped-bytes"
        /// A byte the G0 set in force lacks, read as the ASCII character it is in the default set
        /// (punctuation written without switching back from Greek or Cyrillic).
        case readAsASCII = "read-as-ascii"
        /// An escape sequence that designates no known set, or is cut short; it was skipped.
        case badEscape = "bad-escape"
        /// The field ended in a set other than the default one (MARC-8 records that forget to
        /// switch back); harmless for decoding, reported because it breaks naive readers.
        case setNotReset = "set-not-reset"
        /// Combining marks with no base character after them; they were kept, after a space.
        case danglingCombiningMark = "dangling-combining-mark"
        /// A character the target set cannot carry; it was written as `&#xXXXX;`.
        case unencodable
        /// Input that was meant to be UTF-8 but was not; U+FFFD was written in its place.
        case invalidUTF8 = "invalid-utf8"
    }

    public var kind: Kind
    /// Offset of the problem in the input bytes.
    public var offset: Int
    /// The bytes concerned (at most a handful).
    public var bytes: [UInt8]
    public var message: String

    public init(_ kind: Kind, offset: Int, bytes: [UInt8], message: String) {
        self.kind = kind
        self.offset = offset
        self.bytes = bytes
        self.message = message
    }
}
