import FuzzSupport
import KatalogIO
import MARCRecord
import MARCText

/// MARCBreaker `.mrk` reader: lenient, strict with tiny chunks, and a small line limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    var lenient = MRKReader(source: MemoryByteSource(input), fileName: "fuzz", mode: .lenient)
    drain({ () throws(ReadError) in try lenient.next() }, findings: { lenient.drainFindings() })
    var strict = MRKReader(source: MemoryByteSource(input, chunkSize: 7), fileName: "fuzz", mode: .strict,
        chunkSize: 13)
    drain({ () throws(ReadError) in try strict.next() }, findings: { strict.drainFindings() })
    var limited = MRKReader(source: MemoryByteSource(input, chunkSize: 64), fileName: "fuzz", mode: .lenient,
        chunkSize: 32, maxLineBytes: 64)
    drain({ () throws(ReadError) in try limited.next() }, findings: { limited.drainFindings() })
    return 0
}
