import FuzzSupport
import KatalogIO
import MARCRecord
import MARCText

/// MARC-in-JSON reader (NDJSON, array, single object): lenient, strict with tiny chunks, and a
/// small frame limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    var lenient = MARCJSONReader(source: MemoryByteSource(input), fileName: "fuzz", mode: .lenient)
    drain({ () throws(ReadError) in try lenient.next() }, findings: { lenient.drainFindings() })
    var strict = MARCJSONReader(source: MemoryByteSource(input, chunkSize: 7), fileName: "fuzz", mode: .strict,
        chunkSize: 13)
    drain({ () throws(ReadError) in try strict.next() }, findings: { strict.drainFindings() })
    var limited = MARCJSONReader(source: MemoryByteSource(input, chunkSize: 64), fileName: "fuzz", mode: .lenient,
        chunkSize: 32, maxRecordBytes: 256)
    drain({ () throws(ReadError) in try limited.next() }, findings: { limited.drainFindings() })
    return 0
}
