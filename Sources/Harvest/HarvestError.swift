public import MARCRecord

/// Why a member's harvest stopped. The state committed before it stands: the next run resumes there.
public struct HarvestError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The configuration cannot work (missing credentials, a format the provider does not offer).
        case configuration
        /// HTTP 401, 403, 404 or another answer that retrying will not change.
        case http
        /// Retries used up on 5xx, 429, timeouts, dropped connections or broken pages.
        case retriesExhausted = "retries-exhausted"
        /// An OAI-PMH error the harvester cannot get past.
        case protocolError = "oai-error"
        /// The same resumption token came back page after page.
        case repeatedToken = "repeated-token"
        /// Page after page with a new token and nothing in it.
        case emptyPages = "empty-pages"
        /// `badResumptionToken` again after restarting the list.
        case badResumptionToken = "bad-resumption-token"
        /// The response is not OAI-PMH.
        case notOAI = "not-oai"
        /// Writing the page or the state failed.
        case sink
    }

    public var member: String
    public var code: Code
    public var message: String

    public init(member: String, _ code: Code, _ message: String) {
        self.member = member
        self.code = code
        self.message = message
    }

    public var description: String { "\(member): \(message) [harvest.\(code.rawValue)]" }
}

/// What one member's harvest did.
public struct HarvestReport: Sendable {
    public var member: String
    public var pages = 0
    public var records = 0
    public var deletions = 0
    public var identifiersSeen = 0
    /// Records a reconciliation found listed but missing from the sink, fetched with GetRecord.
    public var fetchedMissing = 0
    public var retries = 0
    public var findings: [Finding] = []
    /// The run finished: `nextFrom` moved on.
    public var completed = false
    public var error: HarvestError?

    public init(member: String) { self.member = member }
}
