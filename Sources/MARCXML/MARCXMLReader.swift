public import KatalogIO
public import MARCRecord

/// Reads MARCXML — a `<collection>`, a lone `<record>`, with or without the `marc:` prefix or the slim
/// namespace, or records inside OAI-PMH responses — streaming from a byte source.
///
/// libxml2 parses on a thread of its own, at most a few batches of records ahead of `next()`, so
/// memory stays flat (see `MARCXMLParseThread`). The reader takes the source over: it is read on
/// that thread.
///
/// Malformed XML ends the document with a finding that gives line and column (lenient) or stops
/// (strict); a document with a DOCTYPE is refused as unreadable in both modes.
public struct MARCXMLReader<Source: ByteSource>: RecordReader {
    /// Records per batch handed from the parse thread, and batches the parser may run ahead: a
    /// hand-over costs a lock and a wake-up, so a batch holds enough records to make that
    /// negligible, and few enough batches are in flight to keep memory flat.
    static var batchSize: Int { 128 }
    static var batchesInFlight: Int { 4 }

    private let fileName: String
    private let parseThread: MARCXMLParseThread
    private var items: [ParsedItem] = []
    private var itemIndex = 0
    private var findings: FindingQueue
    private var atEnd = false
    public private(set) var bytesConsumed: Int64 = 0
    public private(set) var recordsSkipped = 0

    /// `chunkSize` is the size of the reads from `source`.
    public init(source: sending Source, fileName: String = "-", mode: ReadMode = .lenient, chunkSize: Int = 1 << 20)
    {
        self.fileName = fileName
        findings = FindingQueue(mode: mode)
        let channel = RecordBatchChannel(capacity: Self.batchesInFlight)
        let parser = MARCXMLParser(source: source, fileName: fileName, channel: channel, batchSize: Self.batchSize,
            bufferSize: min(max(1, chunkSize), 1 << 24))
        parseThread = MARCXMLParseThread(parser: parser, channel: channel)
    }

    public mutating func drainFindings() -> [Finding] {
        findings.drain()
    }

    public mutating func next() throws(ReadError) -> MARCRecord? {
        while let item = try nextItem() {
            if case .record(let record) = item { return record }
        }
        return nil
    }

    /// The next record or element of the OAI-PMH envelope around the records, in document order:
    /// what a harvester needs to pair each record with its header and to find the resumption token.
    public mutating func nextItem() throws(ReadError) -> MARCXMLItem? {
        while true {
            while itemIndex < items.count {
                let item = items[itemIndex]
                itemIndex += 1
                switch item {
                case .record(let record, let found):
                    for f in found { try findings.report(f) }
                    return .record(record)
                case .oai(let event):
                    return .oai(event)
                case .findings(let found):
                    for f in found { try findings.report(f) }
                case .skipped(let found):
                    recordsSkipped += 1
                    for f in found { try findings.report(f) }
                case .fatal(let finding, let insideRecord):
                    if findings.mode == .strict { throw ReadError(.strictStop, finding) }
                    findings.append(finding)
                    if insideRecord { recordsSkipped += 1 }
                    atEnd = true
                case .refused(let finding):
                    throw ReadError(.unreadable, finding)
                case .readFailure(let error):
                    atEnd = true
                    throw error
                }
            }
            items.removeAll(keepingCapacity: true)
            itemIndex = 0
            if atEnd { return nil }
            try receive()
        }
    }

    /// Takes the next batch from the parse thread, starting it the first time.
    private mutating func receive() throws(ReadError) {
        guard parseThread.start() else {
            atEnd = true
            throw ReadError(.unreadable, Finding(.error, "io.read-failed", "no thread could be started to parse",
                action: "input abandoned", file: fileName, streamOffset: 0))
        }
        guard let batch = parseThread.channel.receive() else {
            atEnd = true
            return
        }
        items = batch.items
        bytesConsumed = batch.bytesConsumed
        if batch.isLast {
            atEnd = true
            if batch.endedInsideRecord { recordsSkipped += 1 }
        }
    }
}
