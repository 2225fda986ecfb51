// UTF-8 scanning shared by the normalizer, the code page encoder and the transliterator. ICU's
// Normalizer2 passes ill-formed UTF-8 through untouched, so validity is checked (and repaired) here,
// in Swift, before ICU sees the bytes.

extension UnicodeNormalizer {
    /// Package-visible so that every reader of UTF-8 in the package (the detector, the transcoder,
    /// the ISIS decoder) applies the same well-formedness rules.
    package enum UTF8 {
        /// Length of the well-formed multibyte sequence at `i`, or 0 when there is none there.
        @inline(__always)
        package static func sequenceLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
            let (scalar, length) = decode(p, at: i)
            return scalar == invalid ? 0 : length
        }

        /// Marks an ill-formed sequence in `decode(_:at:)`'s result.
        package static let invalid: UInt32 = 0xFFFF_FFFF

        /// The UTF-8 of U+FFFD, written in place of each ill-formed sequence.
        static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

        /// Length of the run of ASCII bytes starting at `start`. Eight bytes at a time: most catalogue
        /// text is ASCII, and this is what makes the ASCII fast paths cheaper than calling ICU.
        @inline(__always)
        package static func asciiRun(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            guard let base = p.baseAddress else { return 0 }
            let count = p.count
            var i = start
            let raw = UnsafeRawPointer(base)
            while i + 8 <= count {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            while i < count && base[i] < 0x80 { i += 1 }
            return i - start
        }

        /// Decodes the scalar at `i`. For an ill-formed sequence returns `invalid` and the length of its
        /// maximal subpart (Unicode 15, section 3.9, "U+FFFD Substitution of Maximal Subparts"), so that
        /// every repair here replaces exactly what ICU, Foundation and the WHATWG decoder replace.
        @inline(__always)
        package static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
            let b0 = p[i]
            if b0 < 0x80 { return (UInt32(b0), 1) }
            var need: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            var scalar: UInt32
            switch b0 {
            case 0xC2...0xDF: need = 1; scalar = UInt32(b0 & 0x1F)
            case 0xE0: need = 2; low = 0xA0; scalar = UInt32(b0 & 0x0F)
            case 0xED: need = 2; high = 0x9F; scalar = UInt32(b0 & 0x0F)  // no surrogates
            case 0xE1...0xEF: need = 2; scalar = UInt32(b0 & 0x0F)
            case 0xF0: need = 3; low = 0x90; scalar = UInt32(b0 & 0x07)
            case 0xF4: need = 3; high = 0x8F; scalar = UInt32(b0 & 0x07)  // nothing past U+10FFFF
            case 0xF1...0xF3: need = 3; scalar = UInt32(b0 & 0x07)
            default: return (invalid, 1)  // 80...C1 and F5...FF never start a character
            }
            var j = i + 1
            while need > 0 {
                guard j < p.count else { return (invalid, j - i) }
                let b = p[j]
                guard b >= low && b <= high else { return (invalid, j - i) }
                scalar = scalar << 6 | UInt32(b & 0x3F)
                low = 0x80
                high = 0xBF
                j += 1
                need -= 1
            }
            return (scalar, j - i)
        }

        /// What one pass over the input found.
        struct Scan {
            var isASCII: Bool
            var isValid: Bool
        }

        static func scan(_ p: UnsafeBufferPointer<UInt8>) -> Scan {
            var i = asciiRun(p, from: 0)
            if i == p.count { return Scan(isASCII: true, isValid: true) }
            while i < p.count {
                let (scalar, length) = decode(p, at: i)
                if scalar == invalid { return Scan(isASCII: false, isValid: false) }
                i += length
                i += asciiRun(p, from: i)
            }
            return Scan(isASCII: false, isValid: true)
        }

