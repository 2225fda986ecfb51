/// One request at a time per host, with a pause between two requests to the same host (the
/// implementation guidelines ask for both; several members often share one provider).
public actor HostGate {
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var lastEnd: [String: ContinuousClock.Instant] = [:]

    public init() {}

    /// Runs `body` when the host is free and `delay` has passed since its last request ended.
    public nonisolated func withTurn<T: Sendable>(host: String, delay: Duration,
        _ body: @Sendable () async throws -> T) async throws -> T
    {
        let previous = await acquire(host)
        if let previous {
            let ready = previous + delay
            if ready > .now { try? await Task.sleep(until: ready, clock: .continuous) }
        }
        defer { Task { await self.release(host) } }
        return try await body()
    }

    private func acquire(_ host: String) async -> ContinuousClock.Instant? {
        if busy.contains(host) {
            await withCheckedContinuation { waiting[host, default: []].append($0) }
        } else {
            busy.insert(host)
        }
        return lastEnd[host]
    }

    private func release(_ host: String) {
        lastEnd[host] = .now
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue
            next.resume()  // the host stays busy: handed over
        } else {
            busy.remove(host)
        }
    }
}
