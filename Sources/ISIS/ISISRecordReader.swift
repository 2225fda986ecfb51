public import MARCRecord

/// A single-pass, throwing cursor over ISIS records, in the style of `RecordReader` (which yields
/// MARC records): findings are queued, take them with `drainFindings()` after each `next()` and
/// once more after the last.
public protocol ISISRecordReader {
    /// The next record, or `nil` at the end.
    mutating func next() throws(ReadError) -> ISISRecord?
    /// Findings queued since the last call, in the order they were met.
    mutating func drainFindings() -> [Finding]
    /// Bytes read from the input so far (for progress display).
    var bytesConsumed: Int64 { get }
    /// Records met that could not be read and were skipped (each with a finding).
    var recordsSkipped: Int { get }
}

/// What became of one MFN.
public enum ISISMFNStatus: String, Sendable, Hashable, Codable {
    case active
    case logicallyDeleted
    case physicallyDeleted
    /// The XRF pointer is 0: the MFN was never written.
    case neverAssigned
    /// The XRF or the record is damaged beyond reading (each such MFN has a finding).
    case unreadable
}

/// MFNs by status, for a summary. Each MFN from 1 to the control record's highest is counted once.
public struct ISISStatusCounts: Sendable, Hashable, Codable {
    public var active = 0
    public var logicallyDeleted = 0
    public var physicallyDeleted = 0
    public var neverAssigned = 0
    public var unreadable = 0
    /// Records read while locked for editing (also counted under their status).
    public var locked = 0

    public init() {}

    public var total: Int { active + logicallyDeleted + physicallyDeleted + neverAssigned + unreadable }

    mutating func count(_ status: ISISMFNStatus, _ n: Int = 1) {
        switch status {
        case .active: active += n
        case .logicallyDeleted: logicallyDeleted += n
        case .physicallyDeleted: physicallyDeleted += n
        case .neverAssigned: neverAssigned += n
        case .unreadable: unreadable += n
        }
    }
}
