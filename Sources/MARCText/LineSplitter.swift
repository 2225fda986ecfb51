#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a byte stream into lines ending in LF or CR LF (sans-IO: it is handed bytes and never reads them).
struct LineSplitter {
    struct Line {
        /// The line's bytes in `input.bytes`, without its line end.
        var range: Range<Int>
        var streamOffset: Int64
        /// 1-based.
        var number: Int
        /// The line was longer than the limit and was cut there; the rest comes as the next line.
        var cut: Bool
    }

    var input = ChunkBuffer()
    let maxLineBytes: Int
    private var lineNumber = 0
    /// Where the search for the next line feed resumes, so a line arriving in many chunks is searched once.
    private var searchFrom = 0

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    var consumedOffset: Int64 { input.consumedOffset }

    mutating func append(upTo count: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> Int {
        let (n, shift) = try input.append(upTo: count, fill)
        searchFrom = max(searchFrom - shift, 0)
        return n
    }

    /// The next line, or `nil` when more bytes are needed (or, at the end, none are left).
    mutating func nextLine(atEnd: Bool) -> Line? {
        let start = input.readIndex
        let count = input.count
        guard start < count else { return nil }
        let from = max(searchFrom, start)
        let feed: Int? = input.bytes.withUnsafeBufferPointer { p in
            guard from < count, let hit = memchr(p.baseAddress! + from, Int32(TextByte.lineFeed), count - from) else {
                return nil
            }
            return p.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        var end: Int
        var next: Int
        var cut = false
        if let feed, feed - start <= maxLineBytes {
            end = feed
            next = feed + 1
        } else if count - start > maxLineBytes {
            end = start + maxLineBytes
            next = end
            cut = true
        } else if atEnd {
            end = count
            next = count
        } else {
            searchFrom = count
            return nil
        }
        if !cut && end > start && input.bytes[end - 1] == TextByte.carriageReturn { end -= 1 }
        lineNumber += 1
        input.readIndex = next
        searchFrom = next
        return Line(range: start..<end, streamOffset: input.offset(start), number: lineNumber, cut: cut)
    }
}
