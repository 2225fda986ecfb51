import FuzzSupport
import KatalogIO
import MARCRecord
import MARCXML

/// MARCXML reader (libxml2 SAX2 on its own thread): lenient with one chunk, strict with tiny chunks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    var lenient = MARCXMLReader(source: MemoryByteSource(input), fileName: "fuzz", mode: .lenient)
    drain({ () throws(ReadError) in try lenient.next() }, findings: { lenient.drainFindings() })
    var strict = MARCXMLReader(source: MemoryByteSource(input, chunkSize: 11), fileName: "fuzz", mode: .strict,
        chunkSize: 11)
    drain({ () throws(ReadError) in try strict.next() }, findings: { strict.drainFindings() })
    return 0
}
