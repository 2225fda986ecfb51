internal import CICUShim

extension CodePageCodec {
    /// Everything the codec looks up, built once from ICU's mapping for the page.
    final class Tables: Sendable {
        static let unmapped: UInt32 = 0xFFFF_FFFF
        /// Low bits of `utf8Length`: the length; this bit: the byte is unmapped (its entry is U+FFFD).
        static let unmappedFlag: UInt8 = 0x80
        static let lengthMask: UInt8 = 0x07

        let canonicalName: String
        /// Byte → code point, `unmapped` for none.
        let toUnicode: [UInt32]
        /// Byte → its UTF-8, 4 slots per byte.
        let utf8: [UInt8]
        let utf8Length: [UInt8]
        /// Every byte below 0x80 decodes to itself (not so for ICU's IBM PC pages; see `CodePage`).
        let asciiIsIdentity: Bool
        /// Code point → byte + 1 (0 = none), two levels over the BMP: `pageStart[cp >> 8]` is where
        /// the 256 entries for that block start in `reverse`; blocks the page does not use share the
        /// all-zero block at 0. A single-byte page needs a handful of blocks, not a 64K table.
        let pageStart: [UInt32]
        let reverse: [UInt16]

        init(converter: String) {
            var toUnicode = [UInt32](repeating: Self.unmapped, count: 256)
            var fromUnicode = [Int16](repeating: -1, count: 256)
            var name = [CChar](repeating: 0, count: 128)
            let status = kicu_sbcs_tables(converter, &toUnicode, &fromUnicode, &name, name.count)
            precondition(status == KICU_OK, "ICU converter \(converter): \(UnicodeNormalizer.statusName(status))")
            canonicalName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            self.toUnicode = toUnicode

            var utf8 = [UInt8](repeating: 0, count: 256 * 4)
            var lengths = [UInt8](repeating: 0, count: 256)
            var identity = true
            for byte in 0..<256 {
                let value = toUnicode[byte]
                let scalar = value == Self.unmapped ? Unicode.Scalar(0xFFFD)! : Unicode.Scalar(value) ?? "\u{FFFD}"
                let encoded = Array(String(scalar).utf8)
                for (k, unit) in encoded.enumerated() { utf8[byte * 4 + k] = unit }
                lengths[byte] = UInt8(encoded.count) | (value == Self.unmapped ? Self.unmappedFlag : 0)
                if byte < 0x80 && value != UInt32(byte) { identity = false }
            }
            self.utf8 = utf8
            utf8Length = lengths
            asciiIsIdentity = identity

            // Only ICU's round-trip mappings go into the reverse table: when two bytes decode to one
            // code point, ICU's fromUnicode says which of them encodes it.
            var pageStart = [UInt32](repeating: 0, count: 256)
            var reverse = [UInt16](repeating: 0, count: 256)
            for byte in 0..<256 where fromUnicode[byte] >= 0 {
                let value = toUnicode[byte]
                guard value <= 0xFFFF else { continue }  // none of the pages leaves the BMP
                let block = Int(value >> 8)
                if pageStart[block] == 0 {
                    pageStart[block] = UInt32(reverse.count)
                    reverse.append(contentsOf: repeatElement(0, count: 256))
                }
                reverse[Int(pageStart[block]) + Int(value & 0xFF)] = UInt16(fromUnicode[byte]) + 1
            }
            self.pageStart = pageStart
            self.reverse = reverse
        }

        @inline(__always)
        func byte(for scalar: UInt32) -> UInt8? {
            guard scalar <= 0xFFFF else { return nil }
            let entry = reverse[Int(pageStart[Int(scalar >> 8)]) + Int(scalar & 0xFF)]
            return entry == 0 ? nil : UInt8(truncatingIfNeeded: entry - 1)
        }
    }
}
