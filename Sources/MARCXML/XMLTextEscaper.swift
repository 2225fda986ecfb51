/// Writes record bytes as XML 1.0 character data, fast, and reports what XML cannot carry.
///
/// Policy (documented in README):
/// - `&`, `<`, `>` and `"` become entity references; CR, LF and TAB become character references
///   (`&#13;`, `&#10;`, `&#9;`) so that XML line-end and attribute normalisation cannot change them.
/// - C0 control characters other than TAB, LF and CR (for example the stray 0x1F that ends field 001
///   in 8 Library of Congress records) and U+FFFE/U+FFFF cannot appear in XML 1.0 at all, not even as
///   references: they are dropped, and each is reported.
/// - Invalid UTF-8 becomes U+FFFD, reported. (Character sets are converted before this point.)
struct XMLTextEscaper {
    /// What was dropped or replaced, with its position in the escaped input.
    struct Problem {
        var offset: Int
        var byte: UInt8
        var replaced: Bool
    }

    /// Byte classes: 0 copy as is; 1–7 escape; 8 drop; 9 start of a multibyte sequence to check.
    private static let classes: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in 0..<0x20 { t[b] = 8 }
        t[Int(UInt8(ascii: "&"))] = 1
        t[Int(UInt8(ascii: "<"))] = 2
        t[Int(UInt8(ascii: ">"))] = 3
        t[Int(UInt8(ascii: "\""))] = 4
        t[0x0D] = 5
        t[0x0A] = 6
        t[0x09] = 7
        for b in 0x80..<0x100 { t[b] = 9 }
        return t
    }()

    private static let replacements: [[UInt8]] = [
        [], Array("&amp;".utf8), Array("&lt;".utf8), Array("&gt;".utf8), Array("&quot;".utf8),
        Array("&#13;".utf8), Array("&#10;".utf8), Array("&#9;".utf8),
    ]

    /// The most bytes escaping `n` input bytes can produce.
    static func bound(_ n: Int) -> Int { n * 6 }

    /// Escapes `input[0..<count]` into `out`, returning the bytes written; problems are appended.
    @inline(__always)
    static func escape(_ input: UnsafePointer<UInt8>, _ count: Int, into out: UnsafeMutablePointer<UInt8>,
        problems: inout [Problem]) -> Int
    {
        classes.withUnsafeBufferPointer { table in
            var i = 0
            var o = 0
            while i < count {
                // Copy the run of bytes that need nothing.
                let runStart = i
                while i < count && table[Int(input[i])] == 0 { i += 1 }
                if i > runStart {
                    (out + o).update(from: input + runStart, count: i - runStart)
                    o += i - runStart
                }
                guard i < count else { break }
                let b = input[i]
                let cls = table[Int(b)]
                if cls <= 7 {
                    for r in replacements[Int(cls)] {
                        out[o] = r
                        o += 1
                    }
                    i += 1
                } else if cls == 8 {
                    problems.append(Problem(offset: i, byte: b, replaced: false))
                    i += 1
                } else {
                    let n = validSequenceLength(input + i, count - i)
                    if n > 0 {
                        (out + o).update(from: input + i, count: n)
                        o += n
                        i += n
                    } else if n < 0 {
                        // U+FFFE or U+FFFF: well-formed UTF-8 that XML forbids.
                        problems.append(Problem(offset: i, byte: b, replaced: false))
                        i += 3
                    } else {
                        problems.append(Problem(offset: i, byte: b, replaced: true))
                        out[o] = 0xEF
                        out[o + 1] = 0xBF
                        out[o + 2] = 0xBD
                        o += 3
                        i += 1
                    }
                }
            }
            return o
        }
    }

    /// Length of the well-formed UTF-8 sequence at `p`; 0 if ill-formed; -1 for U+FFFE/U+FFFF.
    @inline(__always)
    static func validSequenceLength(_ p: UnsafePointer<UInt8>, _ available: Int) -> Int {
        let b0 = p[0]
        @inline(__always) func cont(_ i: Int) -> Bool { i < available && p[i] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0...0xEF:
            guard cont(1), cont(2) else { return 0 }
            let b1 = p[1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }
            if b0 == 0xED && b1 > 0x9F { return 0 }
            if b0 == 0xEF && b1 == 0xBF && (p[2] == 0xBE || p[2] == 0xBF) { return -1 }
            return 3
        case 0xF0...0xF4:
            guard cont(1), cont(2), cont(3) else { return 0 }
            let b1 = p[1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }
            if b0 == 0xF4 && b1 > 0x8F { return 0 }
            return 4
        default:
            return 0
        }
    }
}
