/// A problem met while reading or writing records, with everything needed to find it again:
/// the file, the record's position and control number, the byte offset in the stream and in the
/// record, the tag, what was wrong and what was done about it.
public struct Finding: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        /// An observation; nothing was changed.
        case info
        /// Something was wrong and was repaired; the record was kept.
        case warning
        /// Something was wrong and data was dropped or the record was skipped.
        case error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// A stable identifier such as `iso2709.length-in-characters`, for filtering and counting.
    public var code: FindingCode
    /// The input's name as given on the command line (`-` for standard input).
    public var file: String?
    /// 1-based position of the record in its file (counting skipped ones too).
    public var recordNumber: Int?
    /// The record's 001, when it could be read.
    public var controlNumber: String?
    /// Offset in bytes from the start of the stream to the problem.
    public var streamOffset: Int64?
    /// Offset in bytes from the start of the record to the problem.
    public var recordOffset: Int?
    /// The tag of the field concerned (`LDR` for the leader, `DIR` for the directory).
    public var tag: String?
    /// What was wrong.
    public var message: String
    /// What was done about it (“repaired …”, “record skipped”, “kept as is”).
    public var action: String?

    public init(
        _ severity: Severity, _ code: FindingCode, _ message: String, action: String? = nil,
        file: String? = nil, recordNumber: Int? = nil, controlNumber: String? = nil,
        streamOffset: Int64? = nil, recordOffset: Int? = nil, tag: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.action = action
        self.file = file
        self.recordNumber = recordNumber
        self.controlNumber = controlNumber
        self.streamOffset = streamOffset
        self.recordOffset = recordOffset
        self.tag = tag
    }

    /// One line for standard error:
    /// `file:record N (001 …) offset B (+R): TAG: severity: message; action [code]`.
    public var line: String {
        var s = file ?? "-"
        if let recordNumber { s += ":record \(recordNumber)" }
        if let controlNumber, !controlNumber.isEmpty { s += " (001 \(controlNumber))" }
        if let streamOffset {
            s += " offset \(streamOffset)"
            if let recordOffset { s += " (+\(recordOffset))" }
        } else if let recordOffset {
            s += " record offset \(recordOffset)"
        }
        s += ": "
        if let tag { s += "\(tag): " }
        s += "\(severity.rawValue): \(message)"
        if let action { s += "; \(action)" }
        s += " [\(code.rawValue)]"
        return s
    }
}

/// Identifier of a kind of finding. A struct rather than an enum so that every module can add its own
/// codes without changing this one.
public struct FindingCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
