public import MARCRecord

/// The byte form of records in the store: ISO 2709 (MARC 21 directory, lengths computed here) whenever
/// the record fits it, which is nearly always, so that `sqlite3 … "select writefile(…)"` gives a file any
/// MARC tool reads. A record ISO 2709 cannot state (a field over 9,998 bytes, a record over 99,999, or
/// terminator bytes inside a field, possible from MARCXML/JSON input) is kept whole in a small private
/// form marked by a leading NUL, so nothing is ever cut or dropped by storing it; the dump writer decides
/// what to do with such records when it writes them.
public enum StoredRecord {
    private static let fieldTerminator: UInt8 = 0x1E
    private static let recordTerminator: UInt8 = 0x1D
    private static let extendedMagic: [UInt8] = [0x00, 0x4B, 0x58, 0x31]  // NUL "KX1"

    /// The record's bytes.
    public static func encode(_ record: MARCRecord) -> [UInt8] {
        var dataLength = 0
        var fits = true
        for e in record.entries {
            dataLength += Int(e.length) + 1
            if e.length + 1 > 9_999 { fits = false }
        }
        let base = Leader.length + record.entries.count * 12 + 1
        let total = base + dataLength + 1
        if total > 99_999 { fits = false }
        if fits {
            for e in record.entries where record.storage[e.range].contains(where: { $0 == fieldTerminator || $0 == recordTerminator }) {
                fits = false
                break
            }
        }
        guard fits else { return encodeExtended(record) }
        var out = [UInt8]()
        out.reserveCapacity(total)
        out.append(contentsOf: record.storage[0..<Leader.length])
        putDecimal(&out, at: 0, total, digits: 5)
        putDecimal(&out, at: 12, base, digits: 5)
        out[20] = 0x34; out[21] = 0x35; out[22] = 0x30
        if !(0x30...0x39).contains(out[23]) { out[23] = 0x30 }
        var position = 0
        for e in record.entries {
            out.append(contentsOf: e.tag.bytes)
            appendDecimal(&out, Int(e.length) + 1, digits: 4)
            appendDecimal(&out, position, digits: 5)
            position += Int(e.length) + 1
        }
        out.append(fieldTerminator)
        for e in record.entries {
            out.append(contentsOf: record.storage[e.range])
            out.append(fieldTerminator)
        }
        out.append(recordTerminator)
        return out
    }

    /// The record back from bytes `encode` wrote; nil when they are not such bytes.
    public static func decode(_ bytes: [UInt8]) -> MARCRecord? {
        if bytes.starts(with: extendedMagic) { return decodeExtended(bytes) }
        guard bytes.count >= Leader.length + 2, let base = number(bytes, 12, 5), base <= bytes.count else { return nil }
        var entries: [FieldEntry] = []
        entries.reserveCapacity((base - Leader.length) / 12)
        var d = Leader.length
        while d + 12 <= base - 1 {
            guard let length = number(bytes, d + 3, 4), let start = number(bytes, d + 7, 5), length >= 1,
                  base + start + length <= bytes.count
            else { return nil }
            entries.append(FieldEntry(tag: Tag(bytes[d], bytes[d + 1], bytes[d + 2]), start: base + start, length: length - 1))
            d += 12
        }
        return MARCRecord(storage: bytes, entries: entries, indicatorCount: number(bytes, 10, 1) ?? 2,
            subfieldCodeLength: number(bytes, 11, 1) ?? 2)
    }

    // MARK: - The extended form

    private static func encodeExtended(_ record: MARCRecord) -> [UInt8] {
        var out = extendedMagic
        out.append(contentsOf: record.storage[0..<Leader.length])
        appendUInt32(&out, UInt32(record.entries.count))
        for e in record.entries {
            out.append(contentsOf: e.tag.bytes)
            appendUInt32(&out, UInt32(e.length))
        }
        for e in record.entries { out.append(contentsOf: record.storage[e.range]) }
        return out
    }

