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
    /// Prepares the page's records beside the SQLite writer; one serves every member, since one page at a
    /// time holds the store.
    private let worker: ChunkWorker<PageItem, ReadyItem>

    init(store: CatalogStore, settings: CatalogSettings, normalizer: Normalizer, force: Bool) {
        self.store = store
        self.settings = settings
        self.normalizer = normalizer
        self.force = force
        // The engines' builder (MergeEngine.Options' default): single-record clusters are built ahead.
        let builder = MergeEngine.Options(member: "").builder
        worker = ChunkWorker(niceness: 10) { item in
            switch item {
            case .record(let harvested, let member):
                // The OAI datestamp, not the 005: what the provider says changed when.
                let prepared = PreparedRecord(harvested.record, memberCode: member, normalizer: normalizer,
                    datestamp: harvested.datestamp, oaiIdentifier: harvested.identifier, builder: builder)
                return prepared.isDeletion ? .deletion(harvested.identifier) : .record(prepared)
            case .deletion(let identifier):
                return .deletion(identifier)
            }
        }
    }

    deinit { worker.close() }

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
            return CatalogHarvestPage(engine: engine, member: member, worker: worker, lock: lock)
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

/// A harvested item on its way to the catalogue, in document order.
enum PageItem: Sendable {
    case record(HarvestedRecord, member: String)
    case deletion(String)
}

/// The same, prepared: a record leader/05 `d` is a deletion too.
enum ReadyItem: Sendable {
    case record(PreparedRecord)
    case deletion(String)
}

/// One page's catalogue transaction (opened by `CatalogHarvestSink.beginPage`, which holds the lock).
///
/// Items go to the worker in chunks; the prepared chunks come back in order and are applied here, on the
/// caller's thread, while the worker prepares the next ones and the XML parser reads ahead on its own
/// thread. A few chunks at most are in flight.
final class CatalogHarvestPage: HarvestPageTransaction {
    private let engine: MergeEngine
    private let member: String
    private let worker: ChunkWorker<PageItem, ReadyItem>
    private let lock: AsyncLock
    private var open = true
    private var chunk: [PageItem] = []
    private static let chunkSize = 64
    private static let depth = 3

    init(engine: MergeEngine, member: String, worker: ChunkWorker<PageItem, ReadyItem>, lock: AsyncLock) {
        self.engine = engine
        self.member = member
        self.worker = worker
        self.lock = lock
        chunk.reserveCapacity(Self.chunkSize)
    }

    func add(_ item: HarvestedRecord) throws {
        chunk.append(.record(item, member: member))
        if chunk.count >= Self.chunkSize { try submitChunk() }
    }

    func delete(_ deletion: HarvestedDeletion) throws {
        chunk.append(.deletion(deletion.identifier))
        if chunk.count >= Self.chunkSize { try submitChunk() }
    }

    private func submitChunk() throws {
        worker.submit(chunk)
        chunk.removeAll(keepingCapacity: true)
        while worker.inFlight > Self.depth, let ready = worker.takeNext() { try apply(ready) }
        while let ready = worker.takeReady() { try apply(ready) }
    }

    private func apply(_ items: [ReadyItem]) throws {
        for item in items {
            switch item {
            case .record(let prepared): try engine.addToPage(prepared)
            case .deletion(let identifier): try engine.deleteFromPage(localID: identifier)
            }
        }
        try engine.settlePage()
    }

    func commit(state: HarvestState, rawPath: String?, findings: [Finding]) async throws {
        guard open else { return }
        open = false
        defer { lock.unlock() }
        let row: HarvestStateRow
        do {
            if !chunk.isEmpty { worker.submit(chunk) }
            chunk.removeAll()
            while let ready = worker.takeNext() { try apply(ready) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(state), as: UTF8.self)
            row = HarvestStateRow(json: json, from: state.run?.from ?? state.nextFrom,
                token: state.run?.resumptionToken, responseDate: state.run?.startedAt ?? state.lastCompletedRun,
                status: state.run == nil ? "complete" : "running")
        } catch {
            worker.discardAll()
            engine.rollbackPage()
            throw error
        }
        // commitPage rolls back itself when it fails.
        try engine.commitPage(state: row)
    }

    func rollback() async {
        guard open else { return }
        open = false
        chunk.removeAll()
        worker.discardAll()
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
