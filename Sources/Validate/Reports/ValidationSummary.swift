import MARCRecord

/// Counts of one validation run, for the end of every report and for the exit status.
public struct ValidationSummary: Sendable, Codable {
    public struct FileCount: Sendable, Codable {
        public var file: String
        public var format: String
        public var records = 0
        public var errors = 0
        public var warnings = 0
        /// Schema verdict for MARCXML input when the schema rule ran.
        public var schemaValid: Bool?

        public init(file: String, format: String) {
            self.file = file
            self.format = format
        }
    }

    public struct RuleCount: Sendable, Codable {
        public var rule: String
        public var errors = 0
        public var warnings = 0
        /// Records with at least one problem of this rule.
        public var records = 0
        public var total: Int { errors + warnings }
    }

    public var rules: [String]
    public var files: [FileCount] = []
    public var records = 0
    public var recordsWithProblems = 0
    public var errors = 0
    public var warnings = 0
    /// Every rule that found something, most frequent first.
    public var byRule: [RuleCount] = []

    public init(rules: [String]) { self.rules = rules }
}

/// Accumulates the summary as problems arrive (one record at a time, in order).
public struct SummaryCounter: Sendable {
    public private(set) var summary: ValidationSummary
    private var byRule: [String: ValidationSummary.RuleCount] = [:]

    public init(rules: [String]) { summary = ValidationSummary(rules: rules) }

    public mutating func startFile(_ file: String, format: String) {
        summary.files.append(ValidationSummary.FileCount(file: file, format: format))
    }

    /// Counts one record's problems (`isRecord` false for problems about the file, not a record).
    public mutating func add(_ problems: [Problem], isRecord: Bool) {
        if isRecord {
            summary.records += 1
            if !summary.files.isEmpty { summary.files[summary.files.count - 1].records += 1 }
            if !problems.isEmpty { summary.recordsWithProblems += 1 }
        }
        var seen = Set<String>()
        for p in problems {
            var count = byRule[p.rule] ?? ValidationSummary.RuleCount(rule: p.rule)
            if p.severity == .error { count.errors += 1; summary.errors += 1 } else { count.warnings += 1; summary.warnings += 1 }
            if !summary.files.isEmpty {
                if p.severity == .error { summary.files[summary.files.count - 1].errors += 1 }
                else { summary.files[summary.files.count - 1].warnings += 1 }
            }
            if seen.insert(p.rule).inserted { count.records += 1 }
            byRule[p.rule] = count
        }
    }

    public mutating func setSchemaVerdict(_ valid: Bool) {
        if !summary.files.isEmpty { summary.files[summary.files.count - 1].schemaValid = valid }
    }

    /// The summary with the per-rule counts, most frequent first (ties by rule id, so output is stable).
    public var final: ValidationSummary {
        var s = summary
        s.byRule = byRule.values.sorted { ($0.total, $1.rule) > ($1.total, $0.rule) }
        return s
    }
}
