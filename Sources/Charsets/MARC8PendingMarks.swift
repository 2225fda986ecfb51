// Output helpers shared by the MARC-8 and ISO 5426 decoders.

/// Appends the UTF-8 form of `scalar` (assumed valid) and returns how many bytes it took.
@inline(__always) @discardableResult
func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) -> Int {
    switch scalar {
    case ..<0x80:
        output.append(UInt8(truncatingIfNeeded: scalar))
        return 1
    case ..<0x800:
        output.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
        output.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        return 2
    case ..<0x10000:
        output.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
        output.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
        output.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        return 3
    default:
        output.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
        output.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
        output.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
        output.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        return 4
    }
}

/// Combining marks met before their base. MARC-8 and ISO 5426 write a mark before the letter it
/// sits on, Unicode after it; the decoders write marks to the output as they come and, when the
/// base arrives, move the base's bytes in front of them. No buffer is allocated: the marks wait
/// in the output itself.
struct PendingMarks {
    /// Where in the output the waiting marks begin; -1 when none wait.
    private(set) var start = -1
    /// Input offsets of the first and last waiting mark, for the issue.
    private var firstOffset = 0
    private var lastOffset = 0

    var isEmpty: Bool { start < 0 }

    /// Records that a mark read at `offset` is about to be appended to `output`.
    @inline(__always)
    mutating func willAppendMark(at offset: Int, outputCount: Int) {
        if start < 0 {
            start = outputCount
            firstOffset = offset
        }
        lastOffset = offset
    }

    /// Puts the base just appended (the last `length` bytes of `output`) before the waiting marks.
    @inline(__always)
    mutating func placeBase(length: Int, in output: inout [UInt8]) {
        guard start >= 0 else { return }
        let markStart = start
        start = -1
        output.withUnsafeMutableBufferPointer { buffer in
            let end = buffer.count
            var base: UInt32 = 0
            for k in 0..<length { base |= UInt32(buffer[end - length + k]) << (8 * k) }
            var j = end - 1
            while j >= markStart + length {
                buffer[j] = buffer[j - length]
                j -= 1
            }
            for k in 0..<length { buffer[markStart + k] = UInt8(truncatingIfNeeded: base >> (8 * k)) }
        }
    }

    /// Marks with no letter to sit on (a space, a control such as the subfield delimiter, or the
    /// end of the field came first) get a space as their base, which is how Unicode writes a lone
    /// mark; they are kept and reported. A MARC-8 mark written before a space (its way of writing
    /// a spacing accent) comes out the same way: the space is consumed as the base, and as that is
    /// the convention rather than a defect, it is not reported (`report: false`).
    mutating func placeOnSpace(input: UnsafeBufferPointer<UInt8>, output: inout [UInt8], issues: inout [CharsetIssue],
                               before what: String, report: Bool = true) {
        guard start >= 0 else { return }
        let first = firstOffset
        let last = min(lastOffset, firstOffset + 7)
        output.append(0x20)
        placeBase(length: 1, in: &output)
        guard report else { return }
        issues.append(CharsetIssue(
            .danglingCombiningMark, offset: first, bytes: Array(input[first...last]),
            message: "combining mark with no base character before \(what); kept after a space"))
    }
}
