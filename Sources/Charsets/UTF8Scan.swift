/// What a pass over a buffer learnt about it as UTF-8.
struct UTF8Scan: Sendable, Equatable {
    /// Bytes at or above 0x80.
    var highBytes = 0
    /// Well-formed multibyte sequences.
    var multibyteSequences = 0
    /// Bytes that belong to no well-formed sequence.
    var invalidBytes = 0
    /// Offset of the first invalid byte.
    var firstInvalid: Int?

    var isASCII: Bool { highBytes == 0 }
    var isValid: Bool { invalidBytes == 0 }

    /// Scans `bytes` as UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        while i < n {
            // Eight ASCII bytes at a time: most text between the multibyte characters is ASCII.
            while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            highBytes += 1
            let length = UTF8Scan.sequenceLength(bytes, at: i)
            if length > 0 {
                multibyteSequences += 1
                highBytes += length - 1
                i += length
            } else {
                invalidBytes += 1
                if firstInvalid == nil { firstInvalid = i }
                i += 1
            }
        }
    }

    /// Length of the well-formed sequence starting at `i` (2…4), or 0 if there is none.
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = bytes.count
        let b0 = bytes[i]
        @inline(__always) func cont(_ j: Int) -> Bool { j < n && bytes[j] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(i + 1) ? 2 : 0
        case 0xE0...0xEF:
            guard i + 2 < n, cont(i + 1), cont(i + 2) else { return 0 }
            let b1 = bytes[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }  // overlong
            if b0 == 0xED && b1 >= 0xA0 { return 0 }  // surrogate
            return 3
        case 0xF0...0xF4:
            guard i + 3 < n, cont(i + 1), cont(i + 2), cont(i + 3) else { return 0 }
            let b1 = bytes[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }  // overlong
            if b0 == 0xF4 && b1 >= 0x90 { return 0 }  // above U+10FFFF
            return 4
        default:
            return 0
        }
    }
}
