public import KatalogIO
public import MARCRecord

/// Reads MARCBreaker text (`.mrk`/`.mrk8`, as MarcEdit and LC's MARCBreaker write it) from a byte source,
/// in fixed-size chunks, one line at a time:
///
/// ```
/// =LDR  00000nam\\2200000\a\4500
/// =001  kat00001
/// =245  10$aTitle /$cAuthor.
/// ```
///
/// Records are separated by blank lines; a `=LDR` (or `=000`) line also starts a new record. Lines end in LF
/// or CR LF; lines starting with `#` are comments. The leader's length and base address are usually
/// placeholders in `.mrk` files: they are kept as read (an ISO 2709 writer computes them). See
/// `MRKMnemonics` for blanks, `$` and `{…}` mnemonics.
///
/// Lenient mode repairs and reports; strict mode throws `ReadError` at the first finding above `info`.
public struct MRKReader<Source: ByteSource>: RecordReader {
    private var source: Source
    private var splitter: LineSplitter
    private let chunkSize: Int
    private let fileName: String
    private var findings: FindingQueue
    private var atEnd = false
    private var finished = false
    private var builder: MRKRecordBuilder?
    /// The line before was cut at the length limit: this one is its rest, whatever it starts with.
    private var restOfCutLine = false
    /// A record went over `MARCTextLimits`: its lines are dropped up to the next blank line or leader.
    private var skippingOversizedRecord = false
    /// Records met so far, including skipped ones: the record number in findings.
    public private(set) var recordNumber = 0
    public private(set) var recordsSkipped = 0

    public init(source: Source, fileName: String = "-", mode: ReadMode = .lenient, chunkSize: Int = 1 << 18,
        maxLineBytes: Int = MARCTextLimits.maxMRKLineBytes)
    {
        self.source = source
        self.fileName = fileName
        findings = FindingQueue(mode: mode)
        self.chunkSize = min(max(1, chunkSize), 1 << 24)
        splitter = LineSplitter(maxLineBytes: max(16, maxLineBytes))
    }

    public var bytesConsumed: Int64 { splitter.consumedOffset }

    public mutating func drainFindings() -> [Finding] {
        findings.drain()
    }

    public mutating func next() throws(ReadError) -> MARCRecord? {
        while !finished {
            let line: LineSplitter.Line
            if let read = splitter.nextLine(atEnd: atEnd) {
                line = read
            } else if atEnd {
                finished = true
                if builder != nil, let record = try finishRecord() { return record }
                break
            } else {
                try fill()
                continue
            }
            if let record = try take(line) { return record }
            if let b = builder, b.byteCount > MARCTextLimits.maxMRKRecordBytes
                || b.fieldCount > MARCTextLimits.maxMRKFieldsPerRecord
            {
                try refuseOversizedRecord(b)
            }
        }
        return nil
    }

    /// Drops the record being built: with no blank line, a file of field lines would otherwise be one
    /// record as large as the file.
    private mutating func refuseOversizedRecord(_ b: MRKRecordBuilder) throws(ReadError) {
        builder = nil
        skippingOversizedRecord = true
        recordsSkipped += 1
        try report(Finding(.error, .mrkRecordTooLarge,
            "record has more than \(MARCTextLimits.maxMRKRecordBytes) bytes or \(MARCTextLimits.maxMRKFieldsPerRecord) fields",
            action: "record skipped up to the next blank line or leader", file: fileName,
            recordNumber: b.site.recordNumber, streamOffset: b.site.streamOffset))
    }

