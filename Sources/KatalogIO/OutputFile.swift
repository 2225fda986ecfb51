#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered byte destination: standard output, or a file written atomically.
///
/// A file is written under a temporary name in the same directory and renamed over the target only
/// by `commit()`, after its bytes are flushed and synced; a process killed half-way leaves the old
/// file untouched and at worst a `.tmp-` file behind. `discard()` (or dropping the object without
/// committing) removes the temporary file.
public final class OutputFile {
    public let path: String
    private let temporaryPath: String?
    private var fd: Int32
    private var buffer: [UInt8]
    private let capacity: Int
    private var finished = false
    public private(set) var bytesWritten: Int64 = 0

    /// Opens `path` for atomic writing; `-` means standard output.
    public init(path: String, bufferSize: Int = 1 << 18) throws {
        self.path = path
        capacity = bufferSize
        buffer = []
        buffer.reserveCapacity(bufferSize)
        if path == "-" {
            fd = STDOUT_FILENO
            temporaryPath = nil
        } else {
            let tmp = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw IOError(path: path, operation: "create", errno: errno) }
            temporaryPath = tmp
        }
    }

    @inline(__always)
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > capacity {
            try flush()
            if bytes.count >= capacity {
                try writeAll(bytes)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { (raw) throws in try write(raw) }
    }

    public func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { (raw) throws in try write(UnsafeRawBufferPointer(raw)) }
    }

    /// Gives direct access to the buffer so a writer can format a record in place.
    /// `reserve` is the most bytes `body` will append.
    @inline(__always)
    public func append(reserving reserve: Int, _ body: (inout [UInt8]) -> Void) throws {
        if buffer.count + reserve > capacity && !buffer.isEmpty { try flush() }
        body(&buffer)
        if buffer.count >= capacity { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { (raw) throws in try writeAll(raw) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and moves the file into place. For standard output, only flushes.
    public func commit() throws {
        guard !finished else { return }
        try flush()
        finished = true
        guard let temporaryPath else { return }
        if fsync(fd) != 0 && errno != EINVAL { let e = errno; close(fd); throw IOError(path: path, operation: "sync", errno: e) }
        close(fd)
        fd = -1
        if rename(temporaryPath, path) != 0 {
            let e = errno
            unlink(temporaryPath)
            throw IOError(path: path, operation: "rename into place", errno: e)
        }
    }

    /// Abandons the output: the temporary file is removed and the target is left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        buffer.removeAll()
        if let temporaryPath {
            close(fd)
            fd = -1
            unlink(temporaryPath)
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError(path: path, operation: "write", errno: errno)
            }
            offset += n
        }
        bytesWritten += Int64(bytes.count)
    }

    deinit {
        if !finished { discard() }
    }
}
