import FuzzSupport
import ISIS
import KatalogIO
import MARCRecord

/// ISIS ISO export reader, lenient and strict (tiny chunks, leader positions as 3000-range fields),
/// and the mapping to MARC 21 (`isismarc` profile) on top of the lenient one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    var lenient = ISISISOReader(source: MemoryByteSource(input), fileName: "fuzz", mode: .lenient)
    drain({ () throws(ReadError) in try lenient.next() }, findings: { lenient.drainFindings() })
    var strict = ISISISOReader(source: MemoryByteSource(input, chunkSize: 7), fileName: "fuzz", mode: .strict,
        leaderTagBase: 3000, chunkSize: 13)
    drain({ () throws(ReadError) in try strict.next() }, findings: { strict.drainFindings() })
    return 0
}
