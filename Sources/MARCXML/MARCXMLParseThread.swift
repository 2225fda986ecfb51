#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The thread a `MARCXMLParser` runs on, owned by the reader: libxml2 parses on one core while the
/// reader's caller converts and writes the records on another.
///
/// The thread starts at the reader's first `next()` and is always joined: when the reader goes
/// away (end of input, strict-mode stop, error, or simply dropped), the channel is cancelled,
/// which wakes a parser waiting for room and makes it stop at its next batch or read.
final class MARCXMLParseThread {
    let channel: RecordBatchChannel
    private var parser: MARCXMLParser?
    private var thread: pthread_t?

    init(parser: MARCXMLParser, channel: RecordBatchChannel) {
        self.parser = parser
        self.channel = channel
    }

    deinit {
        channel.cancel()
        if let thread { pthread_join(thread, nil) }
    }

    /// Starts the parse unless it has started; `false` if the system has no thread to give.
    func start() -> Bool {
        guard let parser else { return true }
        self.parser = nil
        let body = Unmanaged.passRetained(ParseBody(parser)).toOpaque()
        var id = pthread_t()
        guard pthread_create(&id, nil, runParseBody, body) == 0 else {
            Unmanaged<ParseBody>.fromOpaque(body).release()
            return false
        }
        thread = id
        return true
    }
}

/// Hands the parser to its thread. `@unchecked Sendable`: the reader gives the parser up when it
/// starts the thread and never touches it again; from then on only the parse thread uses it (and
/// the source it reads), while the channel is the one thing both sides share.
private final class ParseBody: @unchecked Sendable {
    let parser: MARCXMLParser
    init(_ parser: MARCXMLParser) { self.parser = parser }
}

#if canImport(Glibc)
private func runParseBody(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Unmanaged<ParseBody>.fromOpaque(context!).takeRetainedValue().parser.run()
    return nil
}
#else
private func runParseBody(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    Unmanaged<ParseBody>.fromOpaque(context).takeRetainedValue().parser.run()
    return nil
}
#endif
