/// Cuts a MARC-in-JSON byte stream into one span per record object (sans-IO: it is handed bytes and never
/// reads them itself), so the parser only ever sees one record and memory stays at one record whatever the
/// size of the input.
///
/// Three layouts are accepted, in any mix: NDJSON (one object per line, blank lines allowed), a top-level
/// array of objects, and objects one after another (a single pretty-printed object is the simplest case).
/// The framer tracks only string and nesting state, so the scan resumes where it stopped when a chunk ends.
///
/// One rule bounds the damage of a broken record: a line that starts with `{` followed by a `"leader"` or
/// `"fields"` key starts a new record even when the previous one was never closed (or a string in it never
/// ended), since those keys exist only at record level. A truncated NDJSON line therefore costs that line,
/// not the rest of the file, while a raw line feed inside a string (illegal, but MARC4J's test data has it)
/// stays part of the record for the parser to report.
struct JSONFramer {
    /// A place in the stream: byte offset, and 1-based line and column (the column counts bytes).
    struct Position: Sendable, Hashable {
        var offset: Int64
        var line: Int
        var column: Int
    }

    struct Frame {
        /// Where the record's bytes lie in `input.bytes`.
        var range: Range<Int>
        var start: Position
        /// The object was closed; `false` when it was cut (a new record starting on the next line, the end of
        /// the input, or the size limit). The parser then reports where the record stops making sense.
        var complete: Bool
        var tooLarge: Bool
        /// The record is an element of a top-level array.
        var inArray: Bool
    }

    struct Junk {
        var start: Position
        var count: Int
        var sample: [UInt8]
    }

    enum Event {
        case record(Frame)
        /// Bytes between records that are not whitespace, reported once per run.
        case junk(Junk)
        /// Inside an array, a record followed by another without a comma between them.
        case missingComma(Position)
        /// Inside an array, a byte that cannot continue it: nothing after it can be trusted.
        case brokenArray(Position, found: UInt8)
        /// The input ended inside an array.
        case unclosedArray(Position)
    }

    private enum Layout {
        /// Between top-level values.
        case top
        /// Inside an array, where a value (or, for an empty array or after a trailing comma, `]`) belongs.
        case arrayValue
        /// Inside an array, after a value.
        case arrayComma
    }

    /// The state of a record scan that ran out of bytes.
    private struct Scan {
        var position: Int
        var depth = 0
        var inString = false
        var escaped = false
        var lines = 0
        var lastLineStart: Int64 = 0
    }

    var input = ChunkBuffer()
    let maxFrameBytes: Int
    private var layout = Layout.top
    private var scan: Scan?
    private var pendingJunk: Junk?
    /// Inside a line of junk: the rest of the line is junk too.
    private var skippingJunkLine = false
    private var byteOrderMarkChecked = false
    /// Line number and line-start offset at `input.readIndex`.
    private var line = 1
    private var lineStart: Int64 = 0

    init(maxFrameBytes: Int) {
        self.maxFrameBytes = maxFrameBytes
    }

    var consumedOffset: Int64 { input.consumedOffset }

