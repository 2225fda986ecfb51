import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `work` over chunks of items on threads of its own and gives the results back in the order the
/// chunks were submitted, so that preparing records (normalizing, profiling, building their merged
/// record) runs beside the SQLite writer instead of before it, on every core the writer leaves idle.
///
/// It never blocks the submitter: the submitter bounds the work in flight itself, by taking the oldest
/// chunk (`takeNext`, which waits) once `inFlight` reaches the depth it wants, so memory stays at a few
/// chunks whatever the input size.
public final class ChunkWorker<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var waiting: [(sequence: Int, items: [Input])] = []
    private var done: [Int: [Output]] = [:]
    private var nextSubmitted = 0
    private var nextTaken = 0
    private var closed = false

    /// `threads`: nil for one per core. `niceness` (0–19) lowers the threads' scheduling priority: with
    /// as many workers as cores, the consumer (the one SQLite writer, which nothing can share out) would
    /// otherwise get only its share of a core among them; the workers take what it leaves.
    public init(threads: Int? = nil, niceness: Int32 = 0, _ work: @escaping @Sendable (Input) -> Output) {
        for _ in 0..<max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount) {
            let thread = Thread { [self] in
                #if os(Linux)
                // Linux applies PRIO_PROCESS with id 0 to the calling thread alone.
                if niceness > 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) }
                #endif
                run(work)
            }
            thread.stackSize = 8 << 20
            thread.name = "katalog-prepare"
            thread.start()
        }
    }

    /// Chunks submitted and not yet taken.
    public var inFlight: Int {
        condition.lock()
        defer { condition.unlock() }
        return nextSubmitted - nextTaken
    }

    public func submit(_ chunk: [Input]) {
        condition.lock()
        waiting.append((nextSubmitted, chunk))
        nextSubmitted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// The oldest chunk's results if they are ready; nil at once if not.
    public func takeReady() -> [Output]? {
        condition.lock()
        defer { condition.unlock() }
        guard let results = done.removeValue(forKey: nextTaken) else { return nil }
        nextTaken += 1
        return results
    }

    /// The oldest chunk's results, waiting for them; nil when nothing is in flight.
    public func takeNext() -> [Output]? {
        condition.lock()
        defer { condition.unlock() }
        guard nextTaken < nextSubmitted else { return nil }
        while done[nextTaken] == nil { condition.wait() }
        let results = done.removeValue(forKey: nextTaken)
        nextTaken += 1
        return results
    }

    /// Waits for what is in flight and throws it away.
    public func discardAll() {
        while takeNext() != nil {}
    }

    /// Ends the thread once the chunks already submitted are done.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private func run(_ work: @Sendable (Input) -> Output) {
        while true {
            condition.lock()
            while waiting.isEmpty && !closed { condition.wait() }
            if waiting.isEmpty {
                condition.unlock()
                return
            }
            let chunk = waiting.removeFirst()
            condition.unlock()
            let results = chunk.items.map(work)
            condition.lock()
            done[chunk.sequence] = results
            condition.broadcast()
            condition.unlock()
        }
    }
}
