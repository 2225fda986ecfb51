import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An in-process HTTP server on 127.0.0.1 whose every answer is scripted: OAI-PMH pages, 503 storms,
/// connections dropped mid-body, bodies cut short, bodies that trickle in.
final class FaultServer: Sendable {
    enum Action: Sendable {
        case respond(status: Int, headers: [(String, String)], body: [UInt8])
        /// Promises the full length, sends `sent` bytes of the body, then closes the connection.
        case drop(body: [UInt8], sent: Int)
        /// Sends the body `chunk` bytes at a time, `interval` apart.
        case trickle(body: [UInt8], chunk: Int, interval: TimeAmount)

        static func page(_ xml: String) -> Action {
            .respond(status: 200, headers: [("Content-Type", "text/xml; charset=utf-8")], body: Array(xml.utf8))
        }
    }

    /// Decides the answer from the request's URI and how many requests came before it.
    typealias Script = @Sendable (_ uri: String, _ index: Int) -> Action

    private let channel: any Channel
    private let log = RequestLog()
    let port: Int

    /// Every request URI, in order.
    var requestURIs: [String] { log.uris.withLock { $0 } }

    init(script: @escaping Script) async throws {
        let log = self.log
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(script: script, log: log))
                }
            }
        channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    var baseURL: String { "http://127.0.0.1:\(port)/oai" }

    func stop() async {
        try? await channel.close()
    }

    /// The `Authorization` and `User-Agent` headers of every request, in order.
    var headers: [(authorization: String?, userAgent: String?)] { log.headers.withLock { $0 } }

    final class RequestLog: Sendable {
        let uris = Mutex<[String]>([])
        let headers = Mutex<[(authorization: String?, userAgent: String?)]>([])
        /// Appends the URI and returns its index.
        func record(_ uri: String) -> Int {
            uris.withLock {
                $0.append(uri)
                return $0.count - 1
            }
        }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let script: Script
        let log: RequestLog
        var uri = ""

        init(script: @escaping Script, log: RequestLog) {
            self.script = script
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                uri = head.uri
                log.headers.withLock {
                    $0.append((head.headers["Authorization"].first, head.headers["User-Agent"].first))
                }
            case .body: break
            case .end:
                let action = script(uri, log.record(uri))
                perform(action, context: context)
            }
        }

        private func perform(_ action: Action, context: ChannelHandlerContext) {
            switch action {
            case .respond(let status, let headers, let body):
                var head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status))
                for (name, value) in headers { head.headers.add(name: name, value: value) }
                head.headers.add(name: "Content-Length", value: String(body.count))
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            case .drop(let body, let sent):
                var head = HTTPResponseHead(version: .http1_1, status: .ok)
                head.headers.add(name: "Content-Type", value: "text/xml")
                head.headers.add(name: "Content-Length", value: String(body.count))
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body.prefix(sent))))),
                    promise: nil)
                context.close(promise: nil)
            case .trickle(let body, let chunk, let interval):
                var head = HTTPResponseHead(version: .http1_1, status: .ok)
                head.headers.add(name: "Content-Type", value: "text/xml")
                head.headers.add(name: "Content-Length", value: String(body.count))
                context.writeAndFlush(wrapOutboundOut(.head(head)), promise: nil)
                let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
                let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
                func send(_ offset: Int) {
                    let context = bound.value
                    guard context.channel.isActive else { return }
                    if offset >= body.count {
                        context.writeAndFlush(handler.value.wrapOutboundOut(.end(nil)), promise: nil)
                        return
                    }
                    let piece = body[offset..<min(body.count, offset + chunk)]
                    context.writeAndFlush(handler.value.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: piece)))),
                        promise: nil)
                    context.eventLoop.scheduleTask(in: interval) { send(offset + chunk) }
                }
                send(0)
            }
        }
    }
}
