/// Cuts an ISIS ISO 2709 export into records and removes the line breaks CISIS puts in (isis-format.md
/// §9): the stream is cut every W bytes (80 by default) with LF or CR LF, plus a break after each
/// record, and those breaks are not counted in the record length. Sans-IO: it is handed bytes and
/// returns `nil` when it needs more.
///
/// Breaks are removed only where they are due — after every W bytes of a record, W learnt from the
/// first break met — so a CR or LF inside the data of an unwrapped (`iso=0=`, MARC mode) export is
/// kept. A record whose length then fails to land on a record terminator is re-read with every
/// CR/LF removed (a file re-wrapped by some other tool), and reported.
struct ISISISOFramer {
    struct Frame {
        /// The record without line breaks: exactly its leader length, or fewer when the input ended.
        var data: [UInt8]
        var streamOffset: Int64
        /// Data positions where line breaks were removed, with their length (for findings' offsets).
        var breaks: [(at: Int, length: Int)] = []
        /// Bytes skipped before the leader: where they began, the first few, and how many.
        var junkBefore: (offset: Int64, bytes: [UInt8], count: Int)?
        var truncated = false
        var lineBreaksIrregular = false

        /// Where data byte `i` was in the stream.
        func streamOffset(ofData i: Int) -> Int64 {
            streamOffset + Int64(i) + Int64(breaks.lazy.filter { $0.at <= i }.reduce(0) { $0 + $1.length })
        }
    }

    private(set) var buffer: [UInt8] = []
    private var start = 0
    /// Stream offset of `buffer[start]`.
    private(set) var consumedOffset: Int64 = 0
    /// Line width learnt from the first break inside a record.
    private(set) var lineWidth: Int?
    /// Junk met before the next leader, consumed as it is scanned (only a sample is kept): a stream
    /// of junk is scanned once and never held, rather than rescanned from its start at every chunk
    /// (50 MB without a leader took many minutes).
    private var pendingJunk: (offset: Int64, bytes: [UInt8], count: Int)?
    static let junkSampleBytes = 64

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Whitespace CISIS and text tools leave between records: breaks, `iso=NN=` padding, a DOS EOF.
    private static func isFiller(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D || b == 0x20 || b == 0x1A || b == 0 || b == 0x09 }

    private func isLeader(at p: Int) -> Bool {
        guard p + 24 <= buffer.count else { return false }
        for i in [0, 1, 2, 3, 4, 12, 13, 14, 15, 16] where buffer[p + i] &- 0x30 > 9 { return false }
        // The shortest record is a leader, a directory terminator and a record terminator; a shorter
        // length is not a leader (and taking it as one would never move past it).
        return buffer[p..<p + 5].reduce(0) { $0 * 10 + Int($1 - 0x30) } >= 26
    }

    /// The next record, or `nil` when more input is needed (or, at the end, when none is left).
    /// Bytes after the last record are returned by `takeTrailing()`.
    mutating func next(atEnd: Bool) -> Frame? {
        // Skip to the next leader: fillers silently, anything else as junk.
        var p = start
        while true {
            while p < buffer.count && Self.isFiller(buffer[p]) { p += 1 }
            if p + 24 > buffer.count {
                // Everything before `p` is filler or junk already tried as a leader: consumed.
                advance(to: p)
                return nil
            }
            if isLeader(at: p) { break }
            if pendingJunk == nil { pendingJunk = (consumedOffset + Int64(p - start), [], 0) }
            if pendingJunk!.bytes.count < Self.junkSampleBytes { pendingJunk!.bytes.append(buffer[p]) }
            pendingJunk!.count += 1
            p += 1
        }
        advance(to: p)
        // Breaks where the line width puts them; else none (an unwrapped export with CR or LF in
        // its data); else every CR and LF (lines of another width, or re-wrapped by some tool).
        var chosen: (frame: Frame, end: Int)?
        for mode in [Strip.atWidth, .none, .all] {
            guard let attempt = collect(from: p, strip: mode, atEnd: atEnd) else { return nil }
            if chosen == nil || attempt.frame.truncated { chosen = attempt }
            if attempt.frame.truncated { break }
            guard let fits = fits(attempt, atEnd: atEnd) else { return nil }
            if fits {
                chosen = attempt
                if mode == .all {
                    // Regular breaks at another width: learn it; anything else is worth a finding.
                    let width = attempt.frame.breaks.first?.at ?? 0
                    if width >= 24, attempt.frame.breaks.allSatisfy({ $0.at % width == 0 }) {
                        lineWidth = width
                    } else {
                        chosen!.frame.lineBreaksIrregular = true
                    }
                }
                break
            }
        }
        var frame = chosen!.frame
        advance(to: chosen!.end)
        frame.streamOffset = consumedOffset - Int64(chosen!.end - p)
        frame.junkBefore = pendingJunk
        pendingJunk = nil
        return frame
    }

