import Foundation
import MARCRecord

/// Harvests one member: `Identify`, then `ListRecords` page by page for each set, each page committed
/// to the sink with the state that resumes after it; optionally `ListIdentifiers` to reconcile.
public struct Harvester: Sendable {
    public struct Options: Sendable {
        /// Ignore the saved `from`: everything again.
        public var full = false
        /// After harvesting, list every identifier for the store to reconcile against.
        public var reconcile = false
        public init(full: Bool = false, reconcile: Bool = false) {
            self.full = full
            self.reconcile = reconcile
        }
    }

    let member: String
    let source: OAISource
    let sink: any HarvestSink
    let fetcher: PageFetcher
    let options: Options
    let log: @Sendable (String) -> Void

    /// `environment` supplies the credentials named in the configuration (tests pass their own).
    public init(member: String, source: OAISource, sink: any HarvestSink, transport: any HTTPTransport, gate: HostGate,
        userAgent: String, options: Options = Options(), spoolDirectory: String,
        environment: [String: String]? = nil,
        log: @escaping @Sendable (String) -> Void = { _ in }) throws(HarvestError)
    {
        self.member = member
        self.source = source
        self.sink = sink
        self.options = options
        self.log = log
        let environment = environment ?? ProcessInfo.processInfo.environment
        var headers: [(name: String, value: String)] = []
        if let userVariable = source.usernameVariable, let passwordVariable = source.passwordVariable {
            guard let user = environment[userVariable], let password = environment[passwordVariable] else {
                throw HarvestError(member: member, .configuration,
                    "credentials: set the environment variables \(userVariable) and \(passwordVariable)")
            }
            headers.append(("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()))
        }
        let safeName = member.map { $0.isLetter || $0.isNumber ? $0 : "_" }
        fetcher = PageFetcher(member: member, source: source, transport: transport, gate: gate,
            userAgentHeaders: headers, spoolPath: spoolDirectory + "/katalog-harvest-\(String(safeName))-\(getpid()).xml",
            log: log)
        _ = userAgent
    }

    private var parser: OAIPageParser {
        let code = member
        let rewrites = source.quirks.contains(.hostInIdentifier)
        let rewrite: @Sendable (String) -> String = { rewrites ? Harvester.rewriteHost($0, member: code) : $0 }
        return OAIPageParser(fileName: source.baseURL, dublinCore: source.isDublinCore, rewriteIdentifier: rewrite)
    }

    /// `oai:<host>:<local>` → `oai:<member>:<local>` (INLISLite 3.3's identifiers follow the address used).
    static func rewriteHost(_ identifier: String, member: String) -> String {
        let parts = identifier.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].lowercased() == "oai" else { return identifier }
        return "oai:\(member):\(parts[2])"
    }

    public func run() async -> HarvestReport {
        var report = HarvestReport(member: member)
        do {
            try await harvest(&report)
            if options.reconcile { try await reconcile(&report) }
        } catch {
            report.error = error
            log("\(error)")
        }
        try? FileManager.default.removeItem(atPath: fetcher.spoolPath)
        return report
    }

    // MARK: - Identify

    struct Identity {
        var granularity: OAIDate.Granularity
        var responseDate: String?
        var earliestDatestamp: String?
    }

    func identify(_ report: inout HarvestReport) async throws(HarvestError) -> Identity {
        let fetched = try await fetcher.fetch([("verb", "Identify")], parser: parser)
        report.retries += fetched.retries
        let page = fetched.page
        if let error = page.errors.first {
            let hint = error.code == "badVerb" ? " (is the base URL right? a disabled SLiMS answers badVerb)" : ""
            throw HarvestError(member: member, .protocolError, "Identify: \(error)\(hint)")
        }
        var granularity: OAIDate.Granularity = page.identify["granularity"]?.contains("hh") == true ? .seconds : .day
        if source.quirks.contains(.dayGranularityOnly) { granularity = .day }
        return Identity(granularity: granularity, responseDate: page.responseDate,
            earliestDatestamp: page.identify["earliestDatestamp"])
    }

    // MARK: - ListRecords

    func harvest(_ report: inout HarvestReport) async throws(HarvestError) {
        var state: HarvestState
        do { state = try await sink.state(member: member) ?? HarvestState() } catch {
            throw HarvestError(member: member, .sink, "cannot read the harvest state: \(error)")
        }
        let identity = try await identify(&report)
        if options.full { state.run = nil }
        if state.run == nil { state.run = newRun(state, identity) }
        var run = state.run!
        if let token = run.resumptionToken { log("\(member): resuming at token \(token)") }
        var sets: [String?] = source.sets.isEmpty ? [nil] : source.sets
        var badTokenRestarts = 0
        var sameToken = Streak(), emptyPages = Streak()
        var granularityLowered = false
        while run.setIndex < sets.count {
            let set = sets[run.setIndex]
            let requestToken = run.resumptionToken
            var query = [("verb", "ListRecords")]
            if let requestToken {
                query.append(("resumptionToken", requestToken))
            } else {
                query.append(("metadataPrefix", source.metadataPrefix))
                if let from = run.from { query.append(("from", from)) }
                if let until = run.until { query.append(("until", until)) }
                if let set { query.append(("set", set)) }
            }
            let fetched = try await fetcher.fetch(query, parser: parser,
                streamInto: { [sink, member] in try await sink.beginPage(member: member) })
            report.retries += fetched.retries
            let page = fetched.page
            // The page's records are in this open transaction: every way out below commits or rolls it back.
            guard let transaction = fetched.transaction else {
                throw HarvestError(member: member, .sink, "no transaction for page \(state.pageSequence + 1)")
            }
            var listEnded = false
            var again = false
            do throws(HarvestError) {
                if let error = page.errors.first {
                    switch error.code {
                    case "noRecordsMatch":
                        // An empty window, or (after a token) the end of the list.
                        listEnded = true
                    case "badResumptionToken" where requestToken != nil:
                        badTokenRestarts += 1
                        guard badTokenRestarts <= 3 else {
                            throw HarvestError(member: member, .badResumptionToken,
                                "badResumptionToken again after \(badTokenRestarts - 1) restarts of the list")
                        }
                        log("\(member): badResumptionToken (\(error.message)); restarting the list from "
                            + (run.from ?? "the beginning"))
                        run.resumptionToken = nil
                        again = true
                    case "badArgument" where run.granularity == .seconds && !granularityLowered && requestToken == nil
                        && (run.from != nil || run.until != nil):
                        granularityLowered = true
                        run.granularity = .day
                        run.from = run.from.flatMap { OAIDate($0)?.formatted(.day) }
                        run.until = run.until.flatMap { OAIDate($0)?.formatted(.day) }
                        log("\(member): badArgument (\(error.message)); trying again with day granularity")
                        again = true
                    case "noSetHierarchy" where set != nil:
                        log("\(member): the provider has no sets; harvesting without them")
                        sets = [nil]
                        run.setIndex = 0
                        again = true
                    case "cannotDisseminateFormat":
                        throw HarvestError(member: member, .configuration,
                            "the provider does not offer metadataPrefix '\(source.metadataPrefix)' (\(error.message)); "
                                + "see ListMetadataFormats, or use oai_dc")
                    default:
                        throw HarvestError(member: member, .protocolError, "ListRecords: \(error)")
                    }
                }
                if !again {
                    let next = listEnded ? nil : page.nextToken
                    try sameToken.count(requestToken != nil && next == requestToken, limit: source.sameTokenLimit) {
                        HarvestError(member: member, .repeatedToken, "the provider returned the token it was asked "
                            + "with \($0) times in a row: \(requestToken ?? "")")
                    }
                    try emptyPages.count(page.recordCount == 0 && page.deletionCount == 0 && next != nil,
                        limit: source.emptyPageLimit)
                    {
                        HarvestError(member: member, .emptyPages, "\($0) pages in a row with a new token and no records")
                    }
                    run.resumptionToken = next
                    if next == nil { run.setIndex += 1 }
                }
            } catch {
                await transaction.rollback()
                throw error
            }
            if again {
                await transaction.rollback()
                continue
            }
            run.pages += 1
            run.records += page.recordCount
            run.deletions += page.deletionCount
            state.pageSequence += 1
            state.run = run
            let finished = run.setIndex >= sets.count
            if finished { complete(&state, run) }
            try await commit(transaction, page: listEnded ? nil : page, state: state)
            report.findings.append(contentsOf: page.findings)
            report.pages += 1
            report.records += page.recordCount
            report.deletions += page.deletionCount
            if finished { report.completed = true }
        }
        if !report.completed {
            // The run had nothing left to do (resumed after its last page's commit): close it.
            complete(&state, run)
            try await storeState(state)
            report.completed = true
        }
    }

    /// Commits a fetched page's transaction (its records went in as the page was read) with `state`;
    /// `page` nil: an error page, whose raw response is not kept.
    private func commit(_ transaction: any HarvestPageTransaction, page: OAIPage?, state: HarvestState)
        async throws(HarvestError)
    {
        do {
            try await transaction.commit(state: state, rawPath: page == nil ? nil : fetcher.spoolPath,
                findings: page?.findings ?? [])
        } catch {
            await transaction.rollback()
            throw HarvestError(member: member, .sink, "cannot commit page \(state.pageSequence): \(error)")
        }
    }

    /// Commits `state` alone, in a transaction of its own (a run closed without a page).
    private func storeState(_ state: HarvestState) async throws(HarvestError) {
        let transaction: any HarvestPageTransaction
        do { transaction = try await sink.beginPage(member: member) } catch {
            throw HarvestError(member: member, .sink, "cannot begin page \(state.pageSequence): \(error)")
        }
        try await commit(transaction, page: nil, state: state)
    }

    private func newRun(_ state: HarvestState, _ identity: Identity) -> HarvestState.Run {
        var from: String?
        if !options.full && !source.quirks.contains(.creationDatestamps), let saved = state.nextFrom,
            let date = OAIDate(saved)
        {
            from = date.formatted(identity.granularity)
        }
        var until: String?
        if from != nil && source.quirks.contains(.fromNeedsUntil), let now = identity.responseDate.flatMap(OAIDate.init) {
            until = now.formatted(identity.granularity)
        }
        return HarvestState.Run(startedAt: identity.responseDate, from: from, until: until,
            granularity: identity.granularity)
    }

    /// The next `from` is the start of this run by the provider's clock, at its granularity: records
    /// changed while the run went on come again next time (harmless) rather than never.
    private func complete(_ state: inout HarvestState, _ run: HarvestState.Run) {
        if let started = run.startedAt.flatMap(OAIDate.init) {
            let shift: Int64 = source.quirks.contains(.localTimeAsZ) ? -86_400 : 0
            state.nextFrom = started.adding(seconds: shift).formatted(run.granularity)
            state.lastCompletedRun = run.startedAt
        }
        state.run = nil
    }

    // MARK: - ListIdentifiers

    func reconcile(_ report: inout HarvestReport) async throws(HarvestError) {
        let seen: Int
        var missing: [String] = []
        do { try await sink.reconcileStarted(member: member) } catch {
            throw HarvestError(member: member, .sink, "cannot start the reconciliation: \(error)")
        }
        do { seen = try await listIdentifiers(&report, missing: &missing) } catch {
            try? await sink.reconcileFinished(member: member, complete: false, seen: 0)
            throw error
        }
        do { try await sink.reconcileFinished(member: member, complete: true, seen: seen) } catch {
            throw HarvestError(member: member, .sink, "cannot finish the reconciliation: \(error)")
        }
        report.identifiersSeen = seen
        try await fetchMissing(missing, &report)
    }

    /// `GetRecord` for each listed identifier the sink lacks, each stored as a page of its own with the
    /// state unchanged (a crash in between leaves them for the next reconciliation).
    private func fetchMissing(_ identifiers: [String], _ report: inout HarvestReport) async throws(HarvestError) {
        for identifier in identifiers {
            // Read before the page's transaction opens (the catalogue's holds the store until it ends).
            var state: HarvestState
            do { state = try await sink.state(member: member) ?? HarvestState() } catch {
                throw HarvestError(member: member, .sink, "cannot read the harvest state: \(error)")
            }
            let fetched = try await fetcher.fetch(
                [("verb", "GetRecord"), ("identifier", identifier), ("metadataPrefix", source.metadataPrefix)],
                parser: parser, streamInto: { [sink, member] in try await sink.beginPage(member: member) })
            report.retries += fetched.retries
            guard let transaction = fetched.transaction else {
                throw HarvestError(member: member, .sink, "no transaction for GetRecord \(identifier)")
            }
            if let error = fetched.page.errors.first {
                await transaction.rollback()
                // idDoesNotExist: gone since it was listed (the next reconciliation deletes it).
                guard error.code == "idDoesNotExist" else {
                    throw HarvestError(member: member, .protocolError, "GetRecord \(identifier): \(error)")
                }
                continue
            }
            state.pageSequence += 1
            let page = fetched.page
            try await commit(transaction, page: page, state: state)
            report.findings.append(contentsOf: page.findings)
            report.records += page.recordCount
            report.deletions += page.deletionCount
            report.fetchedMissing += page.recordCount
        }
    }

    private func listIdentifiers(_ report: inout HarvestReport, missing: inout [String]) async throws(HarvestError) -> Int {
        var seen = 0
        for set in source.sets.isEmpty ? [nil] : source.sets.map(Optional.some) {
            var token: String?
            var sameToken = Streak()
            repeat {
                var query = [("verb", "ListIdentifiers")]
                if let token {
                    query.append(("resumptionToken", token))
                } else {
                    query.append(("metadataPrefix", source.metadataPrefix))
                    if let set { query.append(("set", set)) }
                }
                let fetched = try await fetcher.fetch(query, parser: parser)
                report.retries += fetched.retries
                let page = fetched.page
                if let error = page.errors.first {
                    guard error.code == "noRecordsMatch" else {
                        throw HarvestError(member: member, .protocolError, "ListIdentifiers: \(error)")
                    }
                    break
                }
                do {
                    missing += try await sink.reconcileIdentifiers(member: member, identifiers: page.identifiers,
                        deleted: page.deletedIdentifiers)
                } catch {
                    throw HarvestError(member: member, .sink, "cannot store identifiers: \(error)")
                }
                seen += page.identifiers.count
                let next = page.nextToken
                try sameToken.count(token != nil && next == token, limit: source.sameTokenLimit) {
                    HarvestError(member: member, .repeatedToken,
                        "ListIdentifiers returned the same token \($0) times in a row: \(token ?? "")")
                }
                token = next
            } while token != nil
        }
        return seen
    }
}

/// Pages in a row with the same problem (a token that does not change, no records): past a limit the
/// member stops instead of looping for ever.
struct Streak {
    private(set) var length = 0

    /// Counts `hit` (a page without the problem ends the streak) and throws `error(length)` at `limit`.
    mutating func count(_ hit: Bool, limit: Int, _ error: (Int) -> HarvestError) throws(HarvestError) {
        length = hit ? length + 1 : 0
        if hit && length >= limit { throw error(length) }
    }
}
