#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A body file written as chunks arrive (plain POSIX: the chunk goes straight from the network
/// buffer to the kernel).
final class SpoolFile {
    let path: String
    private var fd: Int32

    init(path: String) throws(SpoolError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SpoolError(path: path, operation: "create", errno: errno) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(SpoolError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw SpoolError(path: path, operation: "write", errno: errno)
            }
            offset += n
        }
    }

    func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}

/// The body file could not be written (a local problem: disk full, permissions), not worth a retry.
public struct SpoolError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var errno: Int32

    public var description: String { "\(path): cannot \(operation): \(String(cString: strerror(errno)))" }
}
