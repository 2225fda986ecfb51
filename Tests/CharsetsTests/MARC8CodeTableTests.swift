import _KatalogTestSupport
import Charsets
import Foundation
import Synchronization
import Testing

/// Checks the generated tables against the code table XML itself, entry by entry, so a generator
/// bug cannot hide behind a hand-picked sample. Skips when ../shared/corpus is absent.
@Suite(.enabled(if: Paths.hasCorpus, "needs ../shared/corpus"))
struct MARC8CodeTableTests {
    @Test func tableHasTheExpectedEntries() throws {
        let entries = try CodeTableXML.load("charsets/marc8-codetables.xml")
        #expect(entries.count == 16_398)
        #expect(Set(entries.map(\.final)).count == 12)
    }

    @Test func everyMappingDecodes() throws {
        var failures: [String] = []
        for entry in try CodeTableXML.load("charsets/marc8-codetables.xml") {
            for bytes in entry.marc8Encodings() {
                let result = MARC8Codec.decode(bytes)
                let expected = entry.expectedUTF8(afterBase: entry.isCombining)
                if result.bytes != expected || !result.issues.isEmpty {
                    failures.append("\(entry) from \(bytes.hex): \(result.text.debugDescription) \(result.issues.map(\.kind))")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test func everyMappingEncodesAndComesBack() throws {
        var failures: [String] = []
        var seen = Set<UInt32>()
        for entry in try CodeTableXML.load("charsets/marc8-codetables.xml") where entry.code > 0x20 {
            guard seen.insert(entry.scalar).inserted else { continue }
            let text = entry.expectedUTF8(afterBase: entry.isCombining)
            let encoded = MARC8Codec.encode(text)
            let decoded = MARC8Codec.decode(encoded.bytes)
            if decoded.bytes != text || !encoded.issues.isEmpty {  // a reference always comes with an issue
                failures.append("\(entry): \(encoded.bytes.hex) → \(decoded.text.debugDescription)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        #expect(seen.count > 15_000)
    }

    @Test func everyISO5426MappingDecodesAndEncodes() throws {
        var failures: [String] = []
        let entries = try CodeTableXML.load("charsets/iso5426-codetables.xml")
        #expect(entries.count == 176)
        for entry in entries {
            let bytes = entry.isCombining ? [UInt8(entry.code), 0x61] : [UInt8(entry.code)]
            let decoded = MARC8Codec.decode5426(bytes)
            let expected = entry.expectedUTF8(afterBase: entry.isCombining)
            if decoded.bytes != expected || !decoded.issues.isEmpty {
                failures.append("decode \(entry): \(decoded.text.debugDescription)")
            }
            guard entry.code > 0x20 else { continue }
            let encoded = MARC8Codec.encode5426(String(decoding: expected, as: UTF8.self))
            if MARC8Codec.decode5426(encoded.bytes).bytes != expected || !encoded.issues.isEmpty {
                failures.append("encode \(entry): \(encoded.bytes.hex)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }
}

/// One `<code>` of a code table XML file, read with plain string scanning (the shape is regular).
struct CodeTableXML: CustomStringConvertible {
    var final: UInt8
    var code: UInt32
    var width: Int
    var ucs: UInt32?
    var alt: UInt32?
    var isCombining: Bool

    /// What the decoders give: `<ucs>`, except the double-diacritic halves, which decode to LC's
    /// U+FE20-U+FE23 (given as `<alt>`).
    var scalar: UInt32 {
        if let alt, (0xFE20...0xFE23).contains(alt) { return alt }
        return ucs ?? alt ?? 0xFFFD
    }

    var description: String { "set \(final.hex) code \(String(code, radix: 16)) U+\(String(scalar, radix: 16))" }

    /// The UTF-8 the decoder should produce; a mark is decoded with an `a` after it as its base.
    func expectedUTF8(afterBase: Bool) -> [UInt8] {
        var text = afterBase ? "a" : ""
        text.unicodeScalars.append(Unicode.Scalar(scalar)!)
        return Array(text.utf8)
    }

    /// Ways to write this entry in MARC-8: in G0 and, for 94-character sets, in G1 too; a mark is
    /// followed by an ASCII `a` (after switching back) to sit on.
    func marc8Encodings() -> [[UInt8]] {
        let esc: UInt8 = 0x1B
        let tail: [UInt8] = isCombining ? [esc, 0x28, 0x42, 0x61] : [esc, 0x28, 0x42]
        switch final {
        case 0x42:
            return code == 0x1B ? [] : [[UInt8(code)]]
        case 0x45 where code >= 0x80:
            return [[UInt8(code)] + (isCombining ? [0x61] : [])]
        case 0x62, 0x70, 0x67:
            return [[esc, final, UInt8(code), esc, 0x73] + (isCombining ? [0x61] : [])]
        case 0x31:
            let bytes = [UInt8(code >> 16), UInt8(code >> 8 & 0xFF), UInt8(code & 0xFF)]
            return [[esc, 0x24, 0x31] + bytes + tail, [esc, 0x24, 0x29, 0x31] + bytes.map { $0 | 0x80 } + [esc, 0x29, 0x21, 0x45]]
        default:
            let low = UInt8(code & 0x7F)
            return [[esc, 0x28, final, low] + tail,
                    [esc, 0x29, final, low | 0x80, esc, 0x29, 0x21, 0x45] + (isCombining ? [0x61] : [])]
        }
    }

    static func load(_ relative: String) throws -> [CodeTableXML] {
        if let cached = cache.withLock({ $0[relative] }) { return cached }
        let entries = try parse(relative)
        cache.withLock { $0[relative] = entries }
        return entries
    }

    private static let cache = Mutex<[String: [CodeTableXML]]>([:])

    private static func parse(_ relative: String) throws -> [CodeTableXML] {
        let path = try #require(Paths.corpusFile(relative))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var entries: [CodeTableXML] = []
        for set in text.components(separatedBy: "<characterSet").dropFirst() {
            let final = UInt8(set.between("ISOcode=\"", "\"").flatMap { UInt32($0, radix: 16) } ?? 0)
            for code in set.components(separatedBy: "<code>").dropFirst() {
                guard let marc = code.between("<marc>", "</marc>") else { continue }
                entries.append(CodeTableXML(
                    final: final, code: UInt32(marc, radix: 16) ?? 0, width: marc.count / 2,
                    ucs: code.between("<ucs>", "</ucs>").flatMap { UInt32($0, radix: 16) },
                    alt: code.between("<alt>", "</alt>").flatMap { UInt32($0, radix: 16) },
                    isCombining: code.contains("<isCombining>true</isCombining>")))
            }
        }
        return entries
    }
}

extension String {
    fileprivate func between(_ start: String, _ end: String) -> String? {
        guard let lower = range(of: start), let upper = range(of: end, range: lower.upperBound..<endIndex) else {
            return nil
        }
        return String(self[lower.upperBound..<upper.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension BinaryInteger {
    fileprivate var hex: String { String(self, radix: 16, uppercase: true) }
}

extension Array where Element == UInt8 {
    fileprivate var hex: String { map { $0 < 0x10 ? "0" + $0.hex : $0.hex }.joined(separator: " ") }
}
