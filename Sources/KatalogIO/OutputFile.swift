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
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private var finished = false
    public private(set) var bytesWritten: Int64 = 0

    /// Opens `path` for atomic writing; `-` means standard output.
    public init(path: String, bufferSize: Int = 1 << 18) throws {
        self.path = path
        var info = stat()
        if path == "-" {
            fd = STDOUT_FILENO
            temporaryPath = nil
        } else if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            // A device, FIFO or socket (/dev/null, /dev/stdout, a named pipe): write to it directly.
            // Renaming a temporary file over it would replace the device node itself.
            fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw IOError(path: path, operation: "open for writing", errno: errno) }
            temporaryPath = nil
        } else {
            let tmp = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw IOError(path: path, operation: "create", errno: errno) }
            temporaryPath = tmp
        }
        buffer = .allocate(byteCount: max(bufferSize, 4096), alignment: 16)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        if used + bytes.count > buffer.count {
            try flush()
            if bytes.count >= buffer.count {
                try writeAll(bytes)
                return
            }
        }
        (buffer.baseAddress! + used).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        used += bytes.count
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    public func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Lets `body` format exactly `count` bytes in place in the buffer (a temporary one when
    /// `count` is larger than the buffer).
    @inline(__always)
    public func write(exactly count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) throws {
        if used + count > buffer.count { try flush() }
        if count > buffer.count {
            let big = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
            defer { big.deallocate() }
            body(big)
            try writeAll(UnsafeRawBufferPointer(big))
            return
        }
        body(UnsafeMutableRawBufferPointer(rebasing: buffer[used..<(used + count)]))
        used += count
    }

    public func flush() throws {
        guard used > 0 else { return }
        let n = used
        used = 0
        try writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
    }

    /// Flushes, syncs and moves the file into place. For standard output or a device, only flushes
    /// (and closes the device).
    public func commit() throws {
        guard !finished else { return }
        try flush()
        finished = true
        guard let temporaryPath else {
            if fd != STDOUT_FILENO { close(fd) }
            return
        }
        if fsync(fd) != 0 && errno != EINVAL {
            let e = errno
            close(fd)
            unlink(temporaryPath)
            throw IOError(path: path, operation: "sync", errno: e)
        }
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
        used = 0
        if let temporaryPath {
            close(fd)
            fd = -1
            unlink(temporaryPath)
        } else if fd != STDOUT_FILENO {
            close(fd)
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
        buffer.deallocate()
    }
}
