#if canImport(Glibc)
import Glibc
#endif
import Foundation
import KatalogIO

/// A gzip file the record writers can write to as they write to any `OutputFile`.
///
/// The writers (ISO 2709, MARCXML, MARC-in-JSON) format into an `OutputFile`; to compress without
/// touching them, `input` is an `OutputFile` on the write end of a pipe (opened through `/dev/fd`, a
/// FIFO to `OutputFile`, which writes to it directly), and a thread of its own reads the other end,
/// deflates and writes to `destination`, the atomic output file. Memory stays at two buffers, and
/// compression runs on the second core beside the formatting.
///
/// The pump thread drains the pipe to its end even after a failure, so a writer never blocks on a
/// full pipe; the failure is reported by `commit()`.
final class GzipPipe {
    /// What the record writer writes to.
    let input: OutputFile
    private let destination: OutputFile
    private let pump: Pump
    private var finished = false

    init(destination: OutputFile, level: Int32) throws(DumpError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw DumpError(.io, path: destination.path, "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        // Close-on-exec: a child process started meanwhile (tests run yaz) must not hold the write
        // end open, or the pump would never see the end of the stream. (Glibc's pipe2 is not visible
        // to Swift; the reopened write end below is O_CLOEXEC already.)
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        do {
            input = try OutputFile(path: "/dev/fd/\(fds[1])")
        } catch {
            close(fds[0])
            close(fds[1])
            throw DumpError(.io, path: destination.path, "cannot open the compression pipe: \(error)")
        }
        close(fds[1])
        let deflater: GzipDeflater
        do { deflater = try GzipDeflater(output: destination, level: level) } catch {
            input.discard()
            close(fds[0])
            throw error
        }
        self.destination = destination
        pump = Pump(readEnd: fds[0], deflater: deflater, path: destination.path)
        let pump = pump
        let thread = Thread { pump.run() }
        thread.name = "katalog-gzip"
        thread.start()
    }

    /// Ends the stream, waits for the pump and moves the file into place.
    func commit() throws {
        guard !finished else { return }
        finished = true
        do {
            try input.commit()  // the last bytes, then the write end closes: the pump sees the end
        } catch {
            pump.wait()
            destination.discard()
            throw error
        }
        pump.wait()
        if let failure = pump.failure {
            destination.discard()
            throw failure
        }
        try destination.commit()
    }

    /// Abandons the file: nothing appears under the final name.
    func discard() {
        guard !finished else { return }
        finished = true
        input.discard()
        pump.wait()
        destination.discard()
    }

    deinit { discard() }
}

/// The compressing side of the pipe. It owns the deflater (and through it writes to the destination)
/// from `run()` until `wait()` returns; only then does anyone else look at `failure` or the
/// destination, which is why the unchecked `Sendable` is safe.
private final class Pump: @unchecked Sendable {
    private let readEnd: Int32
    private let deflater: GzipDeflater
    private let path: String
    private let done = DispatchSemaphore(value: 0)
    private var waited = false
    private(set) var failure: (any Error)?

    init(readEnd: Int32, deflater: GzipDeflater, path: String) {
        self.readEnd = readEnd
        self.deflater = deflater
        self.path = path
    }

    func run() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 17, alignment: 16)
        defer {
            buffer.deallocate()
            close(readEnd)
            done.signal()
        }
        var failed: (any Error)?
        while true {
            let n = read(readEnd, buffer.baseAddress, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                failed = failed ?? DumpError(.io, path: path, "reading the compression pipe: \(String(cString: strerror(errno)))")
                break
            }
            if n == 0 { break }
            guard failed == nil else { continue }  // drain, so the writer never blocks
            do { try deflater.write(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) } catch { failed = error }
        }
        if failed == nil {
            do { try deflater.finish() } catch { failed = error }
        }
        failure = failed
    }

    func wait() {
        guard !waited else { return }
        waited = true
        done.wait()
    }
}
