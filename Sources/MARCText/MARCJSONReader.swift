public import KatalogIO
public import MARCRecord

/// Reads MARC-in-JSON (the format of pymarc, yaz, MARC4J and Catmandu) from a byte source, in fixed-size
/// chunks, one record object at a time: NDJSON, a top-level array of record objects, or objects one after
/// another (a single object included), pretty-printed or not.
///
/// Lenient mode repairs and reports; strict mode throws `ReadError` at the first finding above `info`.
/// A malformed NDJSON line costs that line only. Inside a top-level array a syntax error ends the document,
/// since nothing after it can be framed with confidence.
public struct MARCJSONReader<Source: ByteSource>: RecordReader {
    private var source: Source
    private var framer: JSONFramer
    private var parser: MARCJSONParser
    private let chunkSize: Int
    private let fileName: String
    private var findings: FindingQueue
    private var atEnd = false
    private var finished = false
    /// Record objects met so far, including skipped ones: the record number in findings.
    public private(set) var recordNumber = 0
    public private(set) var recordsSkipped = 0

    public init(source: Source, fileName: String = "-", mode: ReadMode = .lenient, chunkSize: Int = 1 << 18,
        maxRecordBytes: Int = MARCTextLimits.maxJSONRecordBytes)
    {
        self.source = source
        self.fileName = fileName
        findings = FindingQueue(mode: mode)
        self.chunkSize = min(max(1, chunkSize), 1 << 24)
        framer = JSONFramer(maxFrameBytes: max(2, maxRecordBytes))
        parser = MARCJSONParser(fileName: fileName)
    }

    public var bytesConsumed: Int64 { framer.consumedOffset }

    public mutating func drainFindings() -> [Finding] {
        findings.drain()
    }

    public mutating func next() throws(ReadError) -> MARCRecord? {
        while !finished {
            guard let event = framer.nextEvent(atEnd: atEnd) else {
                if atEnd {
                    finished = true
                    break
                }
                try fill()
                continue
            }
            switch event {
            case .record(let frame):
                recordNumber += 1
                if let record = try read(frame) { return record }
                recordsSkipped += 1
                if frame.inArray { finished = true }
            case .junk(let junk):
                try report(Finding(.warning, .jsonJunk,
                    "\(junk.count) byte(s) that are not a record at line \(junk.start.line) "
                        + "(\"\(ASCIIText.shown(junk.sample, limit: 16))\")",
                    action: "skipped", file: fileName, streamOffset: junk.start.offset))
            case .missingComma(let at):
                try report(Finding(.warning, .jsonSyntax,
                    "no ',' between records at line \(at.line), column \(at.column)", action: "read on",
                    file: fileName, recordNumber: recordNumber, streamOffset: at.offset))
            case .brokenArray(let at, let found):
                finished = true
                try report(Finding(.error, .jsonSyntax,
                    "malformed JSON at line \(at.line), column \(at.column): expected ',' or ']' after record "
                        + "\(recordNumber), found '\(ASCIIText.escaped(found))'",
                    action: "rest of the document skipped", file: fileName, recordNumber: recordNumber,
                    streamOffset: at.offset))
            case .unclosedArray(let at):
                try report(Finding(.warning, .jsonUnclosedArray,
                    "input ends inside the top-level array (line \(at.line)) without ']'",
                    action: "records read so far kept", file: fileName, streamOffset: at.offset))
            }
        }
        return nil
    }

    /// Parses one framed record; `nil` when it was skipped (its findings are queued either way).
    private mutating func read(_ frame: JSONFramer.Frame) throws(ReadError) -> MARCRecord? {
        let action = frame.inArray ? "rest of the document skipped" : "record skipped"
        if frame.tooLarge {
            try report(Finding(.error, .jsonRecordTooLarge,
                "record object longer than \(framer.maxFrameBytes) bytes (line \(frame.start.line))",
                action: action, file: fileName, recordNumber: recordNumber, streamOffset: frame.start.offset,
                recordOffset: 0))
            return nil
        }
        let bytes = framer.input.bytes[frame.range]
        let (record, found) = bytes.withUnsafeBufferPointer { buffer in
            parser.parse(buffer, start: frame.start, recordNumber: recordNumber, syntaxAction: action)
        }
        for finding in found { try report(finding) }
        return record
    }

    private mutating func fill() throws(ReadError) {
        do {
            let n = try framer.append(upTo: chunkSize) { (buffer) throws -> Int in
                try source.read(into: buffer)
            }
            if n == 0 { atEnd = true }
        } catch {
            throw .readFailure(error, file: fileName, offset: framer.consumedOffset)
        }
    }

    private mutating func report(_ finding: Finding) throws(ReadError) {
        try findings.report(finding)
    }
}
