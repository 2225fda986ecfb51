/// Small byte-level helpers for the rules' fast paths: most values are already normalized, and
/// checking that on bytes costs a fraction of building `String`s to find out.
enum ByteText {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// `bytes` without leading and trailing blanks.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end && bytes[start] == 0x20 { start += 1 }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        return bytes[start..<end]
    }

    /// True when `bytes` starts with the ASCII text `prefix`.
    static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return prefix.withUTF8Buffer { p in
            var i = bytes.startIndex
            for b in p {
                if bytes[i] != b { return false }
                i += 1
            }
            return true
        }
    }
}

extension String {
    /// The string without leading and trailing blanks (U+0020 only).
    var trimmingBlanks: String {
        let bytes = Array(utf8)[...]
        let t = ByteText.trimmed(bytes)
        return t.count == bytes.count ? self : String(decoding: t, as: UTF8.self)
    }
}
