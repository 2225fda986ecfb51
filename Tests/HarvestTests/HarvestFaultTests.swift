import Foundation
import Harvest
import MARCRecord
import NIOCore
import Synchronization
import Testing

/// The harvest loop against the in-process fault-injecting server.
@Suite struct HarvestFaultTests {
    typealias Item = OAIFixture.Item

    static let page1 = [Item(id: "oai:t:1", datestamp: "2024-03-01T08:00:00Z"),
        Item(id: "oai:t:2", datestamp: "2024-03-02T08:00:00Z")]
    static let page2 = [Item(id: "oai:t:3", datestamp: "2024-03-03T08:00:00Z"),
        Item(id: "oai:t:4", datestamp: "2024-03-04T08:00:00Z", deleted: true)]
    /// A token as SLiMS writes them: SQL, `&`, `=`, blanks and a plus sign, sent back byte for byte.
    static let token = "biblio_id > 2 & x=1 +ORDER BY biblio_id"

    static func fastSource(_ url: String) -> OAISource {
        OAISource(baseURL: url, delayMilliseconds: 0, connectTimeoutMilliseconds: 2000, readTimeoutMilliseconds: 400,
            pageTimeoutMilliseconds: 5000, retries: 3, maxRetryAfterSeconds: 2, backoffMilliseconds: 10)
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "harvest-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func harvest(_ source: OAISource, into dir: String, options: Harvester.Options = .init()) async throws
        -> HarvestReport
    {
        let configuration = HarvestConfiguration(members: [MemberSource(code: "T", name: "Test", oai: source)])
        let run = HarvestRun(configuration: configuration, sink: try DirectorySink(root: dir), options: options,
            spoolDirectory: dir)
        return await run.run().first!
    }

    /// The normal two-page list; `page2Action` replaces the second page's answer for the first `faults` times.
    static func twoPageScript(faults: Int = 0, fault: FaultServer.Action? = nil) -> FaultServer.Script {
        let count = Counter()
        return { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            if OAIFixture.parameter("resumptionToken", in: uri) == token {
                if let fault, count.next() < faults { return fault }
                return .page(OAIFixture.listRecords(page2, token: nil))
            }
            return .page(OAIFixture.listRecords(page1, token: token))
        }
    }

    @Test func harvestsTwoPagesWithDeletionAndSendsTheTokenBackByteForByte() async throws {
        let server = try await FaultServer(script: Self.twoPageScript())
        defer { Task { await server.stop() } }
        let dir = Self.temporaryDirectory()
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: dir)
        #expect(report.error == nil)
        #expect(report.completed)
        #expect(report.records == 3 && report.deletions == 1 && report.pages == 2)
        let uris = server.requestURIs
        #expect(uris.count == 3)
        // Percent-encoded: every reserved byte, the blank and the plus sign included.
        #expect(uris[2].hasSuffix("resumptionToken=biblio_id%20%3E%202%20%26%20x%3D1%20%2BORDER%20BY%20biblio_id"))
        #expect(!uris[2].contains("metadataPrefix"))
        let sink = try DirectorySink(root: dir)
        let items = try sink.currentItems(member: "T")
        #expect(items.count == 4)
        #expect(items["oai:t:4"]?.deleted == true)
        #expect(items["oai:t:1"]?.datestamp == "2024-03-01T08:00:00Z")
        let state = try #require(try await sink.state(member: "T"))
        #expect(state.run == nil)
        #expect(state.nextFrom == OAIFixture.responseDate)
        #expect(FileManager.default.fileExists(atPath: dir + "/T/raw/000002.xml.gz"))
        let xml = try String(contentsOfFile: dir + "/T/pages/000001.xml", encoding: .utf8)
        #expect(xml.contains("<subfield code=\"a\">A title</subfield>"))
    }

