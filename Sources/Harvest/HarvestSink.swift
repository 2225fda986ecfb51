public import MARCRecord

/// What a page commits: the records and deletions it brought and the member's harvest state after it.
public struct HarvestPage: Sendable {
    public var member: String
    public var records: [HarvestedRecord]
    public var deletions: [HarvestedDeletion]
    public var state: HarvestState
    /// The response as received (decoded from its Content-Encoding), for sinks that keep raw pages.
    public var rawPath: String?
    public var findings: [Finding]

    public init(member: String, records: [HarvestedRecord], deletions: [HarvestedDeletion], state: HarvestState,
        rawPath: String? = nil, findings: [Finding] = [])
    {
        self.member = member
        self.records = records
        self.deletions = deletions
        self.state = state
        self.rawPath = rawPath
        self.findings = findings
    }
}

/// Where harvested pages go. The catalogue implements it with one SQLite transaction per page; the
/// directory sink (`--to-dir`) with files renamed into place.
///
/// `commit` must be atomic: after a crash either the whole page and its state are there or neither is.
/// The harvester commits a page only once it was read completely, so a page is never half-stored, and
/// records are keyed on (member, identifier), so a page fetched again after a crash overwrites itself.
public protocol HarvestSink: Sendable {
    /// The state last committed for the member; nil for a member never harvested.
    func state(member: String) async throws -> HarvestState?
    /// Stores one page's records and deletions together with the new state, atomically.
    func commit(_ page: HarvestPage) async throws
    /// Reconciliation: one page of the identifiers the provider lists now (`ListIdentifiers`).
    func reconcileIdentifiers(member: String, identifiers: [String], deleted: [String]) async throws
    /// Reconciliation ended. `complete` is false when the list broke off: then nothing may be inferred
    /// from identifiers missing from it. Deleting what was not seen is the store's decision (with its
    /// safety valves: nothing when the list is empty, not more than a share of the member).
    func reconcileFinished(member: String, complete: Bool, seen: Int) async throws
}
