import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// `HTTPTransport` on async-http-client: redirects followed (at most 5), gzip and deflate decoded
/// (`Accept-Encoding` sent; bodies over 100 times their compressed size refused as bombs), the body
/// streamed to a file chunk by chunk, connect and read timeouts, a deadline for the whole exchange.
///
/// One client per member, because the timeouts are the client's configuration, not the request's.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let userAgent: String

    public init(userAgent: String, connectTimeoutMilliseconds: Int, readTimeoutMilliseconds: Int) {
        self.userAgent = userAgent
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .milliseconds(Int64(connectTimeoutMilliseconds)),
                read: .milliseconds(Int64(readTimeoutMilliseconds))),
            decompression: .enabled(limit: .ratio(100)))
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func fetch(_ request: HTTPFetchRequest, bodyPath: String) async throws -> HTTPFetchResponse {
        var http = HTTPClientRequest(url: request.url)
        http.method = .GET
        http.headers.add(name: "User-Agent", value: userAgent)
        http.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        for (name, value) in request.headers { http.headers.add(name: name, value: value) }
        let file = try SpoolFile(path: bodyPath)
        defer { file.close() }
        let deadline = NIODeadline.now() + .milliseconds(Int64(request.totalTimeoutMilliseconds))
        do {
            let response = try await client.execute(http, deadline: deadline)
            var headers: [String: String] = [:]
            for (name, value) in response.headers where headers[name.lowercased()] == nil {
                headers[name.lowercased()] = value
            }
            var written: Int64 = 0
            for try await buffer in response.body {
                try buffer.withUnsafeReadableBytes { try file.write($0) }
                written += Int64(buffer.readableBytes)
            }
            return HTTPFetchResponse(status: Int(response.status.code), headers: headers, bodyBytes: written)
        } catch let error as SpoolError {
            throw error
        } catch let error as HTTPClientError {
            throw Self.classify(error)
        } catch {
            throw TransportError(.other, String(describing: error))
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    private static func classify(_ error: HTTPClientError) -> TransportError {
        switch error {
        case .connectTimeout: TransportError(.connect, "connect timed out")
        case .readTimeout: TransportError(.timeout, "read timed out")
        case .deadlineExceeded: TransportError(.timeout, "page took longer than the page timeout")
        case .remoteConnectionClosed: TransportError(.dropped, "connection closed by the server mid-response")
        default: TransportError(.other, String(describing: error))
        }
    }
}
