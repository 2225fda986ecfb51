#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KatalogIO
import MARCRecord

/// Serves libxml2's read callback from a byte source, through a buffer of our own: libxml2 asks for
/// 4,000 bytes at a time, too few for one `read(2)` each.
///
/// Every request is filled completely unless the input ends, whatever sizes the source returns:
/// libxml2 in pull mode looks at the first bytes once (encoding, XML declaration) and would
/// misread a document whose first read were short.
final class InputPump {
    private let read: (UnsafeMutableRawBufferPointer) throws -> Int
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var atEnd = false
    private let state: UnsafeMutablePointer<SAXState>

    init<Source: ByteSource>(source: Source, bufferSize: Int, state: UnsafeMutablePointer<SAXState>) {
        var source = source
        read = { try source.read(into: $0) }
        buffer = .allocate(byteCount: max(1, bufferSize), alignment: 16)
        self.state = state
    }

    deinit { buffer.deallocate() }

    /// Copies up to `length` bytes to `destination`; 0 at the end of the input, and from then on.
    func fill(_ destination: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32 {
        var copied = 0
        while copied < length && !atEnd {
            if start == end && !refill() { break }
            let n = min(length - copied, end - start)
            (UnsafeMutableRawPointer(destination) + copied).copyMemory(from: buffer.baseAddress! + start, byteCount: n)
            start += n
            copied += n
        }
        return Int32(copied)
    }

    /// Reads the next piece of the source; `false` at its end, on a read failure (queued as an
    /// item, the parse stopped) or when the reader is gone.
    private func refill() -> Bool {
        start = 0
        end = 0
        if state.pointee.stopped || state.pointee.channel.isCancelled {
            atEnd = true
            return false
        }
        do {
            end = try read(buffer)
        } catch {
            state.pointee.readFailed(error)
            atEnd = true
            return false
        }
        if end == 0 { atEnd = true }
        return end > 0
    }
}

extension SAXState {
    /// The source failed: what was parsed so far stands, the failure follows it, nothing after.
    /// libxml2 is not halted here (that would free the buffer its read callback is filling): the
    /// input simply ends, and what libxml2 then reports is ignored.
    mutating func readFailed(_ error: any Error) {
        let offset = bytesConsumed
        batch.items.append(.readFailure(.readFailure(error, file: fileName, offset: offset)))
        stoppedAt = offset
        stopped = true
    }
}
