/// Decodes the ISO 5426 bytes of one field (UNIMARC 100$a/26-29 `01` + `03`, MAB2) to UTF-8.
///
/// G0 is ISO 646 IRV (ASCII), G1 is ISO 5426; its non-spacing diacritics (0xC0-0xDF) precede
/// their base like ANSEL's and are moved after it. Bytes the table leaves empty become U+FFFD
/// with an `.unmappedBytes` issue. Escape sequences (designations of other sets, which this
/// decoder does not have) are skipped with a `.badEscape` issue and the text after them is read
/// with the defaults. Numeric character references are left as text: only MARC-8 has LC's rule.
/// The output is not normalised: run NFC afterwards.
public struct ISO5426Decoder: Sendable {
    public init() {}

    /// Appends the UTF-8 form of `input` to `output`; problems go to `issues`, with offsets
    /// relative to the start of `input`.
    public func decode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], issues: inout [CharsetIssue]) {
        ISO5426Tables.graphic.withUnsafeBufferPointer { graphic in
            var marks = PendingMarks()
            let count = input.count
            var i = 0
            while i < count {
                let byte = input[i]
                if marks.isEmpty && byte >= 0x20 && byte < 0x7F {
                    var j = i + 1
                    while j < count, input[j] >= 0x20, input[j] < 0x7F { j += 1 }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<j]))
                    i = j
                    continue
                }
                let value: UInt32
                switch byte {
                case 0x21...0x7E, 0xA1...0xFE:
                    value = graphic[(byte < 0x80 ? 0 : 128) + Int(byte & 0x7F)]
                case 0x20:
                    if marks.isEmpty {
                        output.append(0x20)
                    } else {
                        marks.placeOnSpace(input: input, output: &output, issues: &issues, before: "a space", report: false)
                    }
                    i += 1
                    continue
                case 0x1B:
                    i = skipEscape(input, at: i, issues: &issues)
                    continue
                case 0x00...0x1F, 0x7F:
                    marks.placeOnSpace(input: input, output: &output, issues: &issues, before: "a control character")
                    output.append(byte)
                    i += 1
                    continue
                default:
                    value = byte < 0xA0 ? ISO5426Tables.c1[Int(byte) - 0x80] : 0
                    if value != 0 {
                        marks.placeOnSpace(input: input, output: &output, issues: &issues, before: "a control character")
                        appendUTF8(value, to: &output)
                        i += 1
                        continue
                    }
                }
                if value == 0 {
                    issues.append(CharsetIssue(
                        .unmappedBytes, offset: i, bytes: [byte],
                        message: "byte \(hexByte(byte)) maps to nothing in ISO 5426"))
                    marks.placeBase(length: appendUTF8(0xFFFD, to: &output), in: &output)
                } else if value & 0x8000_0000 != 0 {
                    marks.willAppendMark(at: i, outputCount: output.count)
                    appendUTF8(value & 0x1F_FFFF, to: &output)
                } else {
                    marks.placeBase(length: appendUTF8(value, to: &output), in: &output)
                }
                i += 1
            }
            marks.placeOnSpace(input: input, output: &output, issues: &issues, before: "the end of the field")
        }
    }

    /// Skips an ISO 2022 escape sequence (ESC, intermediates 0x20-0x2F, a final 0x30-0x7E);
    /// an ESC followed by anything else loses only the ESC.
    private func skipEscape(_ input: UnsafeBufferPointer<UInt8>, at i: Int, issues: inout [CharsetIssue]) -> Int {
        var j = i + 1
        while j < input.count, (0x21...0x2F).contains(input[j]) { j += 1 }
        let end = j < input.count && (0x30...0x7E).contains(input[j]) && j > i + 1 ? j + 1 : i + 1
        issues.append(CharsetIssue(
            .badEscape, offset: i, bytes: Array(input[i..<end].prefix(8)),
            message: "escape sequence in ISO 5426 text (another set is not supported); skipped"))
        return end
    }
}
