import KatalogIO
public import MARCRecord

/// Everything a reader produced from one input.
public struct ReadOutcome {
    public var records: [MARCRecord] = []
    public var findings: [Finding] = []
    public var skipped = 0
    public init() {}
}

/// Drains a reader into memory (for tests on small inputs only).
public func readAll(_ reader: inout some RecordReader) throws -> ReadOutcome {
    var outcome = ReadOutcome()
    while let record = try reader.next() {
        outcome.records.append(record)
        outcome.findings += reader.drainFindings()
    }
    outcome.findings += reader.drainFindings()
    outcome.skipped = reader.recordsSkipped
    return outcome
}
