import Catalog
import Foundation
import Harvest
import MARCRecord
import Normalize

/// The bridge between the harvester (which knows OAI-PMH and HTTP) and the catalogue (which knows
/// SQLite and clusters; it does not depend on the harvester): each page is one catalogue transaction
/// with the member's records normalized exactly as `katalog merge` normalizes them, keyed by the OAI
/// identifier, the deleted headers, the re-clustering, and the harvest state.
///
/// The store has one SQLite connection and members are harvested concurrently, so one page at a time
/// holds it: `beginPage` waits on an asynchronous lock (never blocking a thread of the cooperative
/// pool) and `commit`/`rollback` release it.
final class CatalogHarvestSink: HarvestSink, @unchecked Sendable {
    // Mutable state below is touched only while `lock` is held.
    private let store: CatalogStore
    private let settings: CatalogSettings
    private let normalizer: Normalizer
    private let force: Bool
    private var engines: [String: MergeEngine] = [:]
    private let lock = AsyncLock()

    init(store: CatalogStore, settings: CatalogSettings, normalizer: Normalizer, force: Bool) {
        self.store = store
        self.settings = settings
        self.normalizer = normalizer
        self.force = force
    }

    private func engine(_ member: String) throws -> MergeEngine {
        if let engine = engines[member] { return engine }
        let engine = try MergeEngine(store: store,
            options: .init(member: member, full: false, force: force, settings: settings), inputs: ["oai-pmh"])
        engines[member] = engine
        return engine
    }

    func state(member: String) async throws -> HarvestState? {
        await lock.lock()
        defer { lock.unlock() }
        guard let row = try store.harvestState(member: member) else { return nil }
        return try JSONDecoder().decode(HarvestState.self, from: Data(row.json.utf8))
    }

    func beginPage(member: String) async throws -> any HarvestPageTransaction {
        await lock.lock()
        do {
            let engine = try engine(member)
            try engine.beginPage()
            return CatalogHarvestPage(engine: engine, member: member, normalizer: normalizer, lock: lock)
        } catch {
            lock.unlock()
            throw error
        }
    }

    func reconcileStarted(member: String) async throws {
        await lock.lock()
        defer { lock.unlock() }
        try engine(member).beginReconciliation()
    }

    func reconcileIdentifiers(member: String, identifiers: [String], deleted: [String]) async throws -> [String] {
        await lock.lock()
        defer { lock.unlock() }
        return try engine(member).reconcile(seen: identifiers)
    }

    func reconcileFinished(member: String, complete: Bool, seen: Int) async throws {
        await lock.lock()
        defer { lock.unlock() }
        let engine = try engine(member)
        try engine.finishReconciliation(complete: complete)
        if engine.report.status == "refused" { throw SinkRefusal(message: engine.report.message ?? "refused") }
    }

    /// Ends every member's merge run (its report goes to the store's `runs` table) and returns the reports.
    func finish(failed: [String: String]) async -> [String: MergeReport] {
        await lock.lock()
        defer { lock.unlock() }
        var reports: [String: MergeReport] = [:]
        for (member, engine) in engines {
            if let message = failed[member] {
                try? engine.fail(message)
                reports[member] = engine.report
            } else {
                reports[member] = (try? engine.finish()) ?? engine.report
            }
        }
        return reports
    }
}

struct SinkRefusal: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// One page's catalogue transaction (opened by `CatalogHarvestSink.beginPage`, which holds the lock).
final class CatalogHarvestPage: HarvestPageTransaction {
    private let engine: MergeEngine
    private let member: String
    private let normalizer: Normalizer
    private let lock: AsyncLock
    private var open = true

    init(engine: MergeEngine, member: String, normalizer: Normalizer, lock: AsyncLock) {
        self.engine = engine
        self.member = member
        self.normalizer = normalizer
        self.lock = lock
    }

    func add(_ item: HarvestedRecord) throws {
        // The OAI datestamp, not the 005: what the provider says changed when.
        let prepared = PreparedRecord(item.record, memberCode: member, normalizer: normalizer,
            datestamp: item.datestamp, oaiIdentifier: item.identifier)
        if prepared.isDeletion {
            try engine.deleteFromPage(localID: item.identifier)
        } else {
            try engine.addToPage(prepared)
        }
    }

    func delete(_ deletion: HarvestedDeletion) throws {
        try engine.deleteFromPage(localID: deletion.identifier)
    }

    func commit(state: HarvestState, rawPath: String?, findings: [Finding]) async throws {
        guard open else { return }
        open = false
        defer { lock.unlock() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(state), as: UTF8.self)
        let row = HarvestStateRow(json: json, from: state.run?.from ?? state.nextFrom,
            token: state.run?.resumptionToken, responseDate: state.run?.startedAt ?? state.lastCompletedRun,
            status: state.run == nil ? "complete" : "running")
        try engine.commitPage(state: row)
    }

    func rollback() async {
        guard open else { return }
        open = false
        engine.rollbackPage()
        lock.unlock()
    }
}

/// A lock for async code: waiters suspend instead of blocking their thread.
final class AsyncLock: @unchecked Sendable {
    private let mutex = NSLock()
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            mutex.lock()
            if held {
                waiters.append(continuation)
                mutex.unlock()
            } else {
                held = true
                mutex.unlock()
                continuation.resume()
            }
        }
    }

    /// Hands the lock to the next waiter, if any.
    func unlock() {
        mutex.lock()
        if waiters.isEmpty {
            held = false
            mutex.unlock()
        } else {
            let next = waiters.removeFirst()
            mutex.unlock()
            next.resume()
        }
    }
}
