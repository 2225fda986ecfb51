public import MARCRecord

/// A data field taken apart for editing: indicators and (code, value) pairs as bytes. Rules use it
/// only for fields they are about to change; everything else stays as slices of the record.
public struct EditableField: Sendable, Hashable {
    public var indicators: [UInt8]
    /// Bytes between the indicators and the first delimiter: not a subfield, but kept, because a
    /// rule that rebuilds a field must not lose what it does not understand.
    public var leading: [UInt8] = []
    public var subfields: [Item]

    public struct Item: Sendable, Hashable {
        public var code: UInt8
        public var value: [UInt8]

        public init(_ code: Character, _ value: some StringProtocol) {
            self.code = code.asciiValue ?? 0x3F
            self.value = Array(value.utf8)
        }

        public init(code: UInt8, value: [UInt8]) {
            self.code = code
            self.value = value
        }

        public var string: String { String(decoding: value, as: UTF8.self) }
    }

    public init(indicators: [UInt8], subfields: [Item]) {
        self.indicators = indicators
        self.subfields = subfields
    }

    public init(_ field: Field) {
        indicators = Array(field.indicators)
        let rest = field.content.dropFirst(field.indicatorCount)
        leading = Array(rest.prefix(while: { $0 != ASCII.subfieldDelimiter }))
        subfields = field.subfields.map { Item(code: $0.code, value: Array($0.value)) }
    }

    /// The raw content: indicators, then delimiter, code, value for each subfield.
    public var content: [UInt8] {
        var out = indicators + leading
        out.reserveCapacity(indicators.count + subfields.reduce(0) { $0 + $1.value.count + 2 })
        for s in subfields {
            out.append(ASCII.subfieldDelimiter)
            out.append(s.code)
            out.append(contentsOf: s.value)
        }
        return out
    }

    /// The field as `isbn` shows it in change records: indicators with blanks as `#`, then `$a…`.
    public var display: String { EditableField.display(content, dataField: true, indicatorCount: indicators.count) }

    /// A field's content for change records: `## $a…` for data fields, the value for control fields.
    public static func display(_ content: some Collection<UInt8>, dataField: Bool, indicatorCount: Int = 2) -> String {
        guard dataField else { return String(decoding: content, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(content.count + 4)
        for (i, b) in content.enumerated() {
            if i < indicatorCount {
                bytes.append(b == ASCII.space ? UInt8(ascii: "#") : b)
                if i == indicatorCount - 1 { bytes.append(ASCII.space) }
            } else {
                bytes.append(b == ASCII.subfieldDelimiter ? UInt8(ascii: "$") : b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Field {
    /// This field as change records show it.
    public var display: String {
        EditableField.display(content, dataField: !isControlField, indicatorCount: indicatorCount)
    }
}

extension MARCRecord {
    /// Indices of the fields with this tag, in order.
    package func indices(of tag: Tag) -> [Int] {
        var out: [Int] = []
        for (i, e) in entries.enumerated() where e.tag == tag { out.append(i) }
        return out
    }

    /// True when some field has this tag (no allocation).
    package func has(_ tag: Tag) -> Bool { entries.contains { $0.tag == tag } }
}
