public import Foundation
public import ISO2709
public import KatalogIO
public import MARCRecord

/// Reads ISO 2709 bytes in chunks of `chunkSize` and returns everything the reader produced.
public func readISO(_ bytes: [UInt8], chunkSize: Int = 4096, mode: ReadMode = .lenient, name: String = "test.mrc")
    throws -> ReadOutcome
{
    var reader = ISO2709Reader(source: MemoryByteSource(bytes, chunkSize: chunkSize), fileName: name, mode: mode,
        chunkSize: chunkSize)
    return try readAll(&reader)
}

/// Writes records with the ISO 2709 writer and returns the bytes and the writer's findings.
public func writeISO(_ records: [MARCRecord], oversize: OversizePolicy = .refuse) throws -> ([UInt8], [Finding]) {
    let dir = Paths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out.mrc").path
    let output = try OutputFile(path: path)
    var writer = ISO2709Writer(output: output, oversize: oversize)
    var findings: [Finding] = []
    for record in records { findings += try writer.write(record) }
    try writer.finish()
    try output.commit()
    return (try Paths.bytes(path), findings)
}
