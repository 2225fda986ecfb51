import Foundation

/// What one `katalog merge` did: printed on standard error, kept in the store's `runs` table and
/// written as JSON with `--report`.
public struct MergeReport: Codable, Sendable, Equatable {
    public struct Records: Codable, Sendable, Equatable {
        public var read = 0
        public var new = 0
        public var changed = 0
        public var unchanged = 0
        /// Member records deleted: by a leader/05 `d` in the input, or by `--full` when missing from it.
        public var deleted = 0
        /// Records the readers could not recover (each has a finding).
        public var unreadable = 0
        /// Records without a 001 whose local id came from elsewhere (035, or a content hash).
        public var localIDFallbacks = 0
        /// Deletions in the input for records the store does not have (nothing to do).
        public var deletionsOfUnknown = 0
        /// With `--full`: records whose local id an earlier record of the same input already had.
        public var duplicateLocalIDs = 0
        public init() {}
    }

    public struct Clusters: Codable, Sendable, Equatable {
        public var created = 0
        /// Clusters that gained member records.
        public var grown = 0
        /// Clusters that lost member records.
        public var shrunk = 0
        /// Former clusters whose records now sit in two or more clusters.
        public var split = 0
        /// Clusters left without records (kept as tombstones for deltas).
        public var deleted = 0
        /// Clusters whose merged record was rebuilt (any of the above, or a member record changed).
        public var rebuilt = 0
        public init() {}
    }

    public var run: Int64 = 0
    public var member: String
    public var full: Bool
    public var inputs: [String]
    public var startedAt: String = ""
    public var finishedAt: String?
    /// `done`, `refused` (the `--full` safety valve) or `failed`.
    public var status: String = "running"
    public var message: String?
    public var records = Records()
    public var clusters = Clusters()
    /// Match keys skipped for having more than the posting limit of records.
    public var crowdedKeysSkipped = 0
    public var edgesAdded = 0

    public init(member: String, full: Bool, inputs: [String]) {
        self.member = member
        self.full = full
        self.inputs = inputs
    }

    /// The summary lines for standard error.
    public var lines: [String] {
        let r = records, c = clusters
        var out = [
            "katalog merge \(member): \(r.read) records read: \(r.new) new, \(r.changed) changed, \(r.unchanged) "
                + "unchanged, \(r.deleted) deleted"
                + (r.unreadable > 0 ? ", \(r.unreadable) unreadable" : "")
                + (r.localIDFallbacks > 0 ? "; \(r.localIDFallbacks) without 001 (local id from 035 or content)" : "")
                + (r.duplicateLocalIDs > 0 ? "; \(r.duplicateLocalIDs) repeated a local id (the last one kept)" : ""),
            "katalog merge \(member): clusters: \(c.created) created, \(c.grown) grown, \(c.shrunk) shrunk, "
                + "\(c.split) split, \(c.deleted) deleted; \(c.rebuilt) merged records rebuilt",
        ]
        if let message { out.append("katalog merge \(member): \(message)") }
        return out
    }

    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
