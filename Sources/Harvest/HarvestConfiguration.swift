package import KatalogIO

/// The harvester's part of `katalog.toml`: an optional `[harvest]` table of defaults and one
/// `[member.oai]` table per member harvested over OAI-PMH.
///
/// ```toml
/// [harvest]
/// user-agent = "Katalog/0.1 (mailto:catalogue@example.org)"
///
/// [[member]]
/// code = "UNAIR"
/// name = "Universitas Airlangga"
/// [member.oai]
/// url = "https://lib.example.ac.id/oai"
/// metadata-prefix = "marc21"           # marc21, marcxml, oai_dc (any prefix whose records are MARCXML works)
/// sets = ["book"]                      # optional: each set is harvested in turn
/// delay-ms = 1000                      # pause between two requests to the member's host
/// connect-timeout-ms = 10000
/// read-timeout-ms = 60000              # longest silence while a page arrives
/// page-timeout-ms = 600000             # longest time for a whole page
/// retries = 5                          # per page, for 5xx, 429, timeouts and dropped connections
/// max-retry-after-s = 3600             # cap on a 503's Retry-After
/// username-env = "UNAIR_OAI_USER"      # HTTP basic credentials: names of environment variables
/// password-env = "UNAIR_OAI_PASSWORD"
/// quirks = ["local-time-as-z", "host-in-identifier"]
/// ```
///
/// The file has no floats (our TOML reader refuses them), so durations are integers with their unit
/// in the key. Unknown keys are errors naming their line: a typo must not silently change a harvest.
public struct HarvestConfiguration: Sendable {
    public var userAgent: String
    public var members: [MemberSource]

    public static let defaultUserAgent = "Katalog/0.1 (OAI-PMH harvester; library union catalogue)"

    public init(userAgent: String = HarvestConfiguration.defaultUserAgent, members: [MemberSource]) {
        self.userAgent = userAgent
        self.members = members
    }

    /// From the text of a `katalog.toml`.
    public init(toml text: String) throws(HarvestConfigurationError) {
        let root: TOMLTable
        do { root = try TOML.parse(text) } catch { throw HarvestConfigurationError(error.message, line: error.line) }
        try self.init(root: root)
    }

    /// From a parsed document, for callers that read the rest of `katalog.toml` too.
    package init(root: TOMLTable) throws(HarvestConfigurationError) {
        userAgent = Self.defaultUserAgent
        if let value = root["harvest"] {
            guard let table = value.table else {
                throw HarvestConfigurationError("[harvest] must be a table", line: root.lines["harvest"])
            }
            let reader = ConfigReader(place: "[harvest]")
            try reader.allow(table, ["user-agent"])
            if let agent = try reader.string(table, "user-agent") { userAgent = agent }
        }
        members = []
        guard let value = root["member"] else { return }
        guard let list = value.array else {
            throw HarvestConfigurationError("'member' must be an array of tables ([[member]])", line: root.lines["member"])
        }
        for entry in list {
            guard let table = entry.table else {
                throw HarvestConfigurationError("each [[member]] must be a table", line: root.lines["member"])
            }
            let reader = ConfigReader(place: "[[member]]")
            try reader.allow(table, MemberSource.memberKeys)
            guard let code = try reader.string(table, "code"), !code.isEmpty else {
                throw HarvestConfigurationError("[[member]] without a code", line: table.lines.values.min())
            }
            if members.contains(where: { $0.code == code }) {
                throw HarvestConfigurationError("member '\(code)' is defined twice", line: table.lines["code"])
            }
            let name = try reader.string(table, "name") ?? code
            var oai: OAISource?
            if let oaiValue = table["oai"] {
                guard let oaiTable = oaiValue.table else {
                    throw HarvestConfigurationError("[member.oai] of '\(code)' must be a table", line: table.lines["oai"])
                }
                oai = try OAISource(table: oaiTable, member: code)
            }
            members.append(MemberSource(code: code, name: name, oai: oai))
        }
    }
}

/// A member library: its code, its name and, when it has one, its OAI-PMH provider.
public struct MemberSource: Sendable, Hashable {
    public var code: String
    public var name: String
    public var oai: OAISource?

    public init(code: String, name: String, oai: OAISource?) {
        self.code = code
        self.name = name
        self.oai = oai
    }

    /// Keys a `[[member]]` table may hold; the file-drop ones belong to other parts of Katalog.
    static let memberKeys = ["code", "name", "oai", "files", "format", "encoding", "profile"]
}

