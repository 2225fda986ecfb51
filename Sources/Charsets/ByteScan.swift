#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Word-at-a-time checks over the bytes of a field. Most catalogue text is plain ASCII; knowing
/// that in one pass of eight bytes a step is what keeps character-set handling off the profile.
enum ByteScan {
    /// What a pass found.
    struct Summary: Equatable {
        var high = false
        var escape = false
        var ampersand = false
    }

    static func summary(_ bytes: UnsafeBufferPointer<UInt8>) -> Summary {
        var s = Summary()
        guard let base = bytes.baseAddress else { return s }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = 0
        var highBits: UInt64 = 0
        var escapes: UInt64 = 0
        var ampersands: UInt64 = 0
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            highBits |= w
            escapes |= zeroByteMask(w ^ 0x1B1B_1B1B_1B1B_1B1B)
            ampersands |= zeroByteMask(w ^ 0x2626_2626_2626_2626)
            i += 8
        }
        while i < n {
            let b = base[i]
            if b >= 0x80 { s.high = true }
            if b == 0x1B { s.escape = true }
            if b == 0x26 { s.ampersand = true }
            i += 1
        }
        if highBits & 0x8080_8080_8080_8080 != 0 { s.high = true }
        if escapes != 0 { s.escape = true }
        if ampersands != 0 { s.ampersand = true }
        return s
    }

    /// 0x80 in every byte of `w` that is zero (exact for bytes below 0x80, and bytes at or above
    /// 0x80 are caught by the high-bit test anyway).
    @inline(__always)
    static func zeroByteMask(_ w: UInt64) -> UInt64 {
        (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
    }

    /// Whether `byte` occurs (libc's vectorised memchr).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ byte: UInt8) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }
}
