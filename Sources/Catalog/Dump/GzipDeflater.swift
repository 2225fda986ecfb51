import CZlib
import KatalogIO

/// zlib's deflate writing the gzip format (RFC 1952) to an output, a buffer at a time.
///
/// The gzip header zlib writes has no file name and a modification time of 0, so the same records
/// give the same compressed bytes on every run.
final class GzipDeflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let out: UnsafeMutableRawBufferPointer
    private let output: OutputFile
    private var ended = false

    /// - Parameter level: 1 (fastest) … 9 (smallest); 6 is zlib's default balance.
    init(output: OutputFile, level: Int32 = 6) throws(DumpError) {
        self.output = output
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        out = .allocate(byteCount: 1 << 17, alignment: 16)
        // windowBits 15 + 16: the gzip wrapper instead of zlib's. deflateInit2 is a macro Swift cannot
        // call; this is what it expands to.
        let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            out.deallocate()
            stream.deallocate()
            throw DumpError(.compression, path: output.path, "deflateInit2 failed (zlib status \(status))")
        }
    }

    /// Compresses `bytes` and writes whatever deflate hands back.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        try run(flush: Z_NO_FLUSH)
    }

    /// Ends the stream: the last compressed bytes and the gzip trailer (CRC-32 and length).
    func finish() throws {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        try run(flush: Z_FINISH)
        end()
    }

    private func run(flush: Int32) throws {
        repeat {
            stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(out.count)
            let status = deflate(stream, flush)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw DumpError(.compression, path: output.path, "deflate failed (zlib status \(status))")
            }
            let produced = out.count - Int(stream.pointee.avail_out)
            if produced > 0 { try output.write(UnsafeRawBufferPointer(rebasing: out[0..<produced])) }
            if flush == Z_FINISH && status == Z_STREAM_END { return }
            // Without Z_FINISH, deflate is done with the input once it leaves room in the output.
            if flush != Z_FINISH && stream.pointee.avail_out != 0 { return }
        } while true
    }

    private func end() {
        guard !ended else { return }
        ended = true
        deflateEnd(stream)
    }

    deinit {
        end()
        out.deallocate()
        stream.deallocate()
    }
}