/// How one member's OAI-PMH provider is harvested.
public struct OAISource: Sendable, Hashable {
    public var baseURL: String
    public var metadataPrefix: String
    public var sets: [String]
    public var delayMilliseconds: Int
    public var connectTimeoutMilliseconds: Int
    public var readTimeoutMilliseconds: Int
    public var pageTimeoutMilliseconds: Int
    public var retries: Int
    public var maxRetryAfterSeconds: Int
    /// Names of the environment variables holding HTTP basic credentials (never the values).
    public var usernameVariable: String?
    public var passwordVariable: String?
    public var quirks: Set<Quirk>
    /// Pages in a row that bring back the token they were asked with before the member is stopped.
    public var sameTokenLimit: Int
    /// Pages in a row with neither records nor deletions, each with a new token, before the member is stopped.
    public var emptyPageLimit: Int
    /// The first retry's wait; each further one doubles it (at most a minute), with jitter.
    public var backoffMilliseconds: Int

    /// Provider behaviours that need a harvester to act differently (see docs/oai-pmh.md §3, §8).
    public enum Quirk: String, Sendable, Hashable, CaseIterable {
        /// Dates are local time labelled `Z` (SLiMS `oai2.php`): the next `from` is moved a day back.
        case localTimeAsZ = "local-time-as-z"
        /// Identifiers embed the host name (`oai:<HTTP_HOST>:<id>`, INLISLite 3.3), which changes with the
        /// address used: `oai:<anything>:<id>` is rewritten to `oai:<member code>:<id>`.
        case hostInIdentifier = "host-in-identifier"
        /// `from` is ignored without `until` (SLiMS `oai.php`): an `until` is always sent with a `from`.
        case fromNeedsUntil = "from-needs-until"
        /// Datestamps are creation dates (SLiMS `input_date`, INLISLite v3 `CreateDate`): edits never show up
        /// in a window, so every run harvests everything.
        case creationDatestamps = "creation-datestamps"
        /// The provider says seconds but fails on them: only days are sent.
        case dayGranularityOnly = "day-granularity-only"
    }

    public init(baseURL: String, metadataPrefix: String = "marc21", sets: [String] = [], delayMilliseconds: Int = 1000,
        connectTimeoutMilliseconds: Int = 10_000, readTimeoutMilliseconds: Int = 60_000,
        pageTimeoutMilliseconds: Int = 600_000, retries: Int = 5, maxRetryAfterSeconds: Int = 3600,
        usernameVariable: String? = nil, passwordVariable: String? = nil, quirks: Set<Quirk> = [],
        sameTokenLimit: Int = 3, emptyPageLimit: Int = 20, backoffMilliseconds: Int = 2000)
    {
        self.backoffMilliseconds = backoffMilliseconds
        self.baseURL = baseURL
        self.metadataPrefix = metadataPrefix
        self.sets = sets
        self.delayMilliseconds = delayMilliseconds
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.readTimeoutMilliseconds = readTimeoutMilliseconds
        self.pageTimeoutMilliseconds = pageTimeoutMilliseconds
        self.retries = retries
        self.maxRetryAfterSeconds = maxRetryAfterSeconds
        self.usernameVariable = usernameVariable
        self.passwordVariable = passwordVariable
        self.quirks = quirks
        self.sameTokenLimit = sameTokenLimit
        self.emptyPageLimit = emptyPageLimit
    }

    /// Whether records come as Dublin Core (read through the crosswalk, flagged as degraded) rather than MARCXML.
    public var isDublinCore: Bool { metadataPrefix.lowercased() == "oai_dc" }

