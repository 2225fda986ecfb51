// The encoder's input side: UTF-8 → scalars, each classified once, with decompositions spliced in.

extension MARC8EncodeRun {
    /// One input scalar. `entry` is its first index in the reverse table, -1 when it has none.
    struct Item {
        var scalar: UInt32
        var offset: Int
        var entry: Int
        var isMark: Bool
        var isInvalid = false
    }

    /// The next scalar, or nil at the end of the input.
    mutating func next(issues: inout [CharsetIssue]) -> Item? {
        if let item = lookahead {
            lookahead = nil
            return item
        }
        if queueIndex < queue.count {
            queueIndex += 1
            return classify(queue[queueIndex - 1], offset: queueOffset)
        }
        guard position < input.count else { return nil }
        let offset = position
        guard let decoded = decodeUTF8(at: position) else {
            let length = invalidLength(at: position)
            position += length
            let bytes = Array(input[offset..<offset + length])
            issues.append(CharsetIssue(
                .invalidUTF8, offset: offset, bytes: bytes,
                message: "bytes \(bytes.map { hexByte($0) }.joined(separator: " ")) are not UTF-8; wrote &#xFFFD;"))
            return Item(scalar: 0xFFFD, offset: offset, entry: -1, isMark: false, isInvalid: true)
        }
        let scalar = decoded.scalar
        position += decoded.length
        let item = classify(scalar, offset: offset)
        guard item.entry < 0, scalar >= 0x20, scheme.doubleDiacritic(scalar) == nil, decompose != nil,
              let parts = expand(scalar, depth: 0), parts != [scalar]
        else { return item }
        queue = parts
        queueIndex = 1
        queueOffset = offset
        return classify(parts[0], offset: offset)
    }

    private func classify(_ scalar: UInt32, offset: Int) -> Item {
        if let entry = scheme.reverse.firstIndex(of: scalar) {
            return Item(scalar: scalar, offset: offset, entry: entry,
                        isMark: scheme.reverse.values[entry] & 0x8000_0000 != 0)
        }
        let mark = scalar >= 0x300 && (scheme.doubleDiacritic(scalar) != nil || isCombiningMark(scalar))
        return Item(scalar: scalar, offset: offset, entry: -1, isMark: mark)
    }

    /// `scalar` as encodable parts, decomposing (recursively) what has no mapping; nil when some
    /// part stays unencodable.
    private func expand(_ scalar: UInt32, depth: Int) -> [UInt32]? {
        if scheme.reverse.firstIndex(of: scalar) != nil || scheme.doubleDiacritic(scalar) != nil { return [scalar] }
        guard depth < 4, let decompose, let parts = decompose(scalar), !parts.isEmpty, parts != [scalar] else {
            return nil
        }
        var out: [UInt32] = []
        for part in parts {
            guard let expanded = expand(part, depth: depth + 1) else { return nil }
            out += expanded
        }
        return out
    }

    /// The well-formed UTF-8 scalar at `i` and its length, or nil.
    private func decodeUTF8(at i: Int) -> (scalar: UInt32, length: Int)? {
        let b0 = input[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let (length, low, high): (Int, UInt8, UInt8)
        switch b0 {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)  // no surrogates
        case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return nil
        }
        guard i + length <= input.count, (low...high).contains(input[i + 1]) else { return nil }
        var scalar = UInt32(b0) & (0xFF >> (length + 1))
        for k in 1..<length {
            let byte = input[i + k]
            guard byte & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        return (scalar, length)
    }

    /// The length of the maximal ill-formed subsequence at `i` (Unicode's "maximal subpart"
    /// practice: a truncated sequence counts once, a stray byte alone).
    private func invalidLength(at i: Int) -> Int {
        let b0 = input[i]
        let (length, low, high): (Int, UInt8, UInt8)
        switch b0 {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return 1
        }
        var k = 1
        while k < length, i + k < input.count {
            let byte = input[i + k]
            let ok = k == 1 ? (low...high).contains(byte) : byte & 0xC0 == 0x80
            if !ok { break }
            k += 1
        }
        return k
    }
}
