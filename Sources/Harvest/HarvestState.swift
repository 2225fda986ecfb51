/// Where a member's harvest stands, committed with every page so that a process killed at any moment
/// resumes at the page after the last one stored (style.md §10: the state commits with the data).
public struct HarvestState: Sendable, Hashable, Codable {
    /// `from` for the next incremental run: the `responseDate` of the start of the last complete run, at
    /// the provider's granularity (never our own clock, never the largest datestamp seen: docs/oai-pmh.md §3).
    public var nextFrom: String?
    /// When the last run finished completely (the provider's `responseDate` at its start).
    public var lastCompletedRun: String?

    /// Pages committed over all runs: names the directory sink's files, which a page fetched again after a
    /// crash overwrites (the same number, since the state did not move).
    public var pageSequence = 0

    /// A run in progress: nil when idle.
    public var run: Run?

    public struct Run: Sendable, Hashable, Codable {
        /// The `responseDate` of the run's `Identify`: the next run's `from` once this one completes.
        public var startedAt: String?
        /// The window, as sent: a `badResumptionToken` restarts the list from here.
        public var from: String?
        public var until: String?
        public var granularity: OAIDate.Granularity
        /// The set being harvested (index into the member's `sets`; 0 when it has none).
        public var setIndex: Int
        /// The token for the next page of the current list; nil before the first page.
        public var resumptionToken: String?
        /// Pages committed in this run (names the directory sink's files).
        public var pages: Int
        public var records: Int
        public var deletions: Int

        public init(startedAt: String?, from: String?, until: String?, granularity: OAIDate.Granularity) {
            self.startedAt = startedAt
            self.from = from
            self.until = until
            self.granularity = granularity
            setIndex = 0
            pages = 0
            records = 0
            deletions = 0
        }
    }

    public init(nextFrom: String? = nil) { self.nextFrom = nextFrom }
}
