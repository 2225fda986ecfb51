public import KatalogIO
public import MARCRecord

/// Where `katalog validate` writes: text (one line per problem), JSON or HTML. Problems arrive one record at
/// a time in input order; the writer decides what to keep (HTML keeps a few example records per rule,
/// the others stream and keep nothing).
public protocol ReportWriter: AnyObject {
    /// One record's problems, with the record when there is one (nil for problems about the file).
    func add(_ problems: [Problem], record: MARCRecord?) throws
    /// Writes what ends the report and moves the file into place.
    func finish(_ summary: ValidationSummary) throws
}

/// Per-rule limit on listed problems (`--max`): every problem is counted, only the first N of each rule
/// are written.
struct ListingLimit {
    let max: Int
    private var listed: [String: Int] = [:]

    init(max: Int) { self.max = max }

    mutating func admits(_ p: Problem) -> Bool {
        let n = listed[p.rule, default: 0]
        guard n < max else { return false }
        listed[p.rule] = n + 1
        return true
    }
}

/// `file:record N …: TAG ind1: error: message [rule]`, one per line.
public final class TextReportWriter: ReportWriter {
    private let output: OutputFile
    private var limit: ListingLimit

    public init(output: OutputFile, maxPerRule: Int = .max) {
        self.output = output
        limit = ListingLimit(max: maxPerRule)
    }

    public func add(_ problems: [Problem], record: MARCRecord?) throws {
        for p in problems where limit.admits(p) { try output.write(p.textLine + "\n") }
    }

    public func finish(_ summary: ValidationSummary) throws { try output.commit() }
}
