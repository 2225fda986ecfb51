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
    }

    /// `query` without the base URL; `parser` reads the body.
    func fetch(_ query: [(String, String)], parser: OAIPageParser) async throws(HarvestError) -> Fetched {
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
                    let page: OAIPage
                    do { page = try parser.parse(path: spoolPath) } catch {
                        throw HarvestError(member: member, .sink, "cannot read the spooled page: \(error)")
                    }
                    if page.isBroken {
                        let what = page.findings.first(where: { $0.code == "marcxml.malformed-xml" })?.message ?? ""
                        reason = "page broke off (\(response.bodyBytes) bytes; \(what))"
                        wait = backoff(attempt)
                    } else if !page.isOAI {
                        reason = "the response is not OAI-PMH (\(response.headers["content-type"] ?? "no content type"))"
                        wait = backoff(attempt)
                    } else {
                        return Fetched(page: page, retries: attempt)
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