    mutating func append(upTo count: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> Int {
        let (n, shift) = try input.append(upTo: count, fill)
        if shift > 0 { scan?.position -= shift }
        return n
    }

    /// Position of `input.bytes[index]`, for an index on the current line.
    private func position(_ index: Int) -> Position {
        let offset = input.offset(index)
        return Position(offset: offset, line: line, column: Int(offset - lineStart) + 1)
    }

    /// The next event, or `nil` when more bytes are needed (or, at the end, nothing is left).
    mutating func nextEvent(atEnd: Bool) -> Event? {
        if scan != nil { return continueScan(atEnd: atEnd) }
        if !byteOrderMarkChecked {
            if input.count - input.readIndex < 3 && !atEnd { return nil }
            byteOrderMarkChecked = true
            if input.bytes[input.readIndex...].starts(with: [0xEF, 0xBB, 0xBF]) {
                input.readIndex += 3
                lineStart += 3
            }
        }
        while true {
            if skippingJunkLine && !skipJunkLine() { break }
            skipWhitespace()
            guard input.readIndex < input.count else { break }
            let start = input.readIndex
            let b = input.bytes[start]
            switch layout {
            case .top:
                if b == TextByte.openBrace || b == TextByte.openBracket, let junk = pendingJunk {
                    pendingJunk = nil
                    return .junk(junk)
                }
                if b == TextByte.openBrace { return beginScan(atEnd: atEnd) }
                if b == TextByte.openBracket {
                    layout = .arrayValue
                    input.readIndex += 1
                    continue
                }
                if pendingJunk == nil { pendingJunk = Junk(start: position(start), count: 0, sample: []) }
                skippingJunkLine = true
            case .arrayValue:
                if b == TextByte.openBrace { return beginScan(atEnd: atEnd) }
                // `[]`, and a trailing comma before `]`, which JSON forbids but some writers emit.
                if b == TextByte.closeBracket {
                    layout = .top
                    input.readIndex += 1
                    continue
                }
                return .brokenArray(position(start), found: b)
            case .arrayComma:
                switch b {
                case TextByte.comma:
                    layout = .arrayValue
                    input.readIndex += 1
                case TextByte.closeBracket:
                    layout = .top
                    input.readIndex += 1
                case TextByte.openBrace:
                    layout = .arrayValue
                    return .missingComma(position(start))
                default:
                    return .brokenArray(position(start), found: b)
                }
            }
        }
        guard atEnd else { return nil }
        if let junk = pendingJunk {
            pendingJunk = nil
            // The junk line ran to the end of the input (no line feed): it is all consumed, so the
            // next call must not resume skipping it (that found no pending junk and trapped; fuzzing,
            // Fixtures/fuzz-regressions/json-junk-last-line-no-newline.json).
            skippingJunkLine = false
            return .junk(junk)
        }
        if layout != .top {
            layout = .top
            return .unclosedArray(position(input.readIndex))
        }
        return nil
    }

    private mutating func skipWhitespace() {
        var i = input.readIndex
        let n = input.count
        while i < n {
            let b = input.bytes[i]
            if b == TextByte.lineFeed {
                line += 1
                lineStart = input.offset(i + 1)
            } else if !(b == TextByte.space || b == TextByte.carriageReturn || b == TextByte.tab) {
                break
            }
            i += 1
        }
        input.readIndex = i
    }

    /// Consumes junk up to and including the end of its line; `false` when the buffer ended first.
    private mutating func skipJunkLine() -> Bool {
        var i = input.readIndex
        let n = input.count
        while i < n && input.bytes[i] != TextByte.lineFeed { i += 1 }
        let end = i < n ? i + 1 : n
        pendingJunk!.count += end - input.readIndex
        let room = 16 - pendingJunk!.sample.count
        if room > 0 { pendingJunk!.sample += input.bytes[input.readIndex..<min(end, input.readIndex + room)] }
        input.readIndex = end
        guard i < n else { return false }
        line += 1
        lineStart = input.offset(end)
        skippingJunkLine = false
        return true
    }

    // MARK: - Record scan

    private mutating func beginScan(atEnd: Bool) -> Event? {
        scan = Scan(position: input.readIndex)
        return continueScan(atEnd: atEnd)
    }

    private enum ScanOutcome {
        case needMore
        case span(end: Int, complete: Bool, tooLarge: Bool)
    }

    private mutating func continueScan(atEnd: Bool) -> Event? {
        var s = scan!
        let limit = input.readIndex + maxFrameBytes
        let n = input.count
        let base = input.baseOffset
        let outcome = input.bytes.withUnsafeBufferPointer { buf -> ScanOutcome in
            let p = buf.baseAddress!
            var i = s.position
            defer { s.position = i }
            while i < n {
                if i >= limit { return .span(end: i, complete: false, tooLarge: true) }
                if s.inString && !s.escaped {
                    // Most bytes of a record are string content: skip them in a tight loop.
                    while i < n && i < limit {
                        let c = p[i]
                        if c == TextByte.quote || c == TextByte.backslash || c == TextByte.lineFeed { break }
                        i += 1
                    }
                    if i >= n || i >= limit { continue }
                }
                let b = p[i]
                if s.inString && b != TextByte.lineFeed {
                    if s.escaped {
                        s.escaped = false
                    } else if b == TextByte.backslash {
                        s.escaped = true
                    } else if b == TextByte.quote {
                        s.inString = false
                    }
                    i += 1
                    continue
                }
                if s.inString {
                    s.escaped = false
                } else {
                    switch b {
                    case TextByte.quote:
                        s.inString = true
                    case TextByte.openBrace, TextByte.openBracket:
                        s.depth += 1
                    case TextByte.closeBrace, TextByte.closeBracket:
                        s.depth -= 1
                        if s.depth == 0 { return .span(end: i + 1, complete: true, tooLarge: false) }
                    default:
                        break
                    }
                }
                if b == TextByte.lineFeed {
                    // Decide on the next line before counting this line feed, so a scan resumed after more
                    // bytes arrive sees it again.
                    guard let newRecord = Self.recordStarts(p, at: i + 1, end: n, atEnd: atEnd) else {
                        return .needMore
                    }
                    if newRecord { return .span(end: i, complete: false, tooLarge: false) }
                    s.lines += 1
                    s.lastLineStart = base + Int64(i + 1)
                }
                i += 1
            }
            return atEnd ? .span(end: n, complete: false, tooLarge: false) : .needMore
        }
        switch outcome {
        case .needMore:
            scan = s
            return nil
        case .span(let end, let complete, let tooLarge):
            return finish(s, end: end, complete: complete, tooLarge: tooLarge)
        }
    }

    /// Ends the scan with the span `readIndex..<end`, moving the line count past it.
    private mutating func finish(_ s: Scan, end: Int, complete: Bool, tooLarge: Bool) -> Event {
        let frame = Frame(range: input.readIndex..<end, start: position(input.readIndex), complete: complete,
            tooLarge: tooLarge, inArray: layout != .top)
        input.readIndex = end
        if s.lines > 0 {
            line += s.lines
            lineStart = s.lastLineStart
        }
        scan = nil
        if layout != .top { layout = .arrayComma }
        return .record(frame)
    }

    /// Whether the line starting at `i` starts a record: `{`, optional whitespace, then a `"leader"` or
    /// `"fields"` key. `nil` when the bytes end before that is known.
    private static func recordStarts(_ p: UnsafePointer<UInt8>, at i: Int, end n: Int, atEnd: Bool) -> Bool? {
        guard i < n else { return atEnd ? false : nil }
        guard p[i] == TextByte.openBrace else { return false }
        var k = i + 1
        while k < n && k - i < 64 && TextByte.isJSONWhitespace(p[k]) { k += 1 }
        if k - i >= 64 { return false }
        let leader: StaticString = "\"leader\""
        let fields: StaticString = "\"fields\""
        guard k + 8 <= n else { return atEnd ? false : nil }
        return memoryEquals(p + k, leader) || memoryEquals(p + k, fields)
    }

    private static func memoryEquals(_ p: UnsafePointer<UInt8>, _ s: StaticString) -> Bool {
        let q = s.utf8Start
        for j in 0..<s.utf8CodeUnitCount where p[j] != q[j] { return false }
        return true
    }
}
