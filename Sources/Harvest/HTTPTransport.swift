/// One HTTP GET whose body goes to a file as it arrives, so memory stays flat whatever the page size.
public struct HTTPFetchRequest: Sendable {
    public var url: String
    /// Headers besides those the transport adds itself; the value of `Authorization` is never logged.
    public var headers: [(name: String, value: String)]
    public var connectTimeoutMilliseconds: Int
    /// The longest silence while the body arrives.
    public var readTimeoutMilliseconds: Int
    /// The longest time for the whole exchange, body included (a slow trickle stays under the read timeout).
    public var totalTimeoutMilliseconds: Int

    public init(url: String, headers: [(name: String, value: String)] = [], connectTimeoutMilliseconds: Int = 10_000,
        readTimeoutMilliseconds: Int = 60_000, totalTimeoutMilliseconds: Int = 600_000)
    {
        self.url = url
        self.headers = headers
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.readTimeoutMilliseconds = readTimeoutMilliseconds
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
    }
}

public struct HTTPFetchResponse: Sendable {
    public var status: Int
    /// Header names in lower case; the first value of each.
    public var headers: [String: String]
    /// Bytes written to the body file (after Content-Encoding was decoded).
    public var bodyBytes: Int64

    public init(status: Int, headers: [String: String], bodyBytes: Int64) {
        self.status = status
        self.headers = headers
        self.bodyBytes = bodyBytes
    }
}

/// Why an exchange failed before a complete response arrived: all of these are worth a retry.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case connect, timeout, dropped, other }
    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// How the harvester reaches providers. Injected, so that tests can stand anything in front of it;
/// `AsyncHTTPTransport` is the real one.
public protocol HTTPTransport: Sendable {
    /// Sends the request and writes the body to `bodyPath` (created or truncated); throws `TransportError`
    /// when no complete response could be had.
    func fetch(_ request: HTTPFetchRequest, bodyPath: String) async throws -> HTTPFetchResponse
    /// Releases connections; the transport is not used afterwards.
    func shutdown() async
}