    /// The host (and port) requests go to: one request at a time per host.
    public var host: String {
        var rest = Substring(baseURL)
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            rest = rest[rest.index(colon, offsetBy: 3)...]
        }
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) { rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        return rest.lowercased()
    }

    static let keys = ["url", "metadata-prefix", "sets", "delay-ms", "connect-timeout-ms", "read-timeout-ms",
        "page-timeout-ms", "retries", "max-retry-after-s", "username-env", "password-env", "quirks",
        "same-token-limit", "empty-page-limit", "backoff-ms"]

    init(table: TOMLTable, member: String) throws(HarvestConfigurationError) {
        let reader = ConfigReader(place: "[member.oai] of '\(member)'")
        try reader.allow(table, Self.keys)
        guard let url = try reader.string(table, "url") else {
            throw HarvestConfigurationError("[member.oai] of '\(member)' needs a url", line: table.lines.values.min())
        }
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), !url.contains("?") else {
            throw reader.fail(table, "url", "url must be an http:// or https:// base URL without a query, not '\(url)'")
        }
        if let authority = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first,
            authority.contains("@")
        {
            // Never echo the URL: it holds a password.
            throw reader.fail(table, "url", "url must not hold credentials: name environment variables in "
                + "username-env and password-env")
        }
        self.init(baseURL: url)
        if let prefix = try reader.string(table, "metadata-prefix") {
            guard !prefix.isEmpty, prefix.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else {
                throw reader.fail(table, "metadata-prefix", "metadata-prefix '\(prefix)' is not a prefix")
            }
            metadataPrefix = prefix
        }
        sets = try reader.strings(table, "sets") ?? []
        delayMilliseconds = try reader.integer(table, "delay-ms", in: 0...3_600_000) ?? delayMilliseconds
        connectTimeoutMilliseconds = try reader.integer(table, "connect-timeout-ms", in: 1...3_600_000)
            ?? connectTimeoutMilliseconds
        readTimeoutMilliseconds = try reader.integer(table, "read-timeout-ms", in: 1...3_600_000)
            ?? readTimeoutMilliseconds
        pageTimeoutMilliseconds = try reader.integer(table, "page-timeout-ms", in: 1...86_400_000)
            ?? pageTimeoutMilliseconds
        retries = try reader.integer(table, "retries", in: 0...100) ?? retries
        maxRetryAfterSeconds = try reader.integer(table, "max-retry-after-s", in: 0...86_400) ?? maxRetryAfterSeconds
        usernameVariable = try reader.string(table, "username-env")
        passwordVariable = try reader.string(table, "password-env")
        if (usernameVariable == nil) != (passwordVariable == nil) {
            throw reader.fail(table, usernameVariable == nil ? "password-env" : "username-env",
                "username-env and password-env go together")
        }
        sameTokenLimit = try reader.integer(table, "same-token-limit", in: 1...1000) ?? sameTokenLimit
        emptyPageLimit = try reader.integer(table, "empty-page-limit", in: 1...100_000) ?? emptyPageLimit
        backoffMilliseconds = try reader.integer(table, "backoff-ms", in: 0...600_000) ?? backoffMilliseconds
        for name in try reader.strings(table, "quirks") ?? [] {
            guard let quirk = Quirk(rawValue: name) else {
                throw reader.fail(table, "quirks", "no quirk named '\(name)' (known: "
                    + Quirk.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            quirks.insert(quirk)
        }
    }
}

/// A mistake in the harvester's configuration, with the line it is on when known.
public struct HarvestConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int?

    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String { (line.map { "line \($0): " } ?? "") + message }
}

/// Typed values with errors that say which key on which line is wrong.
private struct ConfigReader {
    let place: String

    func fail(_ table: TOMLTable, _ key: String, _ message: String) -> HarvestConfigurationError {
        HarvestConfigurationError(message, line: table.lines[key])
    }

    func allow(_ table: TOMLTable, _ keys: [String]) throws(HarvestConfigurationError) {
        for key in table.keys where !keys.contains(key) {
            throw fail(table, key, "unknown key '\(key)' in \(place) (known: \(keys.joined(separator: ", ")))")
        }
    }

    func string(_ t: TOMLTable, _ key: String) throws(HarvestConfigurationError) -> String? {
        guard let v = t[key] else { return nil }
        guard let s = v.string else { throw fail(t, key, "'\(key)' in \(place) must be a string, not \(v.typeName)") }
        return s
    }

    func strings(_ t: TOMLTable, _ key: String) throws(HarvestConfigurationError) -> [String]? {
        guard let v = t[key] else { return nil }
        guard let list = v.array, case let strings = list.compactMap(\.string), strings.count == list.count else {
            throw fail(t, key, "'\(key)' in \(place) must be an array of strings")
        }
        return strings
    }

    func integer(_ t: TOMLTable, _ key: String, in range: ClosedRange<Int>) throws(HarvestConfigurationError) -> Int? {
        guard let v = t[key] else { return nil }
        guard let i = v.integer else {
            throw fail(t, key, "'\(key)' in \(place) must be an integer, not \(v.typeName)")
        }
        guard range.contains(i) else {
            throw fail(t, key, "'\(key)' in \(place) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return i
    }
}
