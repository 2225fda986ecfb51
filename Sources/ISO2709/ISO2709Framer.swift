#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KatalogIO
import MARCRecord

/// Cuts a byte stream into record frames (sans-IO: it is handed bytes and never reads them itself).
///
/// A frame normally ends at the record terminator 0x1D. Two real-world defects are handled here:
/// junk between records (DOS EOF 0x1A, CR/LF, blanks, NULs, stray terminators) is skipped and
/// remembered so the reader can report it; and a record whose terminator is missing is cut at the
/// length its leader gives when the byte before that point ends a field and a plausible leader
/// follows. Everything else — lengths counted in characters, broken directories — is the parser's
/// business: framing on 0x1D keeps one bad length from swallowing the next record.
/// Bounds that hold against hostile input (README, "Hostile input and fuzzing").
public enum ISO2709Limits {
    /// The longest run of bytes read as one record when no record terminator comes. ISO 2709 cannot
    /// state more than 99,999; lenient framing by the terminator allows ten times that for records
    /// whose length wrapped, and no more: a longer run is refused (`iso2709.record-too-large`) and
    /// skipped to its next terminator without being buffered, so a terminator-less 1 GB file costs
    /// one pass and about this much memory.
    public static let maxRecordBytes = 1 << 20
}

package struct ISO2709Framer {
    package struct Junk: Sendable {
        package var streamOffset: Int64
        package var count: Int
        package var sample: [UInt8]
    }

    package struct Frame {
        /// Where the frame lies in `buffer`.
        package var range: Range<Int>
        package var streamOffset: Int64
        /// The frame ends with 0x1D.
        package var terminated: Bool
        /// The frame was cut at the leader's length because the terminator was missing.
        package var cutAtLeaderLength: Bool
        /// The frame was cut because no terminator appeared within `maxFrameBytes`.
        package var cutAtLimit: Bool
        /// Junk skipped just before this frame.
        package var junkBefore: Junk?
    }

    package private(set) var buffer: [UInt8] = []
    private var readIndex = 0
    /// Stream offset of `buffer[0]`.
    private var bufferOffset: Int64 = 0
    private var pendingJunk: Junk?
    /// Bytes after `readIndex` already searched for a terminator in vain: a record arriving in many
    /// chunks is searched once, not once per chunk (which was quadratic in the record's size).
    private var searchedWithoutTerminator = 0
    /// After a frame cut at `maxFrameBytes`: the rest of that run, up to and including the next
    /// 0x1D, is dropped as it arrives (never buffered), so a terminator-less gigabyte costs one pass.
    package private(set) var discarding = false
    /// Bytes dropped so far while `discarding`.
    package private(set) var discardedBytes: Int64 = 0
    package let maxFrameBytes: Int

    package init(maxFrameBytes: Int = ISO2709Limits.maxRecordBytes) {
        self.maxFrameBytes = maxFrameBytes
    }

    package var consumedOffset: Int64 { bufferOffset + Int64(readIndex) }

    /// Makes room for `count` more bytes and lets `fill` write them; `fill` returns how many it wrote.
    package mutating func append(upTo count: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int)
        throws -> Int
    {
        if readIndex > 0 && (readIndex >= buffer.count / 2 || buffer.count + count > buffer.capacity) {
            buffer.removeSubrange(0..<readIndex)
            bufferOffset += Int64(readIndex)
            readIndex = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: count))
        let n: Int
        do {
            n = try buffer.withUnsafeMutableBytes { (raw) throws -> Int in
                try fill(UnsafeMutableRawBufferPointer(rebasing: raw[old..<(old + count)]))
            }
        } catch {
            buffer.removeLast(count)
            throw error
        }
        buffer.removeLast(count - n)
        return n
    }

    /// Junk left after the last record, available once `nextFrame(atEnd: true)` has returned `nil`.
    package mutating func takeTrailingJunk() -> Junk? {
        defer { pendingJunk = nil }
        return pendingJunk
    }

    /// The next complete frame, or `nil` when more bytes are needed (or, at the end, none are left).
    package mutating func nextFrame(atEnd: Bool) -> Frame? {
        if discarding {
            let from = readIndex
            let hit = findTerminator(from: from)
            readIndex = hit.map { $0 + 1 } ?? buffer.count
            discardedBytes += Int64(readIndex - from)
            searchedWithoutTerminator = 0
            guard hit != nil else { return nil }
            discarding = false
        }
        let before = readIndex
        skipJunk()
        if readIndex != before { searchedWithoutTerminator = 0 }
        guard readIndex < buffer.count else { return nil }
        let start = readIndex
        let available = buffer.count - start
        let terminator = findTerminator(from: start + min(searchedWithoutTerminator, available))
        var frame: Frame
        if let t = terminator {
            frame = Frame(range: start..<(t + 1), streamOffset: offset(start), terminated: true,
                cutAtLeaderLength: false, cutAtLimit: false, junkBefore: nil)
            if let cut = missingTerminatorCut(start: start, terminator: t) {
                frame.range = start..<cut
                frame.terminated = false
                frame.cutAtLeaderLength = true
            }
        } else if atEnd {
            frame = Frame(range: start..<buffer.count, streamOffset: offset(start), terminated: false,
                cutAtLeaderLength: false, cutAtLimit: false, junkBefore: nil)
            if let cut = missingTerminatorCut(start: start, terminator: buffer.count) {
                frame.range = start..<cut
                frame.cutAtLeaderLength = true
            }
        } else if available > maxFrameBytes {
            frame = Frame(range: start..<(start + maxFrameBytes), streamOffset: offset(start), terminated: false,
                cutAtLeaderLength: false, cutAtLimit: true, junkBefore: nil)
            discarding = true
            discardedBytes = Int64(maxFrameBytes)
        } else {
            searchedWithoutTerminator = available
            return nil
        }
        frame.junkBefore = pendingJunk
        pendingJunk = nil
        readIndex = frame.range.upperBound
        searchedWithoutTerminator = 0
        return frame
    }

    private func findTerminator(from index: Int) -> Int? {
        guard index < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { p in
            guard let hit = memchr(p.baseAddress! + index, Int32(Byte.recordTerminator), p.count - index) else {
                return nil
            }
            return p.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func offset(_ index: Int) -> Int64 { bufferOffset + Int64(index) }

    /// Bytes that real exports leave between records.
    @inline(__always)
    private static func isJunk(_ b: UInt8) -> Bool {
        b == 0x1A || b == 0x0D || b == 0x0A || b == 0x20 || b == 0x00 || b == 0x09 || b == Byte.recordTerminator
            || b == Byte.fieldTerminator
    }

    private mutating func skipJunk() {
        var i = readIndex
        while i < buffer.count && Self.isJunk(buffer[i]) { i += 1 }
        guard i > readIndex else { return }
        if pendingJunk == nil { pendingJunk = Junk(streamOffset: offset(readIndex), count: 0, sample: []) }
        pendingJunk!.count += i - readIndex
        if pendingJunk!.sample.count < 16 {
            pendingJunk!.sample.append(contentsOf: buffer[readIndex..<min(i, readIndex + 16 - pendingJunk!.sample.count)])
        }
        readIndex = i
    }

    /// When the leader's length ends well before the first terminator, right after a field
    /// terminator and right before something shaped like a leader, the record lost its 0x1D.
    private func missingTerminatorCut(start: Int, terminator t: Int) -> Int? {
        guard buffer.count - start >= 5 else { return nil }
        let declared: Int? = buffer.withUnsafeBufferPointer { Byte.decimal($0.baseAddress!, start, 5) }
        guard let length = declared, length >= 26 else { return nil }
        let cut = start + length
        guard cut < t, buffer[cut - 1] == Byte.fieldTerminator, cut + 24 <= buffer.count else { return nil }
        return ISO2709Framer.looksLikeLeader(buffer, at: cut) ? cut : nil
    }

    /// Digits where a leader has them: length (00–04), indicator and code counts (10–11), base
    /// address (12–16).
    package static func looksLikeLeader(_ bytes: [UInt8], at p: Int) -> Bool {
        guard p >= 0, p + 24 <= bytes.count else { return false }
        for i in [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 15, 16] where !Byte.isDigit(bytes[p + i]) { return false }
        return true
    }
}

