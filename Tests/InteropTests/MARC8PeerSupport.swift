import Charsets
import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import MARCText
import MARCXML
import Testing
import _KatalogTestSupport

/// The text of one record, field by field and subfield by subfield, for comparing decoders.
struct DecodedRecord: Equatable {
    /// (tag, subfield code or "" for a control field, value) in record order.
    var cells: [Cell]

    struct Cell: Equatable, CustomStringConvertible {
        var tag: String
        var code: String
        var value: String
        /// The first subfield of its field (two fields with the same tag follow each other).
        var isFirstOfField = false
        var description: String { "\(tag)$\(code) \(value.debugDescription)" }
    }

    /// Takes a record already in UTF-8 and normalizes every value to NFC.
    init(_ record: MARCRecord) {
        var normalized = record
        _ = RecordTranscoder(input: .utf8, form: .nfc).transcode(&normalized)
        cells = []
        for field in normalized.fields {
            if field.isControlField {
                cells.append(Cell(tag: field.tag.description, code: "", value: field.value))
            } else {
                for (n, sub) in field.subfields.enumerated() {
                    cells.append(Cell(tag: field.tag.description, code: String(UnicodeScalar(sub.code)),
                        value: sub.string, isFirstOfField: n == 0))
                }
            }
        }
    }
}

/// A place where a peer decoded MARC-8 differently from us.
struct Disagreement: CustomStringConvertible {
    var file: String
    var record: Int
    var peer: String
    var ours: DecodedRecord.Cell? = nil
    var theirs: DecodedRecord.Cell? = nil
    var description: String {
        "\(file) record \(record) vs \(peer): ours \(ours?.description ?? "-") theirs \(theirs?.description ?? "-")"
    }
}

enum MARC8Peers {
    /// Why a disagreement is not a bug of ours: each class is settled against the LC code table or
    /// the project's policy in a test of its own (MARC8SettledTests), or nil when it is unexplained.
    static func settlement(_ d: Disagreement) -> String? {
        guard let ours = d.ours?.value, let theirs = d.theirs?.value, d.ours?.tag == d.theirs?.tag else { return nil }
        // yaz trusts leader/09 = 'a' over `-f MARC-8` and empties every subfield that is not UTF-8.
        if theirs.isEmpty { return "peer empties subfields of a MARC-8 record labelled UTF-8" }
        // Peers drop bytes they cannot map; we write U+FFFD and report them (never silently lost).
        if ours.replacingOccurrences(of: "\u{FFFD}", with: "") == theirs { return "peer drops unmapped bytes" }
        // LC's lossless rule: &#xXXXX; in MARC-8 is the character; yaz leaves the text.
        if decodeReferences(theirs) == ours { return "peer leaves numeric character references" }
        // A broken escape (ESC with no valid sequence after it): MARC::Charset keeps ESC and what
        // follows as text, putting a control character into UTF-8 output; we drop the ESC (and a
        // cut-short sequence) and report it.
        if withoutEscapes(theirs) == withoutEscapes(ours) { return "peer keeps broken escapes as text" }
        // Punctuation written in a G0 set that lacks it (Greek has no ':' or ','): yaz drops the
        // byte, we read it as the ASCII character the cataloguer meant and report it.
        let punctuation = Set(":;,./?!'\"()[]-".unicodeScalars)
        func unpunctuated(_ s: String) -> String { String(String.UnicodeScalarView(s.unicodeScalars.filter { !punctuation.contains($0) })) }
        if unpunctuated(ours.replacingOccurrences(of: "\u{FFFD}", with: "")) == unpunctuated(theirs) {
            return "peer drops punctuation the G0 set lacks"
        }
        // A field left in Greek where Latin was meant: the peer drops what the Greek set lacks,
        // we map what it has per the LC table and read the rest as ASCII; their text is ours
        // with characters taken out.
        if isSubsequence(theirs, of: ours) { return "peer drops characters of a set left in force" }
        return nil
    }

    static func withoutEscapes(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var skipping = false
        for scalar in s.unicodeScalars {
            if scalar.value == 0x1B {
                skipping = true
                continue
            }
            if skipping && "$(),-!".unicodeScalars.contains(scalar) { continue }
            skipping = false
            out.append(scalar)
        }
        return String(out)
    }

    static func isSubsequence(_ a: String, of b: String) -> Bool {
        let x = Array(UnicodeNormalizer.nfd(a).unicodeScalars)
        let y = Array(UnicodeNormalizer.nfd(b).unicodeScalars)
        var i = 0
        for scalar in y where i < x.count && x[i] == scalar { i += 1 }
        return i == x.count
    }

    static func isSettled(_ d: Disagreement) -> Bool { settlement(d) != nil }