    /// Handles one line; returns a record when the line ended one.
    private mutating func take(_ line: LineSplitter.Line) throws(ReadError) -> MARCRecord? {
        var range = line.range
        var offset = line.streamOffset
        if line.number == 1, splitter.input.bytes[range].starts(with: [0xEF, 0xBB, 0xBF]) {
            range = (range.lowerBound + 3)..<range.upperBound
            offset += 3
        }
        if line.cut {
            try report(Finding(.warning, .mrkLineTooLong,
                "line \(line.number) is longer than \(splitter.maxLineBytes) bytes",
                action: "read in pieces (the rest joined as a continuation line)", file: fileName,
                recordNumber: builder?.site.recordNumber, streamOffset: offset + Int64(range.count)))
        }
        let bytes = splitter.input.bytes
        defer { restOfCutLine = line.cut }
        if skippingOversizedRecord {
            if bytes[range].allSatisfy({ $0 == TextByte.space || $0 == TextByte.tab }) {
                skippingOversizedRecord = false
                return nil
            }
            let isLeader = !restOfCutLine && range.count >= 4 && bytes[range.lowerBound] == TextByte.equals
                && (bytes[(range.lowerBound + 1)..<(range.lowerBound + 4)].elementsEqual("LDR".utf8)
                    || bytes[(range.lowerBound + 1)..<(range.lowerBound + 4)].elementsEqual("000".utf8))
            guard isLeader else { return nil }
            skippingOversizedRecord = false
        }
        if restOfCutLine, builder != nil, bytes.withUnsafeBufferPointer({ p in
            builder!.addContinuation(p.baseAddress!, range, lineOffset: offset, lineNumber: line.number,
                reported: false)
        }) {
            return nil
        }
        let first = range.isEmpty ? nil : bytes[range.lowerBound]
        if bytes[range].allSatisfy({ $0 == TextByte.space || $0 == TextByte.tab }) {
            return builder == nil ? nil : try finishRecord()
        }
        if first == TextByte.hash { return nil }
        if first == TextByte.equals {
            let isLeader = range.count >= 4
                && (bytes[(range.lowerBound + 1)..<(range.lowerBound + 4)].elementsEqual("LDR".utf8)
                    || bytes[(range.lowerBound + 1)..<(range.lowerBound + 4)].elementsEqual("000".utf8))
            // A leader inside a record starts the next record: the one before it ends here.
            let interrupts = isLeader && builder != nil
            let ended = interrupts ? try finishRecord() : nil
            if builder == nil {
                startRecord(at: offset)
                if interrupts {
                    builder!.site.add(.info, .mrkNoBlankLine, "no blank line before the leader on line \(line.number)",
                        action: "read as the start of a new record", at: 0, tag: "LDR")
                }
            }
            bytes.withUnsafeBufferPointer { p in
                builder!.addFieldLine(p.baseAddress!, range, lineOffset: offset, lineNumber: line.number)
            }
            return ended
        }
        let joined = builder != nil && bytes.withUnsafeBufferPointer { p in
            builder!.addContinuation(p.baseAddress!, range, lineOffset: offset, lineNumber: line.number)
        }
        if !joined {
            let shown = ASCIIText.shown(bytes[range], limit: 24)
            try report(Finding(.error, .mrkBadLine,
                "line \(line.number) (\"\(shown)\") is neither a field (=TAG) nor the rest of one",
                action: "line dropped", file: fileName, recordNumber: builder?.site.recordNumber,
                streamOffset: offset, recordOffset: builder.map { Int(offset - $0.site.streamOffset) }))
        }
        return nil
    }

    private mutating func startRecord(at offset: Int64) {
        recordNumber += 1
        builder = MRKRecordBuilder(site: RecordSite(fileName: fileName, recordNumber: recordNumber,
            streamOffset: offset))
    }

    /// Ends the record being built, reports its findings and returns it (or counts it as skipped).
    private mutating func finishRecord() throws(ReadError) -> MARCRecord? {
        guard var done = builder else { return nil }
        builder = nil
        let record = done.finish()
        for finding in done.site.findings { try report(finding) }
        if record == nil { recordsSkipped += 1 }
        return record
    }

    private mutating func fill() throws(ReadError) {
        do {
            let n = try splitter.append(upTo: chunkSize) { (buffer) throws -> Int in
                try source.read(into: buffer)
            }
            if n == 0 { atEnd = true }
        } catch {
            throw .readFailure(error, file: fileName, offset: splitter.consumedOffset)
        }
    }

    private mutating func report(_ finding: Finding) throws(ReadError) {
        try findings.report(finding)
    }
}
