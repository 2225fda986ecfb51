/// A read-only view of one field: its tag and its content bytes (without the field terminator).
///
/// The content slice shares the record's storage; nothing is copied or decoded until `value`,
/// `subfields` values or `string` are asked for.
public struct Field: Sendable {
    public let tag: Tag
    /// The raw content: for a data field, indicators then subfields with their delimiters.
    public let content: ArraySlice<UInt8>
    public let indicatorCount: Int
    public let subfieldCodeLength: Int

    @inlinable
    package init(tag: Tag, content: ArraySlice<UInt8>, indicatorCount: Int, subfieldCodeLength: Int) {
        self.tag = tag
        self.content = content
        self.indicatorCount = indicatorCount
        self.subfieldCodeLength = subfieldCodeLength
    }

    @inlinable public var isControlField: Bool { tag.isControlField }

    /// The content as text: for a control field its value; for a data field the raw content with
    /// delimiters shown as `$`. Invalid UTF-8 becomes U+FFFD (character sets are decoded upstream).
    public var value: String {
        if isControlField { return String(decoding: content, as: UTF8.self) }
        return String(decoding: content.map { $0 == ASCII.subfieldDelimiter ? UInt8(ascii: "$") : $0 }, as: UTF8.self)
    }

    /// The indicator bytes (empty for a control field).
    public var indicators: ArraySlice<UInt8> {
        guard !isControlField else { return content[content.startIndex..<content.startIndex] }
        return content.prefix(indicatorCount)
    }

    /// First indicator, or blank when the field has none.
    public var indicator1: UInt8 { indicatorByte(0) }
    /// Second indicator, or blank when the field has none.
    public var indicator2: UInt8 { indicatorByte(1) }

    private func indicatorByte(_ i: Int) -> UInt8 {
        let ind = indicators
        return i < ind.count ? ind[ind.startIndex + i] : ASCII.space
    }

    /// The subfields, in order, as slices of the record's bytes.
    @inlinable
    public var subfields: Subfields {
        guard !isControlField else { return Subfields(bytes: content[content.endIndex...], codeLength: subfieldCodeLength) }
        return Subfields(bytes: content.dropFirst(indicatorCount), codeLength: subfieldCodeLength)
    }

    /// The values of the subfields with this code, decoded as UTF-8.
    public func values(_ code: Character) -> [String] {
        guard let ascii = code.asciiValue else { return [] }
        return subfields.filter { $0.code == ascii }.map(\.string)
    }

    /// The first value of the subfield with this code.
    public func value(_ code: Character) -> String? { values(code).first }
}

/// The subfields of a data field, parsed lazily by scanning for delimiters.
public struct Subfields: Sequence, Sendable {
    /// The bytes after the indicators.
    public let bytes: ArraySlice<UInt8>
    public let codeLength: Int

    /// The subfields in `bytes` (a field's content after its indicators).
    @inlinable
    package init(bytes: ArraySlice<UInt8>, codeLength: Int) {
        self.bytes = bytes
        self.codeLength = codeLength
    }

    // Inlinable, as is `Field.subfields`: the normalizer's rules walk the subfields of the fields they
    // check in every record, and a call per subfield into this module was a tenth of their cost.
    @inlinable
    public func makeIterator() -> Iterator { Iterator(bytes: bytes, codeLength: codeLength) }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let bytes: ArraySlice<UInt8>
        @usableFromInline let codeLength: Int
        @usableFromInline var position: Int

        @inlinable
        init(bytes: ArraySlice<UInt8>, codeLength: Int) {
            self.bytes = bytes
            self.codeLength = Swift.max(codeLength, 1)
            // Bytes before the first delimiter belong to no subfield; the reader reports them.
            position = bytes.firstIndex(of: 0x1F) ?? bytes.endIndex
        }

        @inlinable
        public mutating func next() -> Subfield? {
            guard position < bytes.endIndex else { return nil }
            let codeStart = position + 1
            let codeEnd = Swift.min(codeStart + codeLength - 1, bytes.endIndex)
            var end = codeEnd
            while end < bytes.endIndex && bytes[end] != 0x1F { end += 1 }
            position = end
            return Subfield(codeBytes: bytes[codeStart..<codeEnd], value: bytes[codeEnd..<end])
        }
    }
}

/// One subfield: its code and its value bytes.
public struct Subfield: Sendable {
    /// The identifier bytes after the delimiter (one byte in MARC 21 and UNIMARC).
    public let codeBytes: ArraySlice<UInt8>
    public let value: ArraySlice<UInt8>

    @inlinable
    init(codeBytes: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
        self.codeBytes = codeBytes
        self.value = value
    }

    /// The first code byte, or 0 when the subfield has no code (a delimiter at the end of the field).
    @inlinable public var code: UInt8 { codeBytes.first ?? 0 }
    public var codeCharacter: Character { Character(Unicode.Scalar(code)) }
    /// The value decoded as UTF-8; invalid sequences become U+FFFD.
    public var string: String { String(decoding: value, as: UTF8.self) }
}

/// The fields of a record, in order, as a random-access collection of views.
public struct Fields: RandomAccessCollection, Sendable {
    @usableFromInline let record: MARCRecord

    @usableFromInline
    init(record: MARCRecord) { self.record = record }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { record.entries.count }

    @inlinable
    public subscript(position: Int) -> Field {
        let entry = record.entries[position]
        return Field(
            tag: entry.tag, content: record.storage[entry.range],
            indicatorCount: record.indicatorCount, subfieldCodeLength: record.subfieldCodeLength)
    }
}