    @Test func incrementalRunSendsTheLastRunsResponseDateAsFrom() async throws {
        let server = try await FaultServer(script: Self.twoPageScript())
        defer { Task { await server.stop() } }
        let dir = Self.temporaryDirectory()
        _ = try await Self.harvest(Self.fastSource(server.baseURL), into: dir)
        let second = try await Self.harvest(Self.fastSource(server.baseURL), into: dir)
        #expect(second.error == nil)
        let listRequests = server.requestURIs.filter { $0.contains("metadataPrefix") }
        #expect(listRequests.count == 2)
        #expect(OAIFixture.parameter("from", in: listRequests[0]) == nil)
        #expect(OAIFixture.parameter("from", in: listRequests[1]) == OAIFixture.responseDate)
        // --full ignores it.
        _ = try await Self.harvest(Self.fastSource(server.baseURL), into: dir, options: .init(full: true))
        let third = server.requestURIs.filter { $0.contains("metadataPrefix") }
        #expect(OAIFixture.parameter("from", in: third[2]) == nil)
    }

    @Test func connectionDroppedMidPageIsRetried() async throws {
        let body = Array(OAIFixture.listRecords(Self.page2, token: nil).utf8)
        let server = try await FaultServer(script: Self.twoPageScript(faults: 2, fault: .drop(body: body, sent: 150)))
        defer { Task { await server.stop() } }
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: Self.temporaryDirectory())
        #expect(report.error == nil)
        #expect(report.retries == 2)
        #expect(report.records == 3 && report.deletions == 1)
    }

    @Test func truncatedXMLIsRetriedNotTakenAsTheEndOfTheList() async throws {
        // A complete HTTP response whose XML stops in the middle of a record: the token at the end is
        // missing, which must not read as "end of list".
        let page = OAIFixture.listRecords(Self.page1, token: Self.token)
        let cut = FaultServer.Action.respond(status: 200, headers: [], body: Array(page.utf8.prefix(600)))
        let count = Counter()
        let server = try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            if OAIFixture.parameter("resumptionToken", in: uri) == Self.token {
                return .page(OAIFixture.listRecords(Self.page2, token: nil))
            }
            return count.next() == 0 ? cut : .page(page)
        }
        defer { Task { await server.stop() } }
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: Self.temporaryDirectory())
        #expect(report.error == nil)
        #expect(report.retries == 1)
        #expect(report.records == 3)
    }

    @Test(arguments: ["1", "date"]) func stormOf503WithRetryAfterIsWaitedOut(form: String) async throws {
        let count = Counter()
        let server = try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            if count.next() < 3 {
                let value = form == "date" ? Self.httpDate(secondsFromNow: 1) : form
                return .respond(status: 503, headers: [("Retry-After", value)], body: Array("busy".utf8))
            }
            return .page(OAIFixture.listRecords(Self.page1, token: nil))
        }
        defer { Task { await server.stop() } }
        let started = ContinuousClock.now
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: Self.temporaryDirectory())
        #expect(report.error == nil)
        #expect(report.retries == 3)
        #expect(report.records == 2)
        // Seconds form: three waits of 1 s. Date form: waits up to 1 s each (the second may have begun).
        #expect(ContinuousClock.now - started >= .seconds(form == "1" ? 3 : 1))
    }

    @Test func endless503StopsTheMemberAfterItsRetries() async throws {
        let server = try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            return .respond(status: 503, headers: [("Retry-After", "0")], body: [])
        }
        defer { Task { await server.stop() } }
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: Self.temporaryDirectory())
        #expect(report.error?.code == .retriesExhausted)
        #expect(server.requestURIs.count == 1 + 4)
    }

    @Test func aTokenThatNeverChangesStopsTheMember() async throws {
        let server = try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            return .page(OAIFixture.listRecords(Self.page1, token: "same"))
        }
        defer { Task { await server.stop() } }
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: Self.temporaryDirectory())
        #expect(report.error?.code == .repeatedToken)
        #expect(server.requestURIs.count == 1 + 1 + 3)
    }

    @Test func aSlowTrickleHitsTheReadTimeout() async throws {
        let body = Array(OAIFixture.listRecords(Self.page1, token: nil).utf8)
        let server = try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            return .trickle(body: body, chunk: 20, interval: .milliseconds(800))
        }
        defer { Task { await server.stop() } }
        var source = Self.fastSource(server.baseURL)
        source.retries = 1
        // The page would take 36 s to arrive; the page timeout (5 s) is not what stops it: the read
        // timeout (0.4 s of silence) is. No wall-clock bound here: under a loaded test run the
        // cooperative pool may be starved for longer than any bound worth writing.
        let report = try await Self.harvest(source, into: Self.temporaryDirectory())
        #expect(report.error?.code == .retriesExhausted)
        #expect(report.error?.message.contains("read timed out") == true)
        #expect(server.requestURIs.count == 1 + 2)
    }

    @Test func badResumptionTokenRestartsTheListFromTheSavedFrom() async throws {
        let count = Counter()
        let server = try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            if OAIFixture.parameter("resumptionToken", in: uri) != nil {
                return count.next() == 0 ? .page(OAIFixture.error("badResumptionToken", "expired"))
                    : .page(OAIFixture.listRecords(Self.page2, token: nil))
            }
            return .page(OAIFixture.listRecords(Self.page1, token: Self.token))
        }
        defer { Task { await server.stop() } }
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: Self.temporaryDirectory())
        #expect(report.error == nil)
        #expect(server.requestURIs.filter { $0.contains("metadataPrefix") }.count == 2)
        #expect(report.records == 2 + 2 + 1)
    }

    @Test func noRecordsMatchIsAnEmptySuccess() async throws {
        let server = try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            return .page(OAIFixture.error("noRecordsMatch"))
        }
        defer { Task { await server.stop() } }
        let dir = Self.temporaryDirectory()
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: dir)
        #expect(report.error == nil && report.completed && report.records == 0)
        #expect(try await DirectorySink(root: dir).state(member: "T")?.nextFrom == OAIFixture.responseDate)
    }

    @Test func cannotDisseminateFormatIsAConfigurationError() async throws {
        let server = try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            return .page(OAIFixture.error("cannotDisseminateFormat", "no marc21"))
        }
        defer { Task { await server.stop() } }
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: Self.temporaryDirectory())
        #expect(report.error?.code == .configuration)
        #expect(report.error?.message.contains("marc21") == true)
    }

    @Test func notFoundStopsAtOnce() async throws {
        let server = try await FaultServer { _, _ in .respond(status: 404, headers: [], body: []) }
        defer { Task { await server.stop() } }
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: Self.temporaryDirectory())
        #expect(report.error?.code == .http)
        #expect(server.requestURIs.count == 1)
    }

    @Test func illegalBytesAreRepairedAndReportedAndThePageKept() async throws {
        var xml = Array(OAIFixture.listRecords([Item(id: "oai:t:9", datestamp: "2024-03-01", title: "Caf\u{FFFF}X")],
            token: nil).utf8)
        // U+FFFF (illegal in XML) → a Latin-1 é and a control character.
        let marker = Array("\u{FFFF}X".utf8)
        if let at = (0..<(xml.count - marker.count)).first(where: { Array(xml[$0..<($0 + marker.count)]) == marker }) {
            xml.replaceSubrange(at..<(at + marker.count), with: [0xE9, 0x01])
        }
        let body = xml
        let server = try await FaultServer { uri, _ in
            if uri.contains("verb=Identify") { return .page(OAIFixture.identify()) }
            return .respond(status: 200, headers: [], body: body)
        }
        defer { Task { await server.stop() } }
        let dir = Self.temporaryDirectory()
        let report = try await Self.harvest(Self.fastSource(server.baseURL), into: dir)
        #expect(report.error == nil)
        #expect(report.records == 1)
        let codes = Set(report.findings.map(\.code.rawValue))
        #expect(codes.contains("harvest.invalid-utf8"))
        #expect(codes.contains("harvest.illegal-xml-character"))
        let written = try String(contentsOfFile: dir + "/T/pages/000001.xml", encoding: .utf8)
        #expect(written.contains("Café "))
    }

    @Test func aKilledHarvestResumesAtTheTokenAfterTheLastCommittedPage() async throws {
        let server = try await FaultServer(script: Self.twoPageScript())
        defer { Task { await server.stop() } }
        let dir = Self.temporaryDirectory()
        let configuration = HarvestConfiguration(members: [MemberSource(code: "T", name: "T",
            oai: Self.fastSource(server.baseURL))])
        let failing = FailingSink(base: try DirectorySink(root: dir), failAt: 2)
        let first = await HarvestRun(configuration: configuration, sink: failing, spoolDirectory: dir).run().first!
        #expect(first.error?.code == .sink)
        let state = try #require(try await DirectorySink(root: dir).state(member: "T"))
        #expect(state.run?.resumptionToken == Self.token)
        let second = try await Self.harvest(Self.fastSource(server.baseURL), into: dir)
        #expect(second.error == nil && second.completed)
        #expect(second.pages == 1)
        // The resumed run asked for the token, not the first page again.
        #expect(OAIFixture.parameter("resumptionToken", in: server.requestURIs.last!) == Self.token)
        #expect(try DirectorySink(root: dir).currentItems(member: "T").count == 4)
    }

    @Test func sendsBasicCredentialsFromTheEnvironmentAndTheUserAgentButNeverLogsThem() async throws {
        let server = try await FaultServer(script: Self.twoPageScript())
        defer { Task { await server.stop() } }
        var source = Self.fastSource(server.baseURL)
        source.usernameVariable = "T_USER"
        source.passwordVariable = "T_PASS"
        let messages = MessageLog()
        let dir = Self.temporaryDirectory()
        let configuration = HarvestConfiguration(userAgent: "Katalog-test (mailto:t@example.org)",
            members: [MemberSource(code: "T", name: "T", oai: source)])
        let report = await HarvestRun(configuration: configuration, sink: try DirectorySink(root: dir),
            spoolDirectory: dir, environment: ["T_USER": "alice", "T_PASS": "pa55word"],
            log: { messages.append($0) }).run().first!
        #expect(report.error == nil)
        // "alice:pa55word" in Base64.
        #expect(server.headers.allSatisfy { $0.authorization == "Basic YWxpY2U6cGE1NXdvcmQ=" })
        #expect(server.headers.allSatisfy { $0.userAgent == "Katalog-test (mailto:t@example.org)" })
        #expect(!messages.all.joined().contains("pa55word") && !messages.all.joined().contains("YWxpY2U6"))
        let state = try String(contentsOfFile: dir + "/T/state.json", encoding: .utf8)
        #expect(!state.contains("pa55word"))
    }

    @Test func oneRequestAtATimePerHost() async throws {
        let gate = HostGate()
        let inFlight = InFlight()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<6 {
                group.addTask {
                    _ = try? await gate.withTurn(host: i < 4 ? "a" : "b", delay: .milliseconds(5)) {
                        inFlight.enter()
                        try await Task.sleep(for: .milliseconds(40))
                        inFlight.leave()
                    }
                }
            }
        }
        // Host a never has two requests at once; b runs beside it.
        #expect(inFlight.most == 2)
    }

    static func httpDate(secondsFromNow: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: Date().addingTimeInterval(TimeInterval(secondsFromNow)))
    }
}

