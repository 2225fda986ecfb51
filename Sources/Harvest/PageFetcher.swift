import Foundation
import MARCRecord

/// Gets one OAI-PMH response, read and checked, retrying what is worth retrying: 503 (after its
/// Retry-After, either form, capped), 429 and other 5xx, timeouts, dropped connections and pages that
/// break off, with exponential backoff and jitter, at most `retries` times per page. 401, 403, 404 and
/// other 4xx stop the member at once (the guidelines: wait for a person).
struct PageFetcher: Sendable {
    let member: String
    let source: OAISource
    let transport: any HTTPTransport
    let gate: HostGate
    let userAgentHeaders: [(name: String, value: String)]
    let spoolPath: String
    let log: @Sendable (String) -> Void

    struct Fetched {
        var page: OAIPage
        var retries: Int
        /// With `streamInto`: the open transaction holding the page's records; the caller commits or
        /// rolls it back.
        var transaction: (any HarvestPageTransaction)?
    }

    /// `query` without the base URL; `parser` reads the body. With `streamInto`, a response that came
    /// back 200 is read once: a transaction is opened and the records go into it as they are parsed; a
    /// page that turns out broken is rolled back and fetched again (so memory stays flat and no page is
    /// parsed twice).
    func fetch(_ query: [(String, String)], parser: OAIPageParser,
        streamInto open: (() async throws -> any HarvestPageTransaction)? = nil) async throws(HarvestError) -> Fetched
    {
        let url = source.baseURL + "?" + PercentEncoding.query(query)
        let request = HTTPFetchRequest(url: url, headers: userAgentHeaders,
            connectTimeoutMilliseconds: source.connectTimeoutMilliseconds,
            readTimeoutMilliseconds: source.readTimeoutMilliseconds,
            totalTimeoutMilliseconds: source.pageTimeoutMilliseconds)
        var attempt = 0
        while true {
            let wait: Duration
            let reason: String
            do {
                let response = try await gate.withTurn(host: source.host, delay: .milliseconds(source.delayMilliseconds)) {
                    try await transport.fetch(request, bodyPath: spoolPath)
                }
                switch response.status {
                case 200:
                    var transaction: (any HarvestPageTransaction)?
                    if let open {
                        do { transaction = try await open() } catch {
                            throw HarvestError(member: member, .sink, "cannot begin a page: \(error)")
                        }
                    }
                    let page: OAIPage
                    do {
                        page = try parser.parse(path: spoolPath, consumer: transaction.map { t in
                            OAIPageParser.Consumer(record: { try t.add($0) }, deletion: { try t.delete($0) })
                        })
                    } catch {
                        await transaction?.rollback()
                        let cause = (error as? OAIPageParser.ConsumerError)?.underlying ?? error
                        throw HarvestError(member: member, .sink, "cannot read the spooled page: \(cause)")
                    }
                    if page.isBroken {
                        await transaction?.rollback()
                        let what = page.findings.first(where: { $0.code == "marcxml.malformed-xml" })?.message ?? ""
                        reason = "page broke off (\(response.bodyBytes) bytes; \(what))"
                        wait = backoff(attempt)
                    } else if !page.isOAI {
                        await transaction?.rollback()
                        reason = "the response is not OAI-PMH (\(response.headers["content-type"] ?? "no content type"))"
                        wait = backoff(attempt)
                    } else {
                        return Fetched(page: page, retries: attempt, transaction: transaction)
                    }
                case 503, 429:
                    if let header = response.headers["retry-after"],
                        let seconds = RetryAfter.seconds(header, now: Int64(Date().timeIntervalSince1970),
                            cap: Int64(source.maxRetryAfterSeconds))
                    {
                        wait = .seconds(seconds)
                        reason = "HTTP \(response.status), Retry-After \(header)"
                    } else {
                        wait = backoff(attempt)
                        reason = "HTTP \(response.status)"
                    }
                case 500...599:
                    wait = backoff(attempt)
                    reason = "HTTP \(response.status)"
                case 401, 403:
                    throw HarvestError(member: member, .http,
                        "HTTP \(response.status) for \(query.first?.1 ?? ""): credentials refused or missing")
                default:
                    throw HarvestError(member: member, .http,
                        "HTTP \(response.status) for \(query.first?.1 ?? ""): is the base URL \(source.baseURL) right?")
                }
            } catch let error as HarvestError {
                throw error
            } catch let error as TransportError {
                wait = backoff(attempt)
                reason = error.description
            } catch {
                throw HarvestError(member: member, .sink, "\(error)")
            }
            attempt += 1
            guard attempt <= source.retries else {
                throw HarvestError(member: member, .retriesExhausted,
                    "gave up after \(source.retries) retries: \(reason)")
            }
            log("\(member): \(reason); retry \(attempt)/\(source.retries) in \(wait)")
            try? await Task.sleep(for: wait)
        }
    }

    /// Exponential from `backoff-ms`, at most a minute, jittered down by up to half so that members
    /// retrying together spread out.
    private func backoff(_ attempt: Int) -> Duration {
        let base = Double(source.backoffMilliseconds) * pow(2, Double(min(attempt, 16)))
        let capped = min(base, 60_000)
        return .milliseconds(Int64(capped * Double.random(in: 0.5...1.0)))
    }
}
