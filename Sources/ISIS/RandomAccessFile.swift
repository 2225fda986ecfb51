#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KatalogIO

/// A file read at arbitrary offsets with `pread(2)`, through one read-ahead window so that records
/// met in MFN order (mostly ascending offsets) cost one system call per window, not per record.
/// Memory stays at the window size (plus the largest single request).
final class RandomAccessFile {
    let path: String
    let size: Int64
    private let fd: Int32
    private var window: [UInt8]
    private var windowStart: Int64 = 0
    private var windowCount = 0
    private let windowSize: Int
    /// Bytes fetched from the file so far (progress display).
    private(set) var bytesRead: Int64 = 0

    init(path: String, windowSize: Int = 256 << 10) throws(IOError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IOError(path: path, operation: "open for reading", errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let e = errno
            close(fd)
            throw IOError(path: path, operation: "stat", errno: e)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw IOError(path: path, operation: "read a directory as a master file", errno: EISDIR)
        }
        self.fd = fd
        size = Int64(info.st_size)
        self.windowSize = max(512, windowSize)
        window = []
    }

    deinit { close(fd) }

    /// Calls `body` with the bytes at `offset ..< offset + count`, cut short at the end of the file
    /// (so the buffer may hold fewer than `count` bytes, or none).
    func withBytes<R>(at offset: Int64, count: Int, _ body: (UnsafeRawBufferPointer) -> R) throws(IOError) -> R {
        let wanted = Int(max(0, min(Int64(count), size - offset)))
        guard offset >= 0, wanted > 0 else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        if offset < windowStart || offset + Int64(wanted) > windowStart + Int64(windowCount) {
            try fill(at: offset, atLeast: wanted)
        }
        let start = Int(offset - windowStart)
        let available = max(0, min(wanted, windowCount - start))
        return window.withUnsafeBytes { all in body(UnsafeRawBufferPointer(rebasing: all[start..<start + available])) }
    }

    /// A copy of the bytes at `offset` (short at the end of the file).
    func bytes(at offset: Int64, count: Int) throws(IOError) -> [UInt8] {
        try withBytes(at: offset, count: count) { Array($0) }
    }

    private func fill(at offset: Int64, atLeast wanted: Int) throws(IOError) {
        let length = Int(min(Int64(max(windowSize, wanted)), size - offset))
        if window.count < length { window = [UInt8](repeating: 0, count: length) }
        var filled = 0
        while filled < length {
            let n = window.withUnsafeMutableBytes { buf in
                pread(fd, buf.baseAddress! + filled, length - filled, off_t(offset) + off_t(filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                windowCount = 0
                throw IOError(path: path, operation: "read", errno: errno)
            }
            if n == 0 { break }  // the file shrank under us: serve what is there
            filled += n
        }
        windowStart = offset
        windowCount = filled
        bytesRead += Int64(filled)
    }
}