    /// Bytes left over at the end of input that were not fillers.
    mutating func takeTrailing() -> (offset: Int64, bytes: [UInt8], count: Int)? {
        let rest = buffer[start...].filter { !Self.isFiller($0) }
        defer {
            advance(to: buffer.count)
            pendingJunk = nil
        }
        guard var junk = pendingJunk else { return rest.isEmpty ? nil : (consumedOffset, Array(rest), rest.count) }
        junk.bytes += rest.prefix(max(0, Self.junkSampleBytes - junk.bytes.count))
        junk.count += rest.count
        return junk
    }

    static func isTerminator(_ b: UInt8?) -> Bool { b == UInt8(ascii: "#") || b == 0x1D }

    private mutating func advance(to p: Int) {
        consumedOffset += Int64(p - start)
        start = p
    }

    enum Strip { case atWidth, none, all }

    /// Whether a framing attempt looks right: it ends on a record terminator, its directory ends on a
    /// field terminator, and what follows is a line break, padding, another leader or the end.
    /// (`#` is common in data, so the terminator alone proves little.) `nil`: more input needed.
    private func fits(_ attempt: (frame: Frame, end: Int), atEnd: Bool) -> Bool? {
        let d = attempt.frame.data
        guard Self.isTerminator(d.last) else { return false }
        let base = d[12..<17].reduce(0) { $0 * 10 + Int($1 &- 0x30) }
        guard base >= 25, base <= d.count, d[base - 1] == UInt8(ascii: "#") || d[base - 1] == 0x1E else { return false }
        guard attempt.end < buffer.count else { return atEnd ? true : nil }
        if Self.isFiller(buffer[attempt.end]) { return true }
        guard attempt.end + 24 <= buffer.count else { return atEnd ? false : nil }
        return isLeader(at: attempt.end)
    }

    /// Gathers the record's data bytes from `p`, dropping line breaks as `strip` says; `nil` when
    /// more input is needed.
    private func collect(from p: Int, strip: Strip, atEnd: Bool) -> (frame: Frame, end: Int)? {
        let length = buffer[p..<p + 5].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let width = lineWidth ?? 80  // CISIS's default line
        var data: [UInt8] = []
        data.reserveCapacity(length)
        var breaks: [(Int, Int)] = []
        var i = p
        while data.count < length {
            guard i < buffer.count else {
                if !atEnd { return nil }
                return (Frame(data: data, streamOffset: 0, breaks: breaks, truncated: true), i)
            }
            let b = buffer[i]
            if (b == 0x0A || b == 0x0D) && data.count > 0
                && (strip == .all || (strip == .atWidth && data.count % width == 0))
            {
                var n = 1
                if b == 0x0D {
                    guard i + 1 < buffer.count || atEnd else { return nil }
                    if i + 1 < buffer.count && buffer[i + 1] == 0x0A { n = 2 }
                }
                breaks.append((data.count, n))
                i += n
                continue
            }
            data.append(b)
            i += 1
        }
        return (Frame(data: data, streamOffset: 0, breaks: breaks), i)
    }
}
