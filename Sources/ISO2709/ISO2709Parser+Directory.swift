import MARCRecord

/// Recovery when the directory and the data disagree: the field terminators in the data are the
/// truth, the directory supplies the tags.
extension ISO2709Parser {
    /// Splits the data area at its field terminators and pairs the pieces with the directory's tags:
    /// by start offset when every entry points at a piece (directories in any order, offsets written
    /// modulo 10^n), otherwise in directory order.
    mutating func rebuildFromTerminators(
        _ s: [UInt8], dataStart: Int, dataEnd: Int, startDigits: Int, site: inout Site
    ) -> [FieldEntry] {
        segments.removeAll(keepingCapacity: true)
        var pieceStart = dataStart
        for i in dataStart..<dataEnd where s[i] == Byte.fieldTerminator {
            segments.append(pieceStart..<i)
            pieceStart = i + 1
        }
        if pieceStart < dataEnd {
            segments.append(pieceStart..<dataEnd)
            site.add(.warning, .missingFieldTerminator, "last field has no field terminator",
                action: "field ends at the end of the record", at: dataEnd, tag: nil)
        }
        let dataLength = dataEnd - dataStart
        let firstBad = scratch.firstIndex { (e: RawEntry) -> Bool in
            if e.length < 1 || e.start < 0 { return true }
            if e.start + e.length > dataLength { return true }
            return s[dataStart + e.start + e.length - 1] != Byte.fieldTerminator
        }
        let described = firstBad.map { i -> String in
            let e = scratch[i]
            return "entry \(i + 1) (\(e.tag)) length \(e.length < 0 ? "?" : String(e.length)) "
                + "start \(e.start < 0 ? "?" : String(e.start))"
        } ?? "entries"

        var result: [FieldEntry] = []
        result.reserveCapacity(scratch.count)

        // Pair by start offset: in bytes, in characters (writers that count characters), or in bytes
        // modulo what the start digits can hold (offsets past 99,999 written wrapped). An entry owns
        // the pieces from the one it points at up to the next entry's, as far as its length reaches,
        // so a field with a stray terminator inside becomes two fields with the same tag.
        if let owned = pairByStart(s, dataStart: dataStart, startDigits: startDigits) {
            var split: [String] = []
            for (e, pieces) in zip(scratch, owned) {
                for piece in pieces { result.append(entry(e.tag, segments[piece])) }
                if pieces.count > 1 { split.append("\(e.tag)") }
            }
            site.add(.warning, .directoryRebuilt,
                "directory disagrees with the field terminators (first: \(described))",
                action: "fields re-derived from the terminators, paired with entries by start offset",
                at: Leader.length, tag: "DIR")
            if !split.isEmpty {
                site.add(.warning, .directoryRebuilt,
                    "field terminator inside field(s) \(split.joined(separator: " "))",
                    action: "each part kept as a field with the same tag", at: Leader.length, tag: "DIR")
            }
            let claimed = Set(owned.joined())
            for (i, piece) in segments.enumerated() where !claimed.contains(i) {
                site.add(.error, .unreferencedData,
                    "field data without a directory entry: \(piece.count) byte(s) "
                        + "(\(ASCII.escaped(s[piece], limit: 32)))",
                    action: "dropped: no tag to give it", at: piece.lowerBound, tag: nil)
            }
            return result
        }

        // Pair in order.
        let paired = min(scratch.count, segments.count)
        for i in 0..<paired { result.append(entry(scratch[i].tag, segments[i])) }
        site.add(.warning, .directoryRebuilt,
            "directory disagrees with the field terminators (first: \(described)); "
                + "\(scratch.count) entries, \(segments.count) terminated fields",
            action: "\(paired) field(s) re-derived from the terminators, tags taken in directory order",
            at: Leader.length, tag: "DIR")
        if scratch.count > paired {
            let tags = scratch[paired...].map(\.tag.description).joined(separator: " ")
            site.add(.error, .directoryEntriesDropped,
                "\(scratch.count - paired) directory entr(y/ies) have no field data: \(tags)",
                action: "entries dropped", at: Leader.length + paired * 12, tag: "DIR")
        }
        for piece in segments.dropFirst(paired) {
            site.add(.error, .unreferencedData,
                "field data without a directory entry: \(piece.count) byte(s) "
                    + "(\(ASCII.escaped(s[piece], limit: 32)))",
                action: "dropped: no tag to give it", at: piece.lowerBound, tag: nil)
        }
        return result
    }

