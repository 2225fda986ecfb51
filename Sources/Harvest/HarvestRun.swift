import Foundation

/// Harvests several members at once: at most `jobs` at a time, one request at a time per host
/// (members on one provider queue behind each other at the `HostGate`), each with its own HTTP client.
public struct HarvestRun: Sendable {
    public var configuration: HarvestConfiguration
    public var sink: any HarvestSink
    public var options: Harvester.Options
    public var jobs: Int
    public var spoolDirectory: String
    public var environment: [String: String]
    public var log: @Sendable (String) -> Void
    /// Makes the transport for a member; the real one by default.
    public var makeTransport: @Sendable (OAISource, String) -> any HTTPTransport

    public init(configuration: HarvestConfiguration, sink: any HarvestSink, options: Harvester.Options = .init(),
        jobs: Int = 2, spoolDirectory: String? = nil, environment: [String: String]? = nil,
        log: @escaping @Sendable (String) -> Void = { _ in })
    {
        self.configuration = configuration
        self.sink = sink
        self.options = options
        self.jobs = max(1, jobs)
        self.spoolDirectory = spoolDirectory ?? NSTemporaryDirectory()
        self.environment = environment ?? ProcessInfo.processInfo.environment
        self.log = log
        makeTransport = { source, agent in
            AsyncHTTPTransport(userAgent: agent, connectTimeoutMilliseconds: source.connectTimeoutMilliseconds,
                readTimeoutMilliseconds: source.readTimeoutMilliseconds)
        }
    }

    /// Harvests the members named (all members with an OAI source when `codes` is empty), in the
    /// configuration's order; reports come back in that order.
    public func run(members codes: [String] = []) async -> [HarvestReport] {
        let chosen = configuration.members.filter { $0.oai != nil && (codes.isEmpty || codes.contains($0.code)) }
        let gate = HostGate()
        var reports = [HarvestReport?](repeating: nil, count: chosen.count)
        await withTaskGroup(of: (Int, HarvestReport).self) { group in
            var next = 0
            func start(_ group: inout TaskGroup<(Int, HarvestReport)>) {
                let index = next
                let member = chosen[index]
                next += 1
                group.addTask {
                    (index, await harvestOne(member.code, member.oai!, gate: gate))
                }
            }
            while next < chosen.count && next < jobs { start(&group) }
            for await (index, report) in group {
                reports[index] = report
                if next < chosen.count { start(&group) }
            }
        }
        return reports.compactMap { $0 }
    }

    private func harvestOne(_ code: String, _ source: OAISource, gate: HostGate) async -> HarvestReport {
        let transport = makeTransport(source, configuration.userAgent)
        var report: HarvestReport
        do {
            let harvester = try Harvester(member: code, source: source, sink: sink, transport: transport, gate: gate,
                userAgent: configuration.userAgent, options: options, spoolDirectory: spoolDirectory,
                environment: environment, log: log)
            report = await harvester.run()
        } catch {
            report = HarvestReport(member: code)
            report.error = error
            log("\(error)")
        }
        await transport.shutdown()
        return report
    }
}
