import Foundation
import KatalogIO
import Synchronization

/// What `XMLRepairSource` changed in one page.
final class RepairTally: Sendable {
    struct Counts: Sendable {
        var illegalCharacters = 0
        var firstIllegalOffset: Int64?
        var invalidUTF8 = 0
        var firstInvalidOffset: Int64?
    }
    let counts = Mutex(Counts())
}

/// Repairs a page's bytes on their way to the XML parser, so that one bad byte does not end the page:
/// control characters XML forbids become blanks (VuFind's `sanitize`, metha do the same) and bytes that
/// are not UTF-8 are read as Windows-1252 (Latin-1 under a UTF-8 declaration is the common case).
/// Both are counted for the page's findings. A page that declares another encoding passes untouched.
struct XMLRepairSource<Base: ByteSource>: ByteSource {
    private var base: Base
    private let tally: RepairTally
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// An incomplete UTF-8 sequence at the end of the last read.
    private var carry: [UInt8] = []
    private var raw: [UInt8]
    private var offset: Int64 = 0
    private var decided: Bool?
    private var ended = false

    init(base: Base, tally: RepairTally, chunkSize: Int = 1 << 16) {
        self.base = base
        self.tally = tally
        raw = [UInt8](repeating: 0, count: chunkSize)
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while pendingStart >= pending.count {
            if ended { return 0 }
            try refill()
        }
        let n = min(buffer.count, pending.count - pendingStart)
        pending.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[pendingStart..<(pendingStart + n)])) }
        pendingStart += n
        return n
    }

    private mutating func refill() throws {
        let count = try raw.withUnsafeMutableBytes { try base.read(into: $0) }
        pending.removeAll(keepingCapacity: true)
        pendingStart = 0
        var input = carry
        carry = []
        input.append(contentsOf: raw[0..<count])
        if count == 0 { ended = true }
        if decided == nil { decided = Self.declaresUTF8(input) }
        if decided == false {
            pending = input
            return
        }
        repair(input, final: count == 0)
    }

    /// Only a declaration naming another encoding turns repairs off (UTF-8 is OAI-PMH's only encoding).
    private static func declaresUTF8(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(200), as: UTF8.self).lowercased()
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return true }
        let declaration = head[..<end.lowerBound]
        guard let at = declaration.range(of: "encoding") else { return true }
        let value = declaration[at.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" })
        return value.hasPrefix("utf-8") || value.hasPrefix("utf8")
    }

    /// Copies `input` to `pending`, repaired. Clean runs (printable ASCII, whitespace, valid UTF-8) are
    /// copied whole, eight bytes are checked at a time where they are plain ASCII: most pages need no
    /// repair at all, and this runs over every byte of every page.
    private mutating func repair(_ input: [UInt8], final: Bool) {
        pending.reserveCapacity(input.count + 16)
        var counts = RepairTally.Counts()
        let base = offset
        let consumed = input.withUnsafeBufferPointer { p -> Int in
            let n = p.count
            var i = 0
            var clean = 0  // p[clean..<i] is clean and not yet copied
            func flush(_ to: Int) {
                if to > clean { pending.append(contentsOf: UnsafeBufferPointer(rebasing: p[clean..<to])) }
            }
            while i < n {
                if i + 8 <= n {
                    let word = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    // No byte with its high bit set and none below 0x20: eight printable ASCII bytes.
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    if word & (ones &* 0x80) == 0 && (word &- ones &* 0x20) & ~word & (ones &* 0x80) == 0 {
                        i += 8
                        continue
                    }
                }
                let b = p[i]
                if b < 0x80 {
                    if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                        counts.illegalCharacters += 1
                        if counts.firstIllegalOffset == nil { counts.firstIllegalOffset = base + Int64(i) }
                        flush(i)
                        pending.append(0x20)
                        clean = i + 1
                    }
                    i += 1
                    continue
                }
                let length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
                if length > 0 && i + length > n && !final {
                    // Possibly a sequence cut by the chunk boundary: wait for the rest.
                    if p[(i + 1)...].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                        flush(i)
                        carry = Array(p[i...])
                        return i
                    }
                }
                if length > 0, i + length <= n, Self.validSequence(p, i, length) {
                    // U+FFFE and U+FFFF are not characters XML allows.
                    if length == 3 && b == 0xEF && p[i + 1] == 0xBF && p[i + 2] >= 0xBE {
                        counts.illegalCharacters += 1
                        if counts.firstIllegalOffset == nil { counts.firstIllegalOffset = base + Int64(i) }
                        flush(i)
                        pending.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        clean = i + length
                    }
                    i += length
                    continue
                }
                counts.invalidUTF8 += 1
                if counts.firstInvalidOffset == nil { counts.firstInvalidOffset = base + Int64(i) }
                flush(i)
                pending.append(contentsOf: Array(String(Self.windows1252(b)).utf8))
                i += 1
                clean = i
            }
            flush(n)
            return n
        }
        offset += Int64(consumed)
        if counts.illegalCharacters > 0 || counts.invalidUTF8 > 0 {
            tally.counts.withLock {
                $0.illegalCharacters += counts.illegalCharacters
                $0.invalidUTF8 += counts.invalidUTF8
                if $0.firstIllegalOffset == nil { $0.firstIllegalOffset = counts.firstIllegalOffset }
                if $0.firstInvalidOffset == nil { $0.firstInvalidOffset = counts.firstInvalidOffset }
            }
        }
    }

    private static func validSequence(_ s: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int) -> Bool {
        let b0 = s[i], b1 = s[i + 1]
        guard b1 & 0xC0 == 0x80 else { return false }
        switch length {
        case 2: return true
        case 3:
            if b0 == 0xE0 && b1 < 0xA0 { return false }  // overlong
            if b0 == 0xED && b1 >= 0xA0 { return false }  // surrogates
            return s[i + 2] & 0xC0 == 0x80
        default:
            if b0 == 0xF0 && b1 < 0x90 { return false }
            if b0 == 0xF4 && b1 >= 0x90 { return false }
            return s[i + 2] & 0xC0 == 0x80 && s[i + 3] & 0xC0 == 0x80
        }
    }

    /// Windows-1252's 0x80–0x9F; the rest of the high half is Latin-1.
    private static func windows1252(_ b: UInt8) -> Character {
        let high: [UInt32] = [0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
            0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178]
        let scalar = b < 0xA0 ? high[Int(b - 0x80)] : UInt32(b)
        return Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")
    }
}