    /// `&#xXXXX;` replaced by the character, as LC's rule reads them.
    static func decodeReferences(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "&#x") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            if let semi = after.firstIndex(of: ";"), let value = UInt32(after[..<semi], radix: 16),
                let scalar = UnicodeScalar(value)
            {
                out.unicodeScalars.append(scalar)
                rest = after[after.index(after: semi)...]
            } else {
                out += "&#x"
                rest = after
            }
        }
        return (out + rest).precomposedLike
    }

    static let yaz = "/usr/bin/yaz-marcdump"
    static var perlScript: String { Paths.root.appendingPathComponent("Scripts/marc8-peer.pl").path }
    static var hasMARCCharset: Bool {
        (try? run("/usr/bin/perl", ["-MMARC::Charset", "-MMARC::Batch", "-e", "1"]).status) == 0
    }

    /// Every ISO 2709 file under corpus/marc holding at least one record our detector calls MARC-8,
    /// with the numbers (0-based) of those records.
    static func marc8Files() throws -> [(path: String, records: [MARCRecord], marc8: [Int])] {
        if let cached = cachedFiles { return cached }
        let found = try findMARC8Files()
        cachedFiles = found
        return found
    }

    /// Read once for the three tests of the suite (which runs serialized).
    nonisolated(unsafe) static var cachedFiles: [(path: String, records: [MARCRecord], marc8: [Int])]?

    static func findMARC8Files() throws -> [(path: String, records: [MARCRecord], marc8: [Int])] {
        guard let root = Paths.corpusFile("marc") else { return [] }
        var found: [(String, [MARCRecord], [Int])] = []
        let walker = FileManager.default.enumerator(atPath: root)
        var paths: [String] = []
        while let relative = walker?.nextObject() as? String { paths.append(relative) }
        for relative in paths.sorted() {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let head = FileHandle(forReadingAtPath: path)?.readData(ofLength: 24), head.count == 24,
                head.prefix(5).allSatisfy({ (0x30...0x39).contains($0) }), !relative.hasSuffix(".xml"),
                !relative.contains("lc-books")
            else { continue }
            var reader = ISO2709Reader(source: try FileByteSource(path: path), fileName: path)
            let records = try readAll(&reader).records
            let marc8 = records.indices.filter { EncodingDetector.detect(records[$0]).encoding == .marc8 }
            if !marc8.isEmpty { found.append((path, records, marc8)) }
        }
        return found
    }

    static func ours(_ record: MARCRecord) -> DecodedRecord {
        var decoded = record
        _ = RecordTranscoder(input: .marc8, form: .nfc).transcode(&decoded)
        return DecodedRecord(decoded)
    }

    static func yazRecords(_ path: String) throws -> [MARCRecord] {
        let result = try run(yaz, ["-f", "MARC-8", "-t", "UTF-8", "-i", "marc", "-o", "marcxml", path])
        var reader = MARCXMLReader(source: MemoryByteSource(result.stdout), fileName: "yaz")
        return try readAll(&reader).records
    }

    /// MARC::Charset's decoding, one record per line; a line that is not a record gives nil.
    static func perlRecords(_ path: String) throws -> [MARCRecord?] {
        let result = try run("/usr/bin/perl", [perlScript, path])
        return result.stdout.split(separator: 0x0A).map { line in
            var reader = MARCJSONReader(source: MemoryByteSource(Array(line)), fileName: "perl")
            return (try? readAll(&reader))?.records.first
        }
    }

    /// LC maps the double-diacritic halves to U+FE20–U+FE23; yaz and MARC::Charset to the single
    /// combining double marks U+0361/U+0360 (first half) and nothing (second half). The same text,
    /// settled in `MARC8DoubleDiacriticTests`.
    static func foldDoubleDiacritics(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0xFE20: out.append(UnicodeScalar(0x0361)!)
            case 0xFE22: out.append(UnicodeScalar(0x0360)!)
            case 0xFE21, 0xFE23: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Pairs our records with a peer's: by position when the peer read as many, else by 001 (a peer
    /// that gives up on a broken record shifts the rest).
    static func align(_ ours: [MARCRecord], _ theirs: [MARCRecord?]) -> [Int: MARCRecord] {
        var paired: [Int: MARCRecord] = [:]
        if ours.count == theirs.count {
            for (i, record) in theirs.enumerated() { if let record { paired[i] = record } }
            return paired
        }
        var byNumber: [String: MARCRecord] = [:]
        for case let record? in theirs { if let n = record.controlNumber { byNumber[n] = byNumber[n] ?? record } }
        for (i, record) in ours.enumerated() {
            if let n = record.controlNumber, let match = byNumber[n] { paired[i] = match }
        }
        return paired
    }

    /// Compares field by field, pairing the n-th occurrence of a tag with the peer's n-th; a field
    /// the two readers split differently (a broken structure, not a character set question) is
    /// left out and counted in `structural`.
    static func compare(file: String, record: Int, peer: String, ours: DecodedRecord, theirs: DecodedRecord,
        structural: inout Int) -> [Disagreement]
    {
        func fields(_ r: DecodedRecord) -> [String: [[DecodedRecord.Cell]]] {
            var out: [String: [[DecodedRecord.Cell]]] = [:]
            var current: [DecodedRecord.Cell] = []
            var previousTag: String?
            for cell in r.cells {
                if cell.code.isEmpty || cell.tag != previousTag || cell.isFirstOfField {
                    if let previousTag, !current.isEmpty { out[previousTag, default: []].append(current) }
                    current = []
                }
                current.append(cell)
                previousTag = cell.tag
            }
            if let previousTag, !current.isEmpty { out[previousTag, default: []].append(current) }
            return out
        }
        let a = fields(ours)
        let b = fields(theirs)
        var found: [Disagreement] = []
        for (tag, ourFields) in a {
            guard let theirFields = b[tag], theirFields.count == ourFields.count else {
                structural += 1
                continue
            }
            for (x, y) in zip(ourFields, theirFields) {
                guard x.map(\.code) == y.map(\.code), !(x.first?.code.isEmpty == true && x[0].value.contains("\u{1F}"))
                else {
                    structural += 1
                    continue
                }
                for (c, d) in zip(x, y) where c.value != d.value {
                    if foldDoubleDiacritics(c.value).precomposedLike == foldDoubleDiacritics(d.value).precomposedLike {
                        continue
                    }
                    found.append(Disagreement(file: file, record: record, peer: peer, ours: c, theirs: d))
                }
            }
        }
        return found
    }
}

extension String {
    /// The string in NFC, through ICU (the double-diacritic fold can leave marks to reorder).
    var precomposedLike: String {
        var out: [UInt8] = []
        Array(utf8).withUnsafeBufferPointer { UnicodeNormalizer.nfc($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
