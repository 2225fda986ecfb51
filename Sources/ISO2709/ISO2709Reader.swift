public import KatalogIO
public import MARCRecord

/// Reads ISO 2709 records (MARC 21, UNIMARC, any indicator count and code length the leader gives)
/// from a byte source, in fixed-size chunks.
///
/// Lenient mode repairs and reports; strict mode throws `ReadError` at the first finding above
/// `info`. A record that cannot be recovered is reported and skipped — it never ends the file.
public struct ISO2709Reader<Source: ByteSource>: RecordReader {
    private var source: Source
    private var framer: ISO2709Framer
    private var parser: ISO2709Parser
    private let chunkSize: Int
    private let fileName: String
    private var findings: FindingQueue
    private var atEnd = false
    private var finished = false
    /// Frames seen so far, including skipped ones: the record number in findings.
    public private(set) var recordNumber = 0
    public private(set) var recordsSkipped = 0
    public private(set) var recordStreamOffset: Int64?

    public init(source: Source, fileName: String = "-", mode: ReadMode = .lenient, chunkSize: Int = 1 << 18,
        maxRecordBytes: Int = ISO2709Limits.maxRecordBytes)
    {
        self.source = source
        self.fileName = fileName
        findings = FindingQueue(mode: mode)
        self.chunkSize = min(max(1, chunkSize), 1 << 24)
        framer = ISO2709Framer(maxFrameBytes: maxRecordBytes)
        parser = ISO2709Parser(fileName: fileName)
    }

    public var bytesConsumed: Int64 { framer.consumedOffset }

    public mutating func drainFindings() -> [Finding] {
        findings.drain()
    }

    public mutating func next() throws(ReadError) -> MARCRecord? {
        while true {
            if let frame = framer.nextFrame(atEnd: atEnd) {
                recordNumber += 1
                if let junk = frame.junkBefore { try report(junkFinding(junk, trailing: false)) }
                if frame.cutAtLeaderLength {
                    try report(Finding(.warning, .missingRecordTerminator,
                        "record has no record terminator; its leader length ends it before the next record",
                        action: "record ended at its leader length", file: fileName, recordNumber: recordNumber,
                        streamOffset: frame.streamOffset + Int64(frame.range.count),
                        recordOffset: frame.range.count, tag: nil))
                } else if frame.cutAtLimit {
                    // Refused, not parsed: a record this long is not ISO 2709 (at most 99,999 bytes), and
                    // parsing megabytes of whatever it is would only invent fields. The framer drops the
                    // rest of the run up to the next terminator.
                    try report(Finding(.error, .recordTooLarge,
                        "no record terminator within \(framer.maxFrameBytes) bytes",
                        action: "record skipped up to the next record terminator", file: fileName,
                        recordNumber: recordNumber, streamOffset: frame.streamOffset, recordOffset: 0, tag: nil))
                    recordsSkipped += 1
                    continue
                } else if !frame.terminated {
                    try report(Finding(.warning, .missingRecordTerminator, "input ends without a record terminator",
                        action: "record ended at the end of the input", file: fileName, recordNumber: recordNumber,
                        streamOffset: frame.streamOffset + Int64(frame.range.count),
                        recordOffset: frame.range.count, tag: nil))
                }
                let (record, found) = parser.parse(framer.buffer[frame.range], terminated: frame.terminated,
                    streamOffset: frame.streamOffset, recordNumber: recordNumber)
                if !found.isEmpty {
                    let number = record?.controlNumber
                    for var f in found {
                        if f.controlNumber == nil { f.controlNumber = number }
                        try report(f)
                    }
                }
                if let record {
                    recordStreamOffset = frame.streamOffset
                    return record
                }
                recordsSkipped += 1
                continue
            }
            if atEnd {
                if !finished, let junk = framer.takeTrailingJunk() { try report(junkFinding(junk, trailing: true)) }
                finished = true
                return nil
            }
            try fill()
        }
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

    private func junkFinding(_ junk: ISO2709Framer.Junk, trailing: Bool) -> Finding {
        Finding(.warning, .junkBetweenRecords,
            "\(junk.count) byte(s) \(trailing ? "after the last record" : "between records") "
                + "(\(ASCII.escaped(junk.sample, limit: 16)))",
            action: "skipped", file: fileName, recordNumber: trailing ? nil : recordNumber,
            streamOffset: junk.streamOffset)
    }

    private mutating func report(_ finding: Finding) throws(ReadError) {
        try findings.report(finding)
    }
}
