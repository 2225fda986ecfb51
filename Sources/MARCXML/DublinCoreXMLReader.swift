public import KatalogIO
public import MARCRecord

/// Reads simple Dublin Core (`oai_dc:dc` elements) from a byte source, streaming: a bare file of
/// descriptions, or an OAI-PMH response (`ListRecords`, `GetRecord`) with each record's header.
///
/// What members really send is accepted: namespaces with surrounding blanks (INLISLite v3), child
/// elements outside the fifteen (`dc:identifier_isbn`, `dc:publishYear`, SLiMS's `<image>`), empty
/// elements, CDATA sections, control characters XML forbids (replaced with a blank and reported),
/// Windows-1252 bytes in a document that says it is UTF-8 (read as Windows-1252 and reported).
/// A deleted OAI record comes back with an empty description and `isDeleted`; an OAI record with
/// neither metadata nor a deleted status is reported and skipped.
///
/// Malformed XML ends the document with a finding giving line and column (lenient; the records
/// before it stand) or stops (strict); a document with a DOCTYPE is refused as unreadable.
public struct DublinCoreXMLReader<Source: ByteSource> {
    private var source: Source
    private let fileName: String
    private let parser: DublinCorePushParser
    private var findings: FindingQueue
    private var buffer: [UInt8]
    private var pending: [DublinCoreParseState.Event] = []
    private var pendingIndex = 0
    private var inputEnded = false
    private var atEnd = false
    public private(set) var recordsSkipped = 0

    /// `chunkSize` is the size of the reads from `source`.
    public init(source: Source, fileName: String = "-", mode: ReadMode = .lenient, chunkSize: Int = 1 << 16) {
        self.source = source
        self.fileName = fileName
        findings = FindingQueue(mode: mode)
        parser = DublinCorePushParser(fileName: fileName)
        buffer = [UInt8](repeating: 0, count: min(max(1, chunkSize), 1 << 24))
    }

    /// Bytes handed to the XML parser so far.
    public var bytesConsumed: Int64 { parser.state.bytesFed }

    /// Findings queued since the last call, in the order they were met.
    public mutating func drainFindings() -> [Finding] { findings.drain() }

    /// The next description, or nil at the end of the input.
    public mutating func next() throws(ReadError) -> HarvestedDublinCore? {
        while true {
            while pendingIndex < pending.count {
                let event = pending[pendingIndex]
                pendingIndex += 1
                switch event {
                case .item(let item, let found):
                    for f in found { try findings.report(f) }
                    return item
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
                    atEnd = true
                    throw ReadError(.unreadable, finding)
                }
            }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            if atEnd || inputEnded { return nil }
            try readChunk()
        }
    }

    /// Hands the next chunk (or the end of the input) to the parser and takes what it completed.
    private mutating func readChunk() throws(ReadError) {
        guard parser.isReady else {
            atEnd = true
            throw ReadError(.unreadable, Finding(.error, "io.read-failed", "libxml2 could not create a parser",
                action: "input abandoned", file: fileName, streamOffset: 0))
        }
        let count: Int
        // Moved out for the call so that `source` and the buffer are not both borrowed from `self`.
        var chunk: [UInt8] = []
        swap(&chunk, &buffer)
        defer { swap(&chunk, &buffer) }
        do {
            count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
        } catch {
            atEnd = true
            throw .readFailure(error, file: fileName, offset: bytesConsumed)
        }
        if count == 0 {
            inputEnded = true
            parser.finish()
        } else {
            chunk.withUnsafeBufferPointer { parser.parse(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
        pending = parser.state.events
        parser.state.events.removeAll(keepingCapacity: true)
    }
}
