import FuzzSupport
import ISO2709
import KatalogIO
import MARCRecord

/// ISO 2709 reader: lenient with the default chunk size, then strict with tiny chunks (so records
/// straddle every chunk boundary) and a small frame limit (so the limit path is reached).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    var lenient = ISO2709Reader(source: MemoryByteSource(input), fileName: "fuzz", mode: .lenient, chunkSize: 4096)
    drain({ () throws(ReadError) in try lenient.next() }, findings: { lenient.drainFindings() })
    var strict = ISO2709Reader(source: MemoryByteSource(input, chunkSize: 7), fileName: "fuzz", mode: .strict,
        chunkSize: 13)
    drain({ () throws(ReadError) in try strict.next() }, findings: { strict.drainFindings() })
    var limited = ISO2709Reader(source: MemoryByteSource(input, chunkSize: 64), fileName: "fuzz", mode: .lenient,
        chunkSize: 32, maxRecordBytes: 256)
    drain({ () throws(ReadError) in try limited.next() }, findings: { limited.drainFindings() })
    return 0
}
