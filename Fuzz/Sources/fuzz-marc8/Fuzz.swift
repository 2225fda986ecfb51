import Charsets
import FuzzSupport
import MARCRecord

/// MARC-8 decoder: the whole input as one field, then each 0x1E-separated piece as its own field.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let decoder = MARC8Decoder()
    var output: [UInt8] = []
    var issues: [CharsetIssue] = []
    input.withUnsafeBufferPointer { decoder.decode($0, into: &output, issues: &issues) }
    // The output must be well-formed UTF-8 whatever the input.
    precondition(String(validating: output, as: UTF8.self) != nil, "MARC-8 decoder wrote invalid UTF-8")
    for piece in input.split(separator: 0x1E, omittingEmptySubsequences: false) {
        output.removeAll(keepingCapacity: true)
        issues.removeAll(keepingCapacity: true)
        Array(piece).withUnsafeBufferPointer { decoder.decode($0, into: &output, issues: &issues) }
        precondition(String(validating: output, as: UTF8.self) != nil, "MARC-8 decoder wrote invalid UTF-8")
    }
    return 0
}