    /// For each directory entry, the pieces it owns; `nil` unless every entry's start matches the
    /// start of a distinct piece under one way of counting.
    private func pairByStart(_ s: [UInt8], dataStart: Int, startDigits: Int) -> [[Int]]? {
        guard !scratch.isEmpty, !segments.isEmpty else { return nil }
        var modulus = 1
        for _ in 0..<min(startDigits, 18) { modulus *= 10 }
        // Start of each piece in bytes and in characters, and its extent in both.
        var byteStarts: [Int] = []
        var charStarts: [Int] = []
        var charLengths: [Int] = []
        var chars = 0
        for piece in segments {
            byteStarts.append(piece.lowerBound - dataStart)
            charStarts.append(chars)
            var n = 1  // the terminator
            for b in s[piece] where b & 0xC0 != 0x80 { n += 1 }
            charLengths.append(n)
            chars += n
        }
        let ways: [(starts: [Int], lengths: [Int], mod: Int)] = [
            (byteStarts, segments.map { $0.count + 1 }, Int.max),
            (charStarts, charLengths, Int.max),
            (byteStarts, segments.map { $0.count + 1 }, modulus),
        ]
        for way in ways {
            var index: [Int: Int] = [:]
            for (i, start) in way.starts.enumerated() { index[way.mod == Int.max ? start : start % way.mod] = i }
            var first: [Int] = []
            var taken = Set<Int>()
            for e in scratch {
                guard e.start >= 0, let i = index[e.start], taken.insert(i).inserted else { break }
                first.append(i)
            }
            guard first.count == scratch.count else { continue }
            let sortedFirsts = first.sorted()
            var owned: [[Int]] = []
            for (k, i) in first.enumerated() {
                let next = sortedFirsts.first(where: { $0 > i }) ?? segments.count
                var pieces = [i]
                var covered = way.lengths[i]
                var j = i + 1
                while j < next && scratch[k].length >= covered + way.lengths[j] {
                    covered += way.lengths[j]
                    pieces.append(j)
                    j += 1
                }
                owned.append(pieces)
            }
            return owned
        }
        return nil
    }

    private func entry(_ tag: Tag, _ piece: Range<Int>) -> FieldEntry {
        FieldEntry(tag: tag, start: piece.lowerBound, length: piece.count)
    }

    /// The directory is valid but does not account for every data byte: report whatever lies
    /// between or after the fields it names, unless it is only padding.
    func reportUnreferencedData(_ s: [UInt8], dataStart: Int, dataEnd: Int, site: inout Site) {
        var spans = scratch.map { (dataStart + $0.start)..<(dataStart + $0.start + $0.length) }
        spans.sort { $0.lowerBound < $1.lowerBound }
        var cursor = dataStart
        var gaps: [Range<Int>] = []
        for span in spans {
            if span.lowerBound > cursor { gaps.append(cursor..<span.lowerBound) }
            cursor = max(cursor, span.upperBound)
        }
        if cursor < dataEnd { gaps.append(cursor..<dataEnd) }
        for gap in gaps {
            let bytes = s[gap]
            if bytes.allSatisfy({ $0 == Byte.space || $0 == 0 || $0 == Byte.fieldTerminator }) { continue }
            site.add(.error, .unreferencedData,
                "\(gap.count) byte(s) of data not referenced by the directory (\(ASCII.escaped(bytes, limit: 32)))",
                action: "dropped", at: gap.lowerBound, tag: "DIR")
        }
    }
}
