import MARCRecord

/// The repairs made before libxml2 sees the bytes, so that one bad byte in a member's database does
/// not end the whole response the way a fatal XML error would:
/// - control characters XML 1.0 forbids (everything below 0x20 but tab, line feed, carriage return)
///   become a blank;
/// - in a document that is, or says it is, UTF-8, a byte that does not begin or continue a valid
///   UTF-8 sequence is read as Windows-1252, what Indonesian member systems on Windows write when
///   they get the encoding wrong (`Caf\xE9` → `Café`).
///
/// Each kind of repair is reported once per record, with the line of the first one.
extension DublinCorePushParser {
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) {
        var start = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A {
                    state.linesFed += 1
                } else if b < 0x20 && b != 0x09 && b != 0x0D {
                    feed(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                    replace(b, with: [0x20], .dcIllegalCharacter,
                        "control character 0x\(hex(b)) is not allowed in XML", action: "replaced with a blank")
                    start = i + 1
                }
                i += 1
                continue
            }
            guard repairsUTF8 == true else {
                i += 1
                continue
            }
            let length = Self.sequenceLength(bytes, at: i)
            if length > 0 {
                i += length
                continue
            }
            feed(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            if length == 0 && !final {
                held = Array(bytes[i...])
                return
            }
            let character = Self.windows1252(b)
            replace(b, with: Array(String(character).utf8), .dcInvalidUTF8, "byte 0x\(hex(b)) is not UTF-8",
                action: "read as Windows-1252 '\(character)'")
            i += 1
            start = i
        }
        feed(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    private func replace(_ byte: UInt8, with replacement: [UInt8], _ code: FindingCode, _ message: String,
        action: String)
    {
        guard !state.stopped else { return }
        replacement.withUnsafeBufferPointer { feed($0) }
        let record = state.insideRecord ? state.recordNumber : 0
        if repairsReported.record != record { repairsReported = (record, []) }
        guard repairsReported.codes.insert(code).inserted else { return }
        state.note(.warning, code, message, action: action + " (and any more in this record)", line: state.linesFed)
    }

    private func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(b >> 4)], digits[Int(b & 0xF)]], as: UTF8.self)
    }

    /// The length of the well-formed UTF-8 sequence at `i` (2–4), 0 when the bytes end inside one
    /// that is well-formed so far, -1 when it is ill-formed (Unicode table 3-7: no overlong forms,
    /// no surrogates, nothing above U+10FFFF).
    static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let lead = b[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, high) = (3, 0x9F)
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, high) = (4, 0x8F)
        default: return -1
        }
        for k in 1..<length {
            guard i + k < b.count else { return 0 }
            let c = b[i + k]
            let (lo, hi) = k == 1 ? (low, high) : (0x80, 0xBF)
            guard c >= lo && c <= hi else { return -1 }
        }
        return length
    }

    /// The Windows-1252 character of a byte from 0x80; U+FFFD for the five it leaves undefined.
    static func windows1252(_ b: UInt8) -> Character {
        guard b < 0xA0 else { return Character(Unicode.Scalar(b)) }
        let high: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        return Character(Unicode.Scalar(high[Int(b - 0x80)])!)
    }

    /// Whether the document is UTF-8 by its start: no UTF-16 byte order mark, and an XML declaration
    /// that names UTF-8 or no encoding at all (XML's default).
    static func declaresUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count >= 2 && ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE)) {
            return false
        }
        let head = String(decoding: bytes.prefix(256), as: UTF8.self).lowercased()
        guard let open = head.firstRange(of: "<?xml"), let close = head.firstRange(of: "?>"),
            open.upperBound <= close.lowerBound
        else { return true }
        let declaration = head[open.upperBound..<close.lowerBound]
        guard let encoding = declaration.firstRange(of: "encoding") else { return true }
        let value = declaration[encoding.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        let name = value.prefix { $0 != "\"" && $0 != "'" && $0 != " " }
        return name == "utf-8" || name == "utf8"
    }
}
