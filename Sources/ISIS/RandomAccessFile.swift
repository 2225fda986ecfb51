#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KatalogIO

/// A file read at arbitrary offsets with `pread(2)`, through one read-ahead window so that records
/// met in MFN order (mostly ascending offsets) cost one system call per window, not per record.
/// Memory stays at the window size (plus the largest single request). `pread` rather than `mmap`:
/// a mapped file counts towards the resident set as it is read, a window does not.
final class RandomAccessFile {
    let path: String
    let size: Int64
    private let fd: Int32
    private let windowSize: Int
    /// The window lives behind a pointer, not in `var`s of the class: `withBytes` runs two or three
    /// times per record, and each access to a class `var` costs a dynamic exclusivity check.
    private let window: UnsafeMutablePointer<Window>

    private struct Window {
        var buffer: UnsafeMutableRawBufferPointer
        var start: Int64 = 0
        var count = 0
        var bytesRead: Int64 = 0
    }

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
        window = .allocate(capacity: 1)
        window.initialize(to: Window(buffer: UnsafeMutableRawBufferPointer(start: nil, count: 0)))
    }

    deinit {
        close(fd)
        window.pointee.buffer.deallocate()
        window.deinitialize(count: 1)
        window.deallocate()
    }

    /// Bytes fetched from the file so far (progress display).
    var bytesRead: Int64 { window.pointee.bytesRead }

    /// Calls `body` with the bytes at `offset ..< offset + count`, cut short at the end of the file
    /// (so the buffer may hold fewer than `count` bytes, or none). The bytes are the window's own:
    /// valid only inside `body`.
    @inline(__always)
    func withBytes<R>(at offset: Int64, count: Int, _ body: (UnsafeRawBufferPointer) -> R) throws(IOError) -> R {
        let wanted = Int(max(0, min(Int64(count), size - offset)))
        guard offset >= 0, wanted > 0 else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        if offset < window.pointee.start || offset + Int64(wanted) > window.pointee.start + Int64(window.pointee.count) {
            try fill(at: offset, atLeast: wanted)
        }
        let w = window.pointee
        let start = Int(offset - w.start)
        let available = max(0, min(wanted, w.count - start))
        return body(UnsafeRawBufferPointer(rebasing: w.buffer[start..<start + available]))
    }

    /// A copy of the bytes at `offset` (short at the end of the file).
    func bytes(at offset: Int64, count: Int) throws(IOError) -> [UInt8] {
        try withBytes(at: offset, count: count) { Array($0) }
    }

    private func fill(at offset: Int64, atLeast wanted: Int) throws(IOError) {
        let length = Int(min(Int64(max(windowSize, wanted)), size - offset))
        if window.pointee.buffer.count < length {
            window.pointee.buffer.deallocate()
            window.pointee.count = 0
            window.pointee.buffer = .allocate(byteCount: length, alignment: 16)
        }
        let buffer = window.pointee.buffer
        var filled = 0
        while filled < length {
            let n = pread(fd, buffer.baseAddress! + filled, length - filled, off_t(offset) + off_t(filled))
            if n < 0 {
                if errno == EINTR { continue }
                window.pointee.count = 0
                throw IOError(path: path, operation: "read", errno: errno)
            }
            if n == 0 { break }  // the file shrank under us: serve what is there
            filled += n
        }
        window.pointee.start = offset
        window.pointee.count = filled
        window.pointee.bytesRead += Int64(filled)
    }
}
