import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import MARCXML
import _KatalogTestSupport

func readXML(_ bytes: [UInt8], chunkSize: Int = 4096, mode: ReadMode = .lenient, name: String = "test.xml")
    throws -> ReadOutcome
{
    var reader = MARCXMLReader(source: MemoryByteSource(bytes, chunkSize: chunkSize), fileName: name, mode: mode,
        chunkSize: chunkSize)
    return try readAll(&reader)
}

func readXMLFixture(_ name: String, chunkSize: Int = 4096, mode: ReadMode = .lenient) throws -> ReadOutcome {
    try readXML(Paths.bytes(Paths.fixture("marcxml/\(name)")), chunkSize: chunkSize, mode: mode, name: name)
}

func readISOFile(_ path: String) throws -> ReadOutcome {
    var reader = ISO2709Reader(source: try FileByteSource(path: path), fileName: path)
    return try readAll(&reader)
}

/// Writes records as MARCXML and returns the bytes and the writer's findings.
func writeXML(_ records: [MARCRecord]) throws -> ([UInt8], [Finding]) {
    let dir = Paths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out.xml").path
    let output = try OutputFile(path: path)
    var writer = MARCXMLWriter(output: output)
    var findings: [Finding] = []
    for record in records { findings += try writer.write(record) }
    try writer.finish()
    try output.commit()
    return (try Paths.bytes(path), findings)
}

extension ReadOutcome {
    var codes: [String] { findings.map(\.code.rawValue) }
    var controlNumbers: [String?] { records.map(\.controlNumber) }
}
