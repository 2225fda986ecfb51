public import KatalogIO
public import MARCRecord

/// Reads MARCXML — a `<collection>`, a lone `<record>`, with or without the `marc:` prefix or the slim
/// namespace, or records inside OAI-PMH responses — streaming from a byte source in chunks.
///
/// Malformed XML ends the document with a finding that gives line and column (lenient) or stops
/// (strict); a document with a DOCTYPE is refused as unreadable in both modes.
public struct MARCXMLReader<Source: ByteSource>: RecordReader {
    private var source: Source
    private let parser: MARCXMLPushParser
    private let chunkSize: Int
    private let fileName: String
    private var queue: [MARCXMLPushParser.Item] = []
    private var queueIndex = 0
    private var findings: FindingQueue
    private var atEnd = false
    private var buffer: [UInt8]
    public private(set) var recordsSkipped = 0

    public init(source: Source, fileName: String = "-", mode: ReadMode = .lenient, chunkSize: Int = 1 << 20) {
        self.source = source
        self.fileName = fileName
        findings = FindingQueue(mode: mode)
        self.chunkSize = min(max(1, chunkSize), 1 << 24)
        parser = MARCXMLPushParser(fileName: fileName)
        buffer = [UInt8](repeating: 0, count: self.chunkSize)
    }

    public var bytesConsumed: Int64 { parser.bytesConsumed }

    public mutating func drainFindings() -> [Finding] {
        findings.drain()
    }

    public mutating func next() throws(ReadError) -> MARCRecord? {
        while true {
            while queueIndex < queue.count {
                let item = queue[queueIndex]
                queueIndex += 1
                switch item {
                case .record(let record, let found):
                    for f in found { try report(f) }
                    return record
                case .findings(let found):
                    for f in found { try report(f) }
                case .fatal(let finding):
                    if findings.mode == .strict { throw ReadError(.strictStop, finding) }
                    findings.append(finding)
                    if parser.inRecord { recordsSkipped += 1 }
                    atEnd = true
                case .refused(let finding):
                    throw ReadError(.unreadable, finding)
                }
            }
            queue.removeAll(keepingCapacity: true)
            queueIndex = 0
            if atEnd || parser.stopped {
                atEnd = true
                return nil
            }
            try fill()
        }
    }

    private mutating func fill() throws(ReadError) {
        let n: Int
        do {
            n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        } catch {
            throw .readFailure(error, file: fileName, offset: parser.bytesConsumed)
        }
        buffer.withUnsafeBytes { parser.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n]), last: n == 0) }
        if n == 0 {
            atEnd = true
            if parser.inRecord && !parser.stopped { recordsSkipped += 1 }
        }
        queue = parser.takeItems()
    }

    private mutating func report(_ finding: Finding) throws(ReadError) {
        try findings.report(finding)
    }
}
