/// How a reader treats a problem.
public enum ReadMode: Sendable, Hashable {
    /// Repair what can be repaired, skip what cannot, report each as a finding, go on.
    case lenient
    /// Stop at the first problem (any finding above `info`) by throwing `ReadError`.
    case strict
}

/// Thrown by a reader in strict mode at the first problem, or in any mode when the input itself
/// cannot be read (an I/O error). Carries the finding with its full location.
public struct ReadError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Strict mode met a problem in the data.
        case strictStop
        /// The input could not be read at all (I/O error, unsupported format).
        case unreadable
    }

    public let kind: Kind
    public let finding: Finding

    public init(_ kind: Kind, _ finding: Finding) {
        self.kind = kind
        self.finding = finding
    }

    public var description: String { finding.line }
}

/// A single-pass, throwing cursor over the records of one input.
///
/// Findings met while reading are queued; take them with `drainFindings()` after each `next()`,
/// and once more after the last, so that findings about skipped records and trailing bytes are
/// not lost.
public protocol RecordReader {
    /// The next record, or `nil` at the end of the input.
    mutating func next() throws(ReadError) -> MARCRecord?
    /// Findings queued since the last call, in the order they were met.
    mutating func drainFindings() -> [Finding]
    /// Bytes consumed from the input so far (for progress display).
    var bytesConsumed: Int64 { get }
    /// Records met that could not be recovered and were skipped (each with a finding).
    var recordsSkipped: Int { get }
    /// Where the record `next()` returned last starts in the stream, when the format has such a
    /// place (ISO 2709); findings made later about that record add their offset in the record to it.
    var recordStreamOffset: Int64? { get }
}

extension RecordReader {
    public var recordStreamOffset: Int64? { nil }
}

/// A destination for records.
public protocol RecordWriter {
    /// Writes one record; returns findings about it (for example a record refused as oversized).
    mutating func write(_ record: MARCRecord) throws -> [Finding]
    /// Writes whatever closes the output (a closing tag, buffered bytes).
    mutating func finish() throws
}

/// The findings a reader has met and not yet handed over, with the strict-mode rule in one place:
/// in strict mode the first problem (anything above `info`) is thrown instead of queued.
public struct FindingQueue: Sendable {
    public let mode: ReadMode
    private var pending: [Finding] = []

    public init(mode: ReadMode) { self.mode = mode }

    /// Queues a finding, or throws it in strict mode when it is a problem.
    public mutating func report(_ finding: Finding) throws(ReadError) {
        if mode == .strict && finding.severity > .info { throw ReadError(.strictStop, finding) }
        pending.append(finding)
    }

    /// Queues a finding whatever the mode (for one the caller has already decided about).
    public mutating func append(_ finding: Finding) { pending.append(finding) }

    /// The findings queued since the last call.
    public mutating func drain() -> [Finding] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }
}

extension ReadError {
    /// The input itself failed (an I/O error): the reader gives up on it.
    public static func readFailure(_ error: any Error, file: String, offset: Int64) -> ReadError {
        ReadError(.unreadable, Finding(.error, "io.read-failed", "\(error)", action: "input abandoned", file: file,
            streamOffset: offset))
    }
}
