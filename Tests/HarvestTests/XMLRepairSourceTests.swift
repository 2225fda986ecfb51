@testable import Harvest
import KatalogIO
import Synchronization
import Testing

/// The byte repairs a page gets on its way to the XML parser, whatever the chunk sizes of the body and
/// of the repair buffer: against a one-byte-at-a-time reference written here from the rules.
struct XMLRepairSourceTests {
    /// XML 1.0 forbids C0 controls but tab, LF and CR, and U+FFFE/U+FFFF: they become a blank / U+FFFD.
    /// A byte that does not start a valid UTF-8 sequence is read as Windows-1252.
    static func reference(_ input: [UInt8]) -> (bytes: [UInt8], illegal: Int, invalid: Int) {
        var out: [UInt8] = [], illegal = 0, invalid = 0
        var i = 0
        while i < input.count {
            let b = input[i]
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                out.append(0x20); illegal += 1; i += 1; continue
            }
            if b < 0x80 { out.append(b); i += 1; continue }
            // Decode with the standard library, one scalar at a time, from a copy of the next four bytes.
            let window = Array(input[i..<min(i + 4, input.count)])
            var iterator = window.makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                let length = String(scalar).utf8.count
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += [0xEF, 0xBF, 0xBD]; illegal += 1
                } else {
                    out += input[i..<(i + length)]
                }
                i += length
                continue
            }
            let cp1252: [UInt8: Character] = [0x80: "€", 0x93: "“", 0x94: "”", 0x81: "\u{FFFD}"]
            let character = cp1252[b] ?? (b >= 0xA0 ? Character(Unicode.Scalar(b)) : "?")
            out += Array(String(character).utf8)
            invalid += 1
            i += 1
        }
        return (out, illegal, invalid)
    }

    static let sample: [UInt8] = {
        var bytes = Array(#"<?xml version="1.0" encoding="UTF-8"?><OAI-PMH><title>"#.utf8)
        bytes += Array("Café Ñandú — 漢字 𝄞 plain ascii text that runs for a while ".utf8)
        bytes += [0x01, 0x1F, 0x09, 0x0A, 0x0D]  // two illegal controls, three allowed ones
        bytes += [0xE9, 0x20, 0x93, 0x71, 0x94, 0x80, 0x81]  // Latin-1 / Windows-1252 bytes
        bytes += [0xEF, 0xBF, 0xBE, 0xEF, 0xBF, 0xBF]  // U+FFFE, U+FFFF
        bytes += [0xC3]  // a lead byte followed by ASCII
        bytes += Array("x and a truncated sequence at the very end".utf8)
        bytes += [0xE6, 0xBC]
        return bytes
    }()

    @Test(arguments: [1, 2, 3, 5, 7, 8, 9, 16, 1 << 16])
    func repairsTheSameWhateverTheChunking(chunk: Int) throws {
        let expected = Self.reference(Self.sample)
        for bodyChunk in [1, 3, 4096] {
            let tally = RepairTally()
            var source = XMLRepairSource(base: MemoryByteSource(Self.sample, chunkSize: bodyChunk), tally: tally,
                chunkSize: chunk)
            var out: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 11)
            while true {
                let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { break }
                out += buffer[0..<n]
            }
            let counts = tally.counts.withLock { $0 }
            #expect(out == expected.bytes, "chunk \(chunk)/\(bodyChunk)")
            #expect(counts.illegalCharacters == expected.illegal)
            #expect(counts.invalidUTF8 == expected.invalid)
        }
        #expect(expected.illegal == 4)
        #expect(expected.invalid == 8)
    }

    @Test func aPageDeclaringAnotherEncodingPassesUntouched() throws {
        let bytes = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><a>"#.utf8) + [0xE9, 0x01]
        var source = XMLRepairSource(base: MemoryByteSource(bytes), tally: RepairTally())
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        #expect(Array(buffer[0..<n]) == bytes)
    }
}
