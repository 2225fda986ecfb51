public import MARCRecord

/// Where harvested pages go. The catalogue implements it with one SQLite transaction per page; the
/// directory sink (`--to-dir`) with files renamed into place.
///
/// A page is one transaction: `beginPage`, its records and deletions streamed in as the page is read
/// (memory stays flat whatever the page size), then `commit` with the member's new harvest state. After
/// a crash either the whole page and its state are there or neither is. The harvester streams a page
/// only once it has read it completely and found it whole, and records are keyed on (member,
/// identifier), so a page fetched again after a crash overwrites itself.
public protocol HarvestSink: Sendable {
    /// The state last committed for the member; nil for a member never harvested.
    func state(member: String) async throws -> HarvestState?
    /// Opens the transaction for the member's next page.
    func beginPage(member: String) async throws -> any HarvestPageTransaction
    /// Reconciliation begins: forget what an interrupted one had listed.
    func reconcileStarted(member: String) async throws
    /// Reconciliation: one page of the identifiers the provider lists now (`ListIdentifiers`). Returns
    /// the listed identifiers the sink does not have, which the harvester then fetches with `GetRecord`
    /// (records an offset-token provider skipped when its data changed mid-harvest: docs/oai-pmh.md §2).
    func reconcileIdentifiers(member: String, identifiers: [String], deleted: [String]) async throws -> [String]
    /// Reconciliation ended. `complete` is false when the list broke off: then nothing may be inferred
    /// from identifiers missing from it. Deleting what was not seen is the store's decision (with its
    /// safety valves: nothing when the list is empty, not more than a share of the member).
    func reconcileFinished(member: String, complete: Bool, seen: Int) async throws
}

/// One page's transaction. `add` and `delete` are called in document order, synchronously from the
/// parse loop; then exactly one of `commit` or `rollback`.
public protocol HarvestPageTransaction: AnyObject {
    func add(_ record: HarvestedRecord) throws
    func delete(_ deletion: HarvestedDeletion) throws
    /// Makes the page and `state` durable together. `rawPath` is the response as received (decoded from
    /// its Content-Encoding), for sinks that keep raw pages; it is valid only during the call.
    func commit(state: HarvestState, rawPath: String?, findings: [Finding]) async throws
    func rollback() async
}
