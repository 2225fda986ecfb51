#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from. Readers pull fixed-size chunks, so nothing ever holds a whole
/// file in memory.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes; returns 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// An I/O failure with the path it concerns and the system's explanation.
public struct IOError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let errno: Int32

    public init(path: String, operation: String, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    public var description: String { "\(path): cannot \(operation): \(String(cString: strerror(errno)))" }
}

/// A file or standard input, read with `read(2)`.
public final class FileByteSource: ByteSource {
    public let path: String
    private var fd: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` for reading; `-` means standard input.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            fd = STDIN_FILENO
            ownsDescriptor = false
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw IOError(path: path, operation: "open for reading", errno: errno) }
            ownsDescriptor = true
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw IOError(path: path, operation: "read a directory as records", errno: EISDIR)
            }
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw IOError(path: path, operation: "read", errno: errno)
        }
    }

    deinit { if ownsDescriptor { close(fd) } }
}

/// Bytes already in memory, handed out in chunks of a chosen size (tests use this to prove a
/// decoder gives the same records whatever the chunking).
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    private let chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = .max) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, chunkSize, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// Replays bytes that were read ahead (to sniff the format) before the rest of a source.
public struct PrefixedByteSource<Base: ByteSource>: ByteSource {
    private var prefix: [UInt8]
    private var prefixPosition = 0
    private var base: Base

    public init(prefix: [UInt8], base: Base) {
        self.prefix = prefix
        self.base = base
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if prefixPosition < prefix.count {
            let n = min(buffer.count, prefix.count - prefixPosition)
            prefix.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + prefixPosition, byteCount: n)
            }
            prefixPosition += n
            if prefixPosition == prefix.count { prefix = []; prefixPosition = 0 }
            return n
        }
        return try base.read(into: buffer)
    }
}

extension ByteSource {
    /// Reads until `count` bytes or the end of input, for format sniffing.
    public mutating func readPrefix(_ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try out.withUnsafeMutableBytes { (buf) throws -> Int in
                try read(into: UnsafeMutableRawBufferPointer(rebasing: buf[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        out.removeLast(count - filled)
        return out
    }
}
