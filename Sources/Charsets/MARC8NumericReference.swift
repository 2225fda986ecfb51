// LC's lossless rule for Unicode → MARC-8 writes a character MARC-8 lacks as `&#xXXXX;`: a hex
// code point (one to six digits, not UTF-8 octets). Decoders turn well-formed ones back into the
// character; anything else (decimal, no `;`, a surrogate, past U+10FFFF) stays text.

/// The scalar and byte length of the reference at `i` (which holds `&`), or nil when the bytes
/// there are not a well-formed `&#x` hex `;` reference naming a Unicode scalar.
@inline(__always)
func parseNumericReference(_ input: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int)? {
    let count = input.count
    guard i + 4 < count, input[i + 1] == UInt8(ascii: "#"), input[i + 2] == UInt8(ascii: "x") else { return nil }
    var j = i + 3
    var value: UInt32 = 0
    while j < count, j - i - 3 < 7, let digit = hexDigitValue(input[j]) {
        value = value << 4 | digit
        j += 1
    }
    let digits = j - i - 3
    guard digits >= 1, digits <= 6, j < count, input[j] == UInt8(ascii: ";") else { return nil }
    guard value <= 0x10_FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
    return (value, j + 1 - i)
}

/// Appends `&#xXXXX;` (uppercase hex, at least four digits) for `scalar`.
func appendNumericReference(_ scalar: UInt32, to output: inout [UInt8]) {
    output.append(contentsOf: [0x26, 0x23, 0x78])  // "&#x"
    var digits = 4
    while digits < 6 && scalar >> (4 * UInt32(digits)) != 0 { digits += 1 }
    for k in stride(from: digits - 1, through: 0, by: -1) {
        let nibble = UInt8(truncatingIfNeeded: scalar >> (4 * UInt32(k)) & 0xF)
        output.append(nibble < 10 ? 0x30 + nibble : 0x41 + nibble - 10)
    }
    output.append(0x3B)  // ";"
}
