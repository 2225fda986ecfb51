/// Printable renderings of bytes for messages.
enum ASCIIText {
    static func escaped(_ b: UInt8) -> String {
        if b >= 0x20 && b < 0x7F && b != TextByte.backslash { return String(UnicodeScalar(b)) }
        let digits = [TextByte.hexDigits[Int(b >> 4)], TextByte.hexDigits[Int(b & 0xF)]]
        return "\\x" + String(decoding: digits, as: UTF8.self)
    }

    /// UTF-8 text shown as it is where it decodes, with control bytes as `\xHH`; at most `limit` bytes.
    static func shown(_ bytes: some Collection<UInt8>, limit: Int = 40) -> String {
        let cut = bytes.count > limit
        var text = ""
        for scalar in String(decoding: bytes.prefix(limit), as: UTF8.self).unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                text += escaped(UInt8(scalar.value))
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return cut ? text + "…" : text
    }
}
