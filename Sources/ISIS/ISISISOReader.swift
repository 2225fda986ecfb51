public import KatalogIO
public import MARCRecord

/// Reads an ISIS-flavoured ISO 2709 export (CISIS `mx iso=`, WinISIS export): `#` or 0x1E/0x1D
/// terminators, lines cut every 80 bytes with LF or CR LF, zeros in the leader. Records get their
/// position in the file as MFN (the export does not carry MFNs).
///
/// Streams from a byte source in chunks. Lenient mode reports and goes on; strict mode throws at
/// the first finding above `info`.
public struct ISISISOReader<Source: ByteSource>: ISISRecordReader {
    private var source: Source
    private var framer = ISISISOFramer()
    private let parser: ISISISOParser
    private let fileName: String
    private let chunkSize: Int
    private var findings: FindingQueue
    private var atEnd = false
    private var finished = false
    private var reportedIrregularBreaks = false
    /// Records met so far, including skipped ones: the MFN given to the next record.
    public private(set) var recordNumber = 0
    public private(set) var recordsSkipped = 0

    /// `leaderTagBase` (CISIS `isotag1`, usually 3000) turns leader positions into fields, as CISIS
    /// does on import; by default the leader is dropped (ISIS exports carry nothing in it).
    public init(source: Source, fileName: String = "-", mode: ReadMode = .lenient, leaderTagBase: Int? = nil,
        chunkSize: Int = 1 << 18)
    {
        self.source = source
        self.fileName = fileName
        parser = ISISISOParser(fileName: fileName, leaderTagBase: leaderTagBase)
        findings = FindingQueue(mode: mode)
        self.chunkSize = min(max(1, chunkSize), 1 << 24)
    }

    public var bytesConsumed: Int64 { framer.consumedOffset }

    public mutating func drainFindings() -> [Finding] { findings.drain() }

    public mutating func next() throws(ReadError) -> ISISRecord? {
        while true {
            if let frame = framer.next(atEnd: atEnd) {
                recordNumber += 1
                if let junk = frame.junkBefore {
                    try findings.report(Finding(.warning, .isisISOJunk,
                        "\(junk.count) byte(s) before the record's leader (\(ASCII.escaped(junk.bytes, limit: 16)))",
                        action: "skipped", file: fileName, recordNumber: recordNumber, streamOffset: junk.offset))
                }
                if frame.lineBreaksIrregular && !reportedIrregularBreaks {
                    reportedIrregularBreaks = true
                    try findings.report(Finding(.warning, .isisISOLineBreaks,
                        "line breaks are not where the record's line width puts them",
                        action: "every CR and LF inside such records removed", file: fileName,
                        recordNumber: recordNumber, streamOffset: frame.streamOffset))
                }
                let (record, found) = parser.parse(frame, recordNumber: recordNumber)
                for f in found { try findings.report(f) }
                if let record { return record }
                recordsSkipped += 1
                continue
            }
            if atEnd {
                if !finished, let rest = framer.takeTrailing() {
                    try findings.report(Finding(.warning, .isisISOJunk,
                        "\(rest.count) byte(s) after the last record (\(ASCII.escaped(rest.bytes, limit: 16)))",
                        action: "skipped", file: fileName, streamOffset: rest.offset))
                }
                finished = true
                return nil
            }
            try fill()
        }
    }

    private mutating func fill() throws(ReadError) {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        do {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { atEnd = true } else { chunk.withUnsafeBytes { framer.append(UnsafeRawBufferPointer(rebasing: $0[..<n])) } }
        } catch {
            throw .readFailure(error, file: fileName, offset: framer.consumedOffset)
        }
    }
}