        /// Appends `p` to `output` with every maximal ill-formed subpart replaced by U+FFFD; one
        /// `.invalidUTF8` issue per run of adjacent ill-formed bytes.
        static func repair(_ p: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], issues: inout [CharsetIssue]) {
            var i = 0
            var copyFrom = 0
            var run = IssueRun(.invalidUTF8)
            while i < p.count {
                i += asciiRun(p, from: i)
                guard i < p.count else { break }
                let (scalar, length) = decode(p, at: i)
                if scalar == invalid {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: p[copyFrom..<i]))
                    output.append(contentsOf: replacement)
                    run.add(p, i..<(i + length), issues: &issues, describe: IssueRun.invalidUTF8)
                    copyFrom = i + length
                }
                i += length
            }
            run.flush(into: &issues, describe: IssueRun.invalidUTF8)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: p[copyFrom..<p.count]))
        }
    }

    /// Gathers adjacent problem units into one issue: a field of garbage is one finding, not hundreds.
    struct IssueRun {
        /// `CharsetIssue.bytes` holds "at most a handful".
        static let maxBytes = 8

        /// Builds the message from the number of units (bytes, sequences or characters) and the
        /// bytes kept, already printed ("0xC3 0x28", with " …" when more were cut off).
        typealias Describe = (_ units: Int, _ bytes: String) -> String

        let kind: CharsetIssue.Kind
        private var start = -1
        private var end = -1
        private var units = 0
        private var total = 0
        private var bytes: [UInt8] = []

        init(_ kind: CharsetIssue.Kind) {
            self.kind = kind
        }

        var isOpen: Bool { start >= 0 }

        /// Whether a unit starting at `offset` would extend the open issue.
        func continues(at offset: Int) -> Bool { start >= 0 && offset == end }

        /// Adds the bytes at `range` as one unit; a gap since the last unit first closes the current
        /// issue with `describe`.
        mutating func add(
            _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, issues: inout [CharsetIssue], describe: Describe
        ) {
            if start >= 0 && range.lowerBound != end { flush(into: &issues, describe: describe) }
            if start < 0 { start = range.lowerBound }
            end = range.upperBound
            units += 1
            total += range.count
            for k in range where bytes.count < Self.maxBytes { bytes.append(p[k]) }
        }

        mutating func flush(into issues: inout [CharsetIssue], describe: Describe) {
            guard start >= 0 else { return }
            let shown = Self.hex(bytes) + (total > bytes.count ? " …" : "")
            issues.append(CharsetIssue(kind, offset: start, bytes: bytes, message: describe(units, shown)))
            start = -1
            end = -1
            units = 0
            total = 0
            bytes.removeAll(keepingCapacity: true)
        }

        // Messages are built for every issue, and a page of foreign script can make one every few
        // characters; these fill a byte array and make one String from it, which profiles showed
        // to be several times cheaper than radix conversion and joins, or appending to a String.
        static func hex(_ bytes: [UInt8]) -> String {
            var text: [UInt8] = []
            text.reserveCapacity(bytes.count * 5)
            for (k, byte) in bytes.enumerated() {
                if k > 0 { text.append(0x20) }
                text.append(0x30)  // "0x"
                text.append(0x78)
                text.append(hexDigit(UInt32(byte >> 4)))
                text.append(hexDigit(UInt32(byte & 0xF)))
            }
            return String(decoding: text, as: Unicode.UTF8.self)
        }

        static func hexDigits(_ value: UInt32, minimum: Int) -> String {
            var digits = minimum
            while digits < 8 && value >> (4 * UInt32(digits)) != 0 { digits += 1 }
            var text: [UInt8] = []
            text.reserveCapacity(digits)
            for k in stride(from: digits - 1, through: 0, by: -1) {
                text.append(hexDigit((value >> (4 * UInt32(k))) & 0xF))
            }
            return String(decoding: text, as: Unicode.UTF8.self)
        }

        @inline(__always)
        static func hexDigit(_ nibble: UInt32) -> UInt8 {
            UInt8(truncatingIfNeeded: nibble < 10 ? 0x30 + nibble : 0x41 + nibble - 10)
        }

        static func invalidUTF8(units: Int, bytes: String) -> String {
            let what = units == 1 ? "ill-formed UTF-8 sequence" : "\(units) ill-formed UTF-8 sequences"
            return "\(what) (\(bytes)) replaced by U+FFFD"
        }
    }
}
