#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib
import KatalogIO

/// Reads a file through zlib's `gzread`, which passes plain files through unchanged: a body that is
/// gzip'd without saying so (metha has met such providers) reads like any other.
final class GzipFileByteSource: ByteSource {
    private let path: String
    private var file: gzFile?

    init(path: String) throws(IOError) {
        self.path = path
        file = gzopen(path, "rb")
        guard file != nil else { throw IOError(path: path, operation: "open", errno: errno) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let file, buffer.count > 0 else { return 0 }
        let n = gzread(file, buffer.baseAddress, UInt32(min(buffer.count, 1 << 30)))
        // A gzip stream cut short reads as the end of the body: the XML parser then reports the page as
        // truncated, which is what it is.
        return n < 0 ? 0 : Int(n)
    }

    deinit { if let file { gzclose(file) } }
}

/// Writes a file gzip'd (the raw pages kept by the directory sink).
enum Gzip {
    /// Copies `source` into `destination` gzip'd.
    static func compress(file source: String, to destination: String) throws(IOError) {
        guard let input = fopen(source, "rb") else { throw IOError(path: source, operation: "open", errno: errno) }
        defer { fclose(input) }
        guard let output = gzopen(destination, "wb6") else {
            throw IOError(path: destination, operation: "create", errno: errno)
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, input) }
            if n == 0 { break }
            let written = buffer.withUnsafeBytes { gzwrite(output, $0.baseAddress, UInt32(n)) }
            if written != Int32(n) {
                gzclose(output)
                throw IOError(path: destination, operation: "write", errno: errno)
            }
        }
        guard gzclose(output) == Z_OK else { throw IOError(path: destination, operation: "close", errno: errno) }
    }
}
