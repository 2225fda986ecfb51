#if canImport(Glibc)
import Glibc
#endif
public import KatalogIO
public import MARCRecord

/// What to do with a record longer than the 99,999 bytes a 5-digit record length can state.
public enum OversizePolicy: String, Sendable, CaseIterable {
    /// Do not write it; report a finding.
    case refuse
    /// Write it as several linked records, each under the limit (see `ISO2709Writer+Split`).
    case split
}

/// Writes records as ISO 2709 with a MARC 21 directory (entry map 4500).
///
/// The leader is kept except for what the writer computes: record length (00–04), base address
/// (12–16) and the entry map (20–22). A well-formed input record therefore comes out byte for byte
/// as it went in.
public struct ISO2709Writer: RecordWriter {
    public static let maxRecordLength = 99_999
    public static let maxFieldLength = 9_999

    private let output: OutputFile
    public let oversize: OversizePolicy
    public private(set) var recordsWritten = 0

    public init(output: OutputFile, oversize: OversizePolicy = .refuse) {
        self.output = output
        self.oversize = oversize
    }

    public mutating func write(_ record: MARCRecord) throws -> [Finding] {
        // Records from other formats (MARCXML, JSON, .mrk) can hold the bytes that structure ISO 2709;
        // written raw they would cut the record apart, so they are dropped and reported.
        if let (cleaned, findings) = Self.withoutStructureBytes(record) {
            return findings + (try write(cleaned))
        }
        var longest = 0
        var longestTag = Tag(0x30, 0x30, 0x30)
        var dataLength = 0
        for e in record.entries {
            let length = Int(e.length) + 1
            dataLength += length
            if length > longest { (longest, longestTag) = (length, e.tag) }
        }
        if longest > Self.maxFieldLength {
            return [Finding(.error, .fieldTooLong,
                "field of \(longest) bytes is longer than a 4-digit field length can state",
                action: "record not written", tag: longestTag.description)]
        }
        let total = Leader.length + record.entries.count * 12 + 1 + dataLength + 1
        if total > Self.maxRecordLength {
            switch oversize {
            case .refuse:
                return [Finding(.error, .recordTooLong,
                    "record of \(total) bytes is longer than a 5-digit record length can state",
                    action: "record not written (use --oversize split to write it as linked records)", tag: "LDR")]
            case .split:
                let parts = Self.split(record)
                for part in parts { try emit(part, total: Self.encodedLength(part)) }
                return [Finding(.warning, .recordSplit,
                    "record of \(total) bytes written as \(parts.count) linked records (field 887 marks the parts)",
                    action: "split", tag: "LDR")]
            }
        }
        try emit(record, total: total)
        return []
    }

    public mutating func finish() throws { try output.flush() }

    /// The record without any 0x1D or 0x1E inside its fields, and a finding for each field that had
    /// some; `nil` when there are none (the usual case, checked sixteen bytes at a time).
    static func withoutStructureBytes(_ record: MARCRecord) -> (MARCRecord, [Finding])? {
        let dirty: [Int] = record.storage.withUnsafeBufferPointer { s in
            record.entries.indices.filter { i in
                let e = record.entries[i]
                return Byte.contains(Byte.fieldTerminator, or: Byte.recordTerminator, s.baseAddress! + Int(e.start),
                    Int(e.length), readable: s.count - Int(e.start))
            }
        }
        guard !dirty.isEmpty else { return nil }
        var cleaned = record
        var findings: [Finding] = []
        for i in dirty {
            let e = record.entries[i]
            let content = record.storage[e.range]
            let offset = content.firstIndex { $0 == Byte.fieldTerminator || $0 == Byte.recordTerminator }!
            cleaned.replaceField(at: i, content: content.filter { $0 != Byte.fieldTerminator && $0 != Byte.recordTerminator })
            findings.append(Finding(.warning, .structureByteInField,
                "field holds ISO 2709 terminator bytes (0x1D/0x1E), first at byte \(offset - e.range.lowerBound)",
                action: "those bytes dropped", recordOffset: offset - e.range.lowerBound, tag: e.tag.description))
        }
        return (cleaned, findings)
    }

    static func encodedLength(_ record: MARCRecord) -> Int {
        Leader.length + record.entries.count * 13 + 2 + record.entries.reduce(0) { $0 + Int($1.length) }
    }

    private mutating func emit(_ record: MARCRecord, total: Int) throws {
        let base = Leader.length + record.entries.count * 12 + 1
        try output.write(exactly: total) { raw in
            let out = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            record.storage.withUnsafeBufferPointer { s in
                let src = s.baseAddress!
                out.update(from: src, count: Leader.length)
                Self.putDecimal(out, total, digits: 5)
                Self.putDecimal(out + 12, base, digits: 5)
                out[20] = UInt8(ascii: "4")
                out[21] = UInt8(ascii: "5")
                out[22] = UInt8(ascii: "0")
                if !Byte.isDigit(out[23]) { out[23] = UInt8(ascii: "0") }
                var directory = out + Leader.length
                var data = out + base
                var position = 0
                for e in record.entries {
                    let length = Int(e.length)
                    directory[0] = UInt8(truncatingIfNeeded: e.tag.rawValue >> 16)
                    directory[1] = UInt8(truncatingIfNeeded: e.tag.rawValue >> 8)
                    directory[2] = UInt8(truncatingIfNeeded: e.tag.rawValue)
                    Self.putFourDigits(directory + 3, length + 1)
                    Self.putFiveDigits(directory + 7, position)
                    directory += 12
                    data.update(from: src + Int(e.start), count: length)
                    data[length] = Byte.fieldTerminator
                    data += length + 1
                    position += length + 1
                }
                directory[0] = Byte.fieldTerminator
                data[0] = Byte.recordTerminator
            }
        }
        recordsWritten += 1
    }

    /// `putDecimal(out, value, digits: 4)`, two digits at a time for the values a directory holds.
    @inline(__always)
    static func putFourDigits(_ out: UnsafeMutablePointer<UInt8>, _ value: Int) {
        guard value >= 0 && value < 10_000 else { return putDecimal(out, value, digits: 4) }
        let v = UInt(bitPattern: value)
        Byte.putPair(out, v / 100)
        Byte.putPair(out + 2, v % 100)
    }

    /// `putDecimal(out, value, digits: 5)`, two digits at a time for the values a directory holds.
    @inline(__always)
    static func putFiveDigits(_ out: UnsafeMutablePointer<UInt8>, _ value: Int) {
        guard value >= 0 && value < 100_000 else { return putDecimal(out, value, digits: 5) }
        let v = UInt(bitPattern: value)
        out[0] = Byte.zero &+ UInt8(truncatingIfNeeded: v / 10_000)
        putFourDigits(out + 1, Int(v % 10_000))
    }

    @inline(__always)
    static func putDecimal(_ out: UnsafeMutablePointer<UInt8>, _ value: Int, digits: Int) {
        var v = value
        var i = digits - 1
        while i >= 0 {
            let (q, r) = v.quotientAndRemainder(dividingBy: 10)
            out[i] = Byte.zero &+ UInt8(truncatingIfNeeded: r)
            v = q
            i -= 1
        }
    }
}
