public import MARCRecord

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
        for i in dataStart..<dataEnd where s[i] == ASCII.fieldTerminator {
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
            return s[dataStart + e.start + e.length - 1] != ASCII.fieldTerminator
        }
        let described = firstBad.map { i -> String in
            let e = scratch[i]
            return "entry \(i + 1) (\(e.tag)) length \(e.length < 0 ? "?" : String(e.length)) "
                + "start \(e.start < 0 ? "?" : String(e.start))"
        } ?? "entries"

        var result: [FieldEntry] = []
        result.reserveCapacity(scratch.count)

        // Pair by start offset (modulo what the start digits can hold).
        var modulus = 1
        for _ in 0..<min(startDigits, 18) { modulus *= 10 }
        var pieceAt: [Int: Int] = [:]
        for (i, piece) in segments.enumerated() { pieceAt[(piece.lowerBound - dataStart) % modulus] = i }
        var used = Set<Int>()
        var byStart: [Int] = []
        for e in scratch {
            guard e.start >= 0, let i = pieceAt[e.start], used.insert(i).inserted else { break }
            byStart.append(i)
        }
        if scratch.count == segments.count && byStart.count == scratch.count {
            for (e, i) in zip(scratch, byStart) { result.append(entry(e.tag, segments[i])) }
            site.add(.warning, .directoryRebuilt,
                "directory lengths disagree with the field terminators (first: \(described))",
                action: "field lengths re-derived from the terminators", at: Leader.length, tag: "DIR")
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
            if bytes.allSatisfy({ $0 == ASCII.space || $0 == 0 || $0 == ASCII.fieldTerminator }) { continue }
            site.add(.error, .unreferencedData,
                "\(gap.count) byte(s) of data not referenced by the directory (\(ASCII.escaped(bytes, limit: 32)))",
                action: "dropped", at: gap.lowerBound, tag: "DIR")
        }
    }
}
