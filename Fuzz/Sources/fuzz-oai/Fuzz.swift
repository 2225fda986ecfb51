import FuzzSupport
import KatalogIO
import MARCRecord
import MARCXML

/// OAI-PMH responses: the Dublin Core reader (ListRecords/GetRecord with oai_dc), lenient and
/// strict, and the MARCXML reader, which also reads MARC records inside OAI envelopes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    var lenient = DublinCoreXMLReader(source: MemoryByteSource(input), fileName: "fuzz", mode: .lenient)
    drain({ () throws(ReadError) in try lenient.next() }, findings: { lenient.drainFindings() })
    var strict = DublinCoreXMLReader(source: MemoryByteSource(input, chunkSize: 11), fileName: "fuzz",
        mode: .strict, chunkSize: 11)
    drain({ () throws(ReadError) in try strict.next() }, findings: { strict.drainFindings() })
    var marc = MARCXMLReader(source: MemoryByteSource(input, chunkSize: 64), fileName: "fuzz", mode: .lenient,
        chunkSize: 64)
    drain({ () throws(ReadError) in try marc.next() }, findings: { marc.drainFindings() })
    return 0
}