    private static func decodeExtended(_ bytes: [UInt8]) -> MARCRecord? {
        var i = extendedMagic.count
        guard bytes.count >= i + Leader.length + 4 else { return nil }
        var storage = Array(bytes[i..<(i + Leader.length)])
        i += Leader.length
        let count = Int(readUInt32(bytes, i))
        i += 4
        guard bytes.count >= i + count * 7 else { return nil }
        var tags: [(Tag, Int)] = []
        for _ in 0..<count {
            tags.append((Tag(bytes[i], bytes[i + 1], bytes[i + 2]), Int(readUInt32(bytes, i + 3))))
            i += 7
        }
        var entries: [FieldEntry] = []
        for (tag, length) in tags {
            guard i + length <= bytes.count else { return nil }
            entries.append(FieldEntry(tag: tag, start: storage.count, length: length))
            storage.append(contentsOf: bytes[i..<(i + length)])
            i += length
        }
        return MARCRecord(storage: storage, entries: entries, indicatorCount: number(storage, 10, 1) ?? 2,
            subfieldCodeLength: number(storage, 11, 1) ?? 2)
    }

    // MARK: - Numbers

    private static func number(_ bytes: [UInt8], _ at: Int, _ digits: Int) -> Int? {
        var v = 0
        for i in at..<(at + digits) {
            let b = bytes[i]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    private static func putDecimal(_ out: inout [UInt8], at: Int, _ value: Int, digits: Int) {
        var v = value
        for i in stride(from: at + digits - 1, through: at, by: -1) {
            out[i] = 0x30 + UInt8(v % 10)
            v /= 10
        }
    }

    private static func appendDecimal(_ out: inout [UInt8], _ value: Int, digits: Int) {
        let at = out.count
        out.append(contentsOf: repeatElement(0x30, count: digits))
        putDecimal(&out, at: at, value, digits: digits)
    }

    private static func appendUInt32(_ out: inout [UInt8], _ v: UInt32) {
        out.append(UInt8(v >> 24)); out.append(UInt8((v >> 16) & 0xFF))
        out.append(UInt8((v >> 8) & 0xFF)); out.append(UInt8(v & 0xFF))
    }

    private static func readUInt32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
}

/// A stable 64-bit FNV-1a hash: the same bytes give the same value on every machine and in every
/// run (Swift's `Hasher` is seeded per process, so it cannot name anything that is stored).
enum StableHash {
    static func fnv1a(_ bytes: some Sequence<UInt8>, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = seed
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// 128 bits (two FNV-1a passes with different seeds, the second over the bytes in reverse
    /// order as well) as 16 bytes: the content hash that decides "unchanged".
    static func content(_ parts: [[UInt8]]) -> [UInt8] {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for part in parts {
            a = fnv1a(part, seed: a)
            a = fnv1a(withUnsafeBytes(of: UInt64(part.count).bigEndian, Array.init), seed: a)
            b = fnv1a(part.reversed(), seed: b)
            b = b ^ (b >> 29) &* 0xBF58_476D_1CE4_E5B9
        }
        var out = [UInt8]()
        for v in [a, b] { withUnsafeBytes(of: v.bigEndian) { out.append(contentsOf: $0) } }
        return out
    }
}

/// Cluster ids derived from a record's key: `KTG` + 12 hex digits of a stable hash of
/// `member:localid`, so the same record always proposes the same id, never a random or clock-based one.
public enum ClusterID {
    public static func derived(from recordKey: String, attempt: Int = 0) -> String {
        let text = attempt == 0 ? recordKey : "\(recordKey)#\(attempt)"
        let h = StableHash.fnv1a(Array(text.utf8)) & 0xFFFF_FFFF_FFFF
        let hex = String(h, radix: 16, uppercase: true)
        return "KTG" + String(repeating: "0", count: 12 - hex.count) + hex
    }
}
