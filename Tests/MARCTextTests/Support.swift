import Foundation
import KatalogIO
import MARCRecord
import MARCText
import _KatalogTestSupport

/// Reads MARC-in-JSON bytes in chunks of `chunkSize` and returns everything the reader produced.
func readJSON(_ bytes: [UInt8], chunkSize: Int = 4096, mode: ReadMode = .lenient, name: String = "test.json")
    throws -> ReadOutcome
{
    var reader = MARCJSONReader(source: MemoryByteSource(bytes, chunkSize: chunkSize), fileName: name, mode: mode,
        chunkSize: chunkSize)
    return try readAll(&reader)
}

func readJSON(_ text: String, chunkSize: Int = 4096, mode: ReadMode = .lenient) throws -> ReadOutcome {
    try readJSON(Array(text.utf8), chunkSize: chunkSize, mode: mode)
}

/// Reads MARCBreaker bytes in chunks of `chunkSize`.
func readMRK(_ bytes: [UInt8], chunkSize: Int = 4096, mode: ReadMode = .lenient, name: String = "test.mrk")
    throws -> ReadOutcome
{
    var reader = MRKReader(source: MemoryByteSource(bytes, chunkSize: chunkSize), fileName: name, mode: mode,
        chunkSize: chunkSize)
    return try readAll(&reader)
}

func readMRK(_ text: String, chunkSize: Int = 4096, mode: ReadMode = .lenient) throws -> ReadOutcome {
    try readMRK(Array(text.utf8), chunkSize: chunkSize, mode: mode)
}

func fixture(_ name: String) throws -> [UInt8] {
    try Paths.bytes(Paths.fixture("text/\(name)"))
}

/// Runs a writer over records into a temporary file; returns the bytes and the writer's findings.
func write(_ records: [MARCRecord], with makeWriter: (OutputFile) -> any RecordWriter) throws -> ([UInt8], [Finding]) {
    let dir = Paths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out").path
    let output = try OutputFile(path: path)
    var writer = makeWriter(output)
    var findings: [Finding] = []
    for record in records { findings += try writer.write(record) }
    try writer.finish()
    try output.commit()
    return (try Paths.bytes(path), findings)
}

func writeJSON(_ records: [MARCRecord]) throws -> ([UInt8], [Finding]) {
    try write(records) { MARCJSONWriter(output: $0) }
}

func writeMRK(_ records: [MARCRecord], lineEnding: MRKWriter.LineEnding = .lf) throws -> ([UInt8], [Finding]) {
    try write(records) { MRKWriter(output: $0, lineEnding: lineEnding) }
}

extension ReadOutcome {
    var codes: [String] { findings.map(\.code.rawValue) }
    var controlNumbers: [String?] { records.map(\.controlNumber) }
}

extension MARCRecord {
    /// Every field as `TAG content`, with delimiters shown as `$` and blanks as they are: a readable form
    /// for comparing records and for failure messages.
    var lines: [String] {
        [String(decoding: leader.bytes, as: UTF8.self)] + fields.map { "\($0.tag) \($0.value)" }
    }
}

/// The three records of `Fixtures/text/`, built with the record API.
enum Sample {
    static let records: [MARCRecord] = {
        var r1 = MARCRecord(leader: Leader("00000nam a2200000 a 4500")!)
        r1.appendControlField("001", "kat00001")
        r1.appendControlField("008", "230101s2023    xx            000 0 eng d")
        r1.appendDataField("020", indicators: "  ", subfields: [("a", "9780000000002")])
        r1.appendDataField("100", indicators: "1 ", subfields: [("a", "Müller, Hans,"), ("d", "1950-")])
        r1.appendDataField("245", indicators: "10", subfields: [("a", "Café and 日本語 /"), ("c", "Hans Müller.")])
        r1.appendDataField("650", indicators: " 0", subfields: [("a", "Books"), ("x", "History.")])
        var r2 = MARCRecord(leader: Leader("00000nam a2200000 a 4500")!)
        r2.appendControlField("001", "kat00002")
        r2.appendDataField("245", indicators: "00",
            subfields: [("a", "The \"quoted\" title :"), ("b", "price $25 {approx.} C:\\path 📚")])
        r2.appendDataField("500", indicators: "  ", subfields: [("a", "Note.")])
        var r3 = MARCRecord(leader: Leader("00000cam  2200000 i 4500")!)
        r3.appendControlField("001", "kat00003")
        r3.appendDataField("245", indicators: "14", subfields: [("a", "The end.")])
        r3.appendDataField("700", indicators: "1 ", subfields: [("a", "Doe, Jane,"), ("e", "ed.")])
        return [r1, r2, r3]
    }()

    /// A record holding every byte value that needs care in a text format: structure bytes in control fields,
    /// control characters, the escaped characters of both formats, and bytes that are not UTF-8.
    static let awkward: MARCRecord = {
        var r = MARCRecord(leader: Leader("00000nam a2200000 a 4500")!)
        r.appendField("001", content: Array("   00038361".utf8) + [0x1F])
        r.appendField("005", content: Array("a\\b$c{d}e f".utf8) + [0x09, 0x0A, 0x0D, 0x7F])
        var content: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "$")]
        content += [0x1F, UInt8(ascii: "a")] + Array("{dollar} is \"$\", \\ is {bsol}; tab\there".utf8)
        content += [0x1F, UInt8(ascii: "b")] + Array("CR\r LF\n ESC\u{1B} DEL\u{7F} 📚 ".utf8)
        r.appendField("500", content: content)
        // MARC-8 acute before "A", a byte no encoding uses, and a UTF-8 sequence cut short.
        r.appendField("590", content: Array("  ".utf8) + [0x1F, UInt8(ascii: "a"), 0xE2, 0x41, 0xFF, 0xC3])
        return r
    }()
}
