// Encoding one field, shared by the MARC-8 and ISO 5426 encoders: the text is cut into clusters
// (a base and the combining marks after it), and each cluster is written marks first.

struct MARC8EncodeRun {
    let input: UnsafeBufferPointer<UInt8>
    let scheme: MARC8EncodingScheme
    let decompose: (@Sendable (UInt32) -> [UInt32]?)?
    /// The set in G0; G1 always holds ANSEL (or ISO 5426).
    var g0 = MARC8Set.ascii
    var position = 0
    /// A decomposition being handed out, and where its scalar was in the input.
    var queue: [UInt32] = []
    var queueIndex = 0
    var queueOffset = 0
    var lookahead: Item?
    /// The marks of the current cluster (kept to reuse its storage).
    var marks: [Item] = []
    /// The second half of a U+0361/U+0360 met in the previous cluster, for the next letter.
    var pendingSecondHalf: UInt8?

    init(input: UnsafeBufferPointer<UInt8>, scheme: MARC8EncodingScheme,
         decompose: (@Sendable (UInt32) -> [UInt32]?)?) {
        self.input = input
        self.scheme = scheme
        self.decompose = decompose
    }

    mutating func encode(into output: inout [UInt8], issues: inout [CharsetIssue]) {
        let count = input.count
        while true {
            if g0 == MARC8Set.ascii && lookahead == nil && queueIndex >= queue.count && pendingSecondHalf == nil {
                // ASCII runs copy through, except `&` (maybe a reference) and a last letter that
                // non-ASCII marks may follow (it must be written after them).
                var j = position
                while j < count {
                    let byte = input[j]
                    if byte < 0x20 || byte >= 0x7F || byte == 0x26 { break }
                    j += 1
                }
                if j < count && input[j] >= 0x80 && j > position { j -= 1 }
                if j > position {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[position..<j]))
                    position = j
                }
            }
            guard let item = next(issues: &issues) else { break }
            encodeCluster(startingWith: item, output: &output, issues: &issues)
        }
        switchG0(to: MARC8Set.ascii, output: &output)
    }

    private mutating func encodeCluster(startingWith base: Item, output: inout [UInt8], issues: inout [CharsetIssue]) {
        if base.isMark {
            writeOrphanMarks(startingWith: base, output: &output, issues: &issues)
            return
        }
        if base.scalar < 0x20 && base.scalar != 0x1B || base.scalar == 0x7F {
            // Controls (the subfield delimiter above all) pass through, at the default sets.
            switchG0(to: MARC8Set.ascii, output: &output)
            pendingSecondHalf = nil
            output.append(UInt8(base.scalar))
            return
        }
        marks.removeAll(keepingCapacity: true)
        while let item = next(issues: &issues) {
            if !item.isMark {
                lookahead = item
                break
            }
            marks.append(item)
        }
        let isSpace = base.scalar == 0x20
        var baseValue: UInt32?
        if base.entry >= 0 && !(base.scalar == 0x26 && scheme.protectsAmpersand
                                && parseNumericReference(input, at: base.offset) != nil) {
            baseValue = choose(base.entry, preferring: nil)
        }
        if let half = pendingSecondHalf, !isSpace { output.append(half) }
        pendingSecondHalf = nil
        // Marks go first, up to the first one the set lacks; that one and all after it follow
        // the base as references, so their order is kept.
        var encodable = 0
        while encodable < marks.count && (marks[encodable].entry >= 0
                                          || scheme.doubleDiacritic(marks[encodable].scalar) != nil) {
            encodable += 1
        }
        let baseSet = baseValue.map { Int($0 >> 24 & 0x7F) }
        for mark in marks[..<encodable] {
            if let pair = scheme.doubleDiacritic(mark.scalar) {
                output.append(pair.first)
                pendingSecondHalf = pair.second
            } else {
                write(choose(mark.entry, preferring: baseSet), output: &output)
            }
        }
        if isSpace {
            output.append(0x20)  // a space in every set: no escape needed
        } else if let baseValue {
            write(baseValue, output: &output)
        } else {
            writeReference(base, output: &output, issues: &issues, report: !base.isInvalid && base.scalar != 0x26)
        }
        for mark in marks[encodable...] {
            writeReference(mark, output: &output, issues: &issues, report: mark.entry < 0)
        }
        if isSpace { pendingSecondHalf = nil }
    }

    /// Marks with no base before them (at the start, or after a control): written in place as
    /// references, which the decoder leaves in place, rather than before the next letter.
    private mutating func writeOrphanMarks(startingWith first: Item, output: inout [UInt8],
                                           issues: inout [CharsetIssue]) {
        pendingSecondHalf = nil
        var item: Item? = first
        while let mark = item, mark.isMark {
            writeReference(mark, output: &output, issues: &issues, report: false)
            item = next(issues: &issues)
        }
        lookahead = item
        issues.append(CharsetIssue(
            .danglingCombiningMark, offset: first.offset, bytes: Array(input[first.offset..<min(position, first.offset + 8)]),
            message: "combining mark with no base character; written as a numeric character reference"))
    }

    /// The table value to write for the entries from `entry` on (all for one scalar): one in
    /// `preferred`, else one needing no escape, else the first.
    private func choose(_ entry: Int, preferring preferred: Int?) -> UInt32 {
        let reverse = scheme.reverse
        let scalar = reverse.scalars[entry]
        var free: UInt32?
        var k = entry
        while k < reverse.scalars.count && reverse.scalars[k] == scalar {
            let value = reverse.values[k]
            let set = Int(value >> 24 & 0x7F)
            if set == preferred { return value }
            if free == nil && (set == g0 || set == MARC8Set.ansel || set == MARC8Set.c1) { free = value }
            k += 1
        }
        return free ?? reverse.values[entry]
    }

    private mutating func write(_ value: UInt32, output: inout [UInt8]) {
        let set = Int(value >> 24 & 0x7F)
        let code = value & 0xFF_FFFF
        switch set {
        case MARC8Set.ansel:
            output.append(0x80 | UInt8(truncatingIfNeeded: code))
        case MARC8Set.c1:
            output.append(UInt8(truncatingIfNeeded: code))
        case MARC8Set.eacc:
            switchG0(to: set, output: &output)
            output.append(UInt8(truncatingIfNeeded: code >> 16))
            output.append(UInt8(truncatingIfNeeded: code >> 8))
            output.append(UInt8(truncatingIfNeeded: code))
        default:
            switchG0(to: set, output: &output)
            output.append(UInt8(truncatingIfNeeded: code))
        }
    }

    private mutating func writeReference(_ item: Item, output: inout [UInt8], issues: inout [CharsetIssue],
                                         report: Bool) {
        switchG0(to: MARC8Set.ascii, output: &output)
        appendNumericReference(item.scalar, to: &output)
        guard report else { return }
        var bytes: [UInt8] = []
        appendUTF8(item.scalar, to: &bytes)
        let hex = String(item.scalar, radix: 16, uppercase: true)
        issues.append(CharsetIssue(
            .unencodable, offset: item.offset, bytes: bytes,
            message: "U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex) is not in \(scheme.name); "
                + "written as a numeric character reference"))
    }

    /// Writes the escape that puts `set` in G0, when it is not there already.
    private mutating func switchG0(to set: Int, output: inout [UInt8]) {
        guard g0 != set else { return }
        precondition(scheme.designates, "\(scheme.name) has no set \(set) to switch to")
        let final = MARC8Tables.finals[set]
        switch set {
        case MARC8Set.ascii where MARC8Set.isTechniqueOne(g0):
            output.append(contentsOf: [0x1B, UInt8(ascii: "s")])
        case _ where MARC8Set.isTechniqueOne(set):
            output.append(contentsOf: [0x1B, final])
        case MARC8Set.eacc:
            output.append(contentsOf: [0x1B, UInt8(ascii: "$"), final])
        default:
            output.append(contentsOf: [0x1B, UInt8(ascii: "("), final])
        }
        g0 = set
    }
}