/// A sink that fails at its Nth commit, as a process killed before that page's transaction would.
final class FailingSink: HarvestSink {
    let base: DirectorySink
    let failAt: Int
    let count = Counter()

    init(base: DirectorySink, failAt: Int) {
        self.base = base
        self.failAt = failAt
    }

    struct Killed: Error {}

    func state(member: String) async throws -> HarvestState? { try await base.state(member: member) }
    func beginPage(member: String) async throws -> any HarvestPageTransaction {
        if count.next() + 1 == failAt { throw Killed() }
        return try await base.beginPage(member: member)
    }
    func reconcileStarted(member: String) async throws {}
    func reconcileIdentifiers(member: String, identifiers: [String], deleted: [String]) async throws -> [String] { [] }
    func reconcileFinished(member: String, complete: Bool, seen: Int) async throws {}
}

final class InFlight: Sendable {
    private let state = Mutex((now: 0, most: 0))
    func enter() { state.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
    func leave() { state.withLock { $0.now -= 1 } }
    var most: Int { state.withLock { $0.most } }
}

final class MessageLog: Sendable {
    private let messages = Mutex<[String]>([])
    func append(_ message: String) { messages.withLock { $0.append(message) } }
    var all: [String] { messages.withLock { $0 } }
}

final class Counter: Sendable {
    private let value = Mutex(0)
    /// The count before this call.
    func next() -> Int { value.withLock { v in defer { v += 1 }; return v } }
}
