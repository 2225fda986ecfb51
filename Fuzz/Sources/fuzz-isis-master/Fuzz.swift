#if canImport(Glibc)
import Glibc
#endif
import FuzzSupport
import ISIS
import KatalogIO
import MARCRecord

/// ISIS master file + cross-reference file. The fuzz input carries both: a 4-byte little-endian
/// length, that many bytes of `.xrf`, then the `.mst` (Scripts/fuzz builds the seeds so). They are
/// written to a private directory (under /dev/shm when there is one) because the reader reads files
/// at offsets with pread. Read lenient (mapped to MARC 21 through the guessed profile) and strict,
/// with logically deleted records included.
private let directory: String = {
    let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    let dir = "\(base)/katalog-fuzz-isis-\(getpid())"
    mkdir(dir, 0o700)
    atexit {
        let dir = "\(access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp")/katalog-fuzz-isis-\(getpid())"
        unlink(dir + "/db.mst")
        unlink(dir + "/db.xrf")
        rmdir(dir)
    }
    return dir
}()

private func write(_ bytes: ArraySlice<UInt8>, to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0, "cannot write \(path)")
    bytes.withUnsafeBytes { raw in
        var done = 0
        while done < raw.count {
            let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
            precondition(n > 0, "cannot write \(path)")
            done += n
        }
    }
    close(fd)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard input.count >= 4 else { return 0 }
    let declared = Int(input[0]) | Int(input[1]) << 8 | Int(input[2]) << 16 | Int(input[3]) << 24
    let xrfCount = min(declared, input.count - 4)
    let mstPath = directory + "/db.mst"
    write(input[4..<4 + xrfCount], to: directory + "/db.xrf")
    write(input[(4 + xrfCount)...], to: mstPath)

    if let master = try? ISISMasterReader(path: mstPath, fileName: "fuzz.mst", mode: .lenient) {
        var marc = ISISMARCReader(source: master, fileName: "fuzz.mst", mode: .lenient, sampleSize: 50)
        drain({ () throws(ReadError) in try marc.next() }, findings: { marc.drainFindings() })
    }
    if var strict = try? ISISMasterReader(path: mstPath, fileName: "fuzz.mst", mode: .strict,
        includeLogicallyDeleted: true)
    {
        drain({ () throws(ReadError) in try strict.next() }, findings: { strict.drainFindings() })
    }
    return 0
}
