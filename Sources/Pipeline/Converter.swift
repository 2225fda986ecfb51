public import Charsets
public import ISO2709
public import ISIS
import MARCText
import MARCXML
public import KatalogIO
public import MARCRecord
public import Normalize

/// What `katalog convert` was asked to do.
public struct ConvertOptions: Sendable {
    public var inputs: [String]
    public var from: RecordFormat?
    public var to: RecordFormat
    public var output: String
    public var mode: ReadMode
    public var oversize: OversizePolicy
    public var quiet: Bool
    /// The character set of the input (`auto` decides per record).
    public var encoding: InputEncoding
    /// The character set of the output.
    public var outputEncoding: OutputEncoding
    /// The Unicode normalization form of UTF-8 output.
    public var unicodeForm: UnicodeForm
    /// How ISIS input is read and mapped (`encoding` above is its character set too).
    public var isis: ISISInputOptions
    /// `--isis-raw`: write ISIS input's own structure as JSON lines instead of MARC.
    public var isisRaw: Bool
    /// `--normalize`: the rules every record goes through before it is written.
    public var normalizer: Normalizer?
    /// `--member CODE`: the member whose records these are (the provenance rule's 003/035/852).
    public var memberCode: String?

    public init(inputs: [String], from: RecordFormat? = nil, to: RecordFormat = .iso2709, output: String = "-",
        mode: ReadMode = .lenient, oversize: OversizePolicy = .refuse, quiet: Bool = false,
        encoding: InputEncoding = .auto, outputEncoding: OutputEncoding = .utf8, unicodeForm: UnicodeForm = .nfc,
        isis: ISISInputOptions = ISISInputOptions(), isisRaw: Bool = false, normalizer: Normalizer? = nil,
        memberCode: String? = nil)
    {
        self.normalizer = normalizer
        self.memberCode = memberCode
        self.isis = isis
        self.isisRaw = isisRaw
        self.encoding = encoding
        self.outputEncoding = outputEncoding
        self.unicodeForm = unicodeForm
        self.inputs = inputs.isEmpty ? ["-"] : inputs
        self.from = from
        self.to = to
        self.output = output
        self.mode = mode
        self.oversize = oversize
        self.quiet = quiet
    }
}

/// What a conversion did, per input and in all.
public struct ConvertSummary: Codable, Sendable {
    public struct InputSummary: Codable, Sendable {
        public var file: String
        public var format: String
        public var recordsRead = 0
        public var recordsSkipped = 0
        public var bytes: Int64 = 0
        /// ISIS master files: MFNs by status (deleted ones are not written unless asked for).
        public var isisStatus: ISISStatusCounts?
        /// ISIS: the character set and profile used, and whether they were guessed.
        public var isisEncoding: String?
        public var isisProfile: String?

        public init(file: String, format: String) {
            self.file = file
            self.format = format
        }
    }

    public var inputs: [InputSummary] = []
    public var recordsRead = 0
    public var recordsWritten = 0
    public var recordsNotWritten = 0
    public var recordsSkipped = 0
    /// Logically deleted ISIS records left out (`--include-deleted` writes them, leader/05 `d`).
    public var recordsDeleted = 0
    /// Records the normalizer changed, and the changes it made (`--normalize`).
    public var recordsNormalized = 0
    public var normalizationChanges = 0
    public var findings = 0
    public var errors = 0
    public var warnings = 0
    /// Set when strict mode stopped the run.
    public var stoppedBy: Finding?

    public init() {}
}

/// How a run ended, mapped to the exit status by the command line.
public enum RunFailure: Error, CustomStringConvertible {
    /// Strict mode met a problem (exit status 1).
    case strictStop(Finding)
    /// An input or output could not be used at all (exit status 2).
    case unusable(String)

    public var description: String {
        switch self {
        case .strictStop(let f):
            "stopped at the first problem (strict mode): \(f.file ?? "-") record \(f.recordNumber.map(String.init) ?? "?")"
                + " [\(f.code)]; no output written"
        case .unusable(let message): message
        }
    }
}

/// Reads every input, writes every record it could read to one output.
public enum Converter {
    public static let writable: Set<RecordFormat> = [.iso2709, .marcxml, .json, .mrk]

    static func makeWriter(_ format: RecordFormat, output: OutputFile, oversize: OversizePolicy) -> any RecordWriter {
        switch format {
        case .marcxml: MARCXMLWriter(output: output)
        case .json: MARCJSONWriter(output: output)
        case .mrk: MRKWriter(output: output)
        default: ISO2709Writer(output: output, oversize: oversize)
        }
    }

    /// Formats that can carry MARC-8 bytes (XML and JSON are Unicode by definition).
    public static let marc8Writable: Set<RecordFormat> = [.iso2709, .mrk]

    public static func run(_ options: ConvertOptions, reporter: FindingReporter) throws(RunFailure) -> ConvertSummary {
        var isisOptions = options.isis
        isisOptions.inputEncoding = options.encoding
        guard writable.contains(options.to) else {
            throw .unusable("--to \(options.to.rawValue): \(options.to.displayName) output is not supported by this "
                + "version of katalog (writable: \(writable.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        guard options.outputEncoding == .utf8 || marc8Writable.contains(options.to) else {
            throw .unusable("--to-encoding marc8: \(options.to.displayName) is Unicode by definition; "
                + "MARC-8 output is written as iso2709 or mrk")
        }
        if let normalizer = options.normalizer, options.unicodeForm == .nfd,
           normalizer.rules.contains(where: { $0 is UnicodeNFC }) {
            throw .unusable("--unicode-form nfd and --normalize disagree: the normalizer's nfc rule writes NFC; "
                + "leave nfc out of [normalize] rules to keep NFD")
        }
        guard !options.isisRaw || options.to == .json else {
            throw .unusable("--isis-raw writes JSON lines: use it with --to json")
        }
        let transcoder = RecordTranscoder(input: options.encoding, output: options.outputEncoding,
            form: options.unicodeForm)
        // ISIS records come out of their mapping as UTF-8 already; only the output form is left to do.
        let utf8Transcoder = RecordTranscoder(input: .utf8, output: options.outputEncoding, form: options.unicodeForm)
        let output: OutputFile
        do { output = try OutputFile(path: options.output) } catch { throw .unusable("\(error)") }
        var writer = makeWriter(options.to, output: output, oversize: options.oversize)
        var summary = ConvertSummary()
        var progress = ProgressMeter(quiet: options.quiet)
        var bytesBefore: Int64 = 0
        do {
            for path in options.inputs {
                var opened: InputOpener.Opened
                do {
                    opened = try InputOpener.open(path, from: options.from, mode: options.mode, isis: isisOptions)
                } catch {
                    throw RunFailure.unusable("\(error)")
                }
                var input = ConvertSummary.InputSummary(file: path, format: opened.format.rawValue)
                let isISIS = opened.format == .isis || opened.format == .isisISO
                if options.isisRaw {
                    guard var isisReader = opened.reader as? ISISMARCReader else {
                        throw RunFailure.unusable("\(path): --isis-raw applies to ISIS input, not \(opened.format.displayName)")
                    }
                    try writeRawISIS(&isisReader, to: output, input: &input, reporter: reporter, progress: &progress,
                        bytesBefore: bytesBefore)
                    finishInput(&input, isisReader, &summary, &bytesBefore)
                    continue
                }
                let transcoder = isISIS ? utf8Transcoder : transcoder
                var number = 0
                while var record = try opened.reader.next() {
                    number += 1
                    reporter.record(opened.reader.drainFindings())
                    input.recordsRead += 1
                    var transcoded = transcoder.transcode(&record)
                    if let base = opened.reader.recordStreamOffset {
                        for i in transcoded.indices {
                            if let offset = transcoded[i].recordOffset { transcoded[i].streamOffset = base + Int64(offset) }
                        }
                    }
                    if let normalizer = options.normalizer {
                        normalize(&record, with: normalizer, options: options, file: path,
                                  recordNumber: number + opened.reader.recordsSkipped, reporter: reporter, summary: &summary)
                    }
                    let written = try writer.write(record)
                    if !transcoded.isEmpty || !written.isEmpty {
                        let located = (transcoded + written).map { f -> Finding in
                            var f = f
                            f.file = path
                            f.recordNumber = number + opened.reader.recordsSkipped
                            f.controlNumber = record.controlNumber
                            return f
                        }
                        if options.mode == .strict, let stop = located.first(where: { $0.severity > .info }) {
                            throw RunFailure.strictStop(stop)
                        }
                        reporter.record(located)
                        if located.contains(where: { $0.code == .fieldTooLong || $0.code == .recordTooLong }) {
                            summary.recordsNotWritten += 1
                        }
                    }
                    progress.tick(records: summary.recordsRead + input.recordsRead,
                        bytes: bytesBefore + opened.reader.bytesConsumed)
                }
                reporter.record(opened.reader.drainFindings())
                finishInput(&input, opened.reader, &summary, &bytesBefore)
            }
            try writer.finish()
            try output.commit()
        } catch let failure as RunFailure {
            output.discard()
            if case .strictStop(let f) = failure { reporter.record(f) }
            throw failure
        } catch let error as ReadError {
            output.discard()
            reporter.record(error.finding)
            throw error.kind == .strictStop ? .strictStop(error.finding) : .unusable(error.finding.line)
        } catch {
            output.discard()
            throw .unusable("\(error)")
        }
        progress.done(records: summary.recordsRead, bytes: bytesBefore)
        summary.recordsWritten = summary.recordsRead - summary.recordsNotWritten
        summary.findings = reporter.total
        summary.errors = reporter.errors
        summary.warnings = reporter.warnings
        return summary
    }
}

extension Converter {
    /// Runs the normalizer over one record. Its changes are not problems: they go to the JSON report
    /// (as `info` findings coded `normalize.RULE`, with before → after) and into the summary's counts,
    /// never to standard error line by line, and never stop strict mode.
    static func normalize(
        _ record: inout MARCRecord, with normalizer: Normalizer, options: ConvertOptions, file: String,
        recordNumber: Int, reporter: FindingReporter, summary: inout ConvertSummary
    ) {
        var context = NormalizationContext(memberCode: options.memberCode, recordsChanges: reporter.writesReport)
        context.isKnownNFC = options.unicodeForm == .nfc
        let controlNumber = context.recordsChanges ? record.controlNumber : nil
        normalizer.normalize(&record, &context)
        guard context.changeCount > 0 else { return }
        summary.recordsNormalized += 1
        summary.normalizationChanges += context.changeCount
        for change in context.changes {
            reporter.recordInReportOnly(Finding(
                .info, FindingCode(rawValue: "normalize.\(change.rule)"),
                "\(change.before ?? "(none)") → \(change.after ?? "(removed)")",
                action: change.after == nil ? "removed" : change.before == nil ? "added" : "changed",
                file: file, recordNumber: recordNumber, controlNumber: controlNumber, tag: change.tag))
        }
    }

    /// Closes one input's account in the summary.
    static func finishInput(_ input: inout ConvertSummary.InputSummary, _ reader: any RecordReader,
        _ summary: inout ConvertSummary, _ bytesBefore: inout Int64)
    {
        input.recordsSkipped = reader.recordsSkipped
        input.bytes = reader.bytesConsumed
        if let isis = reader as? ISISMARCReader {
            input.isisStatus = isis.statusCounts
            input.isisEncoding = isis.mapper.map { "\($0.decoder.encoding)" }
            input.isisProfile = isis.mapper?.profile.name
            if let counts = isis.statusCounts, !isis.includesDeleted { summary.recordsDeleted += counts.logicallyDeleted }
        }
        bytesBefore += input.bytes
        summary.recordsRead += input.recordsRead
        summary.recordsSkipped += input.recordsSkipped
        summary.inputs.append(input)
    }

    /// `--to json --isis-raw`: the ISIS records as they are, one JSON object per line.
    static func writeRawISIS(_ reader: inout ISISMARCReader, to output: OutputFile,
        input: inout ConvertSummary.InputSummary, reporter: FindingReporter, progress: inout ProgressMeter,
        bytesBefore: Int64) throws
    {
        while let record = try reader.nextISIS() {
            reporter.record(reader.drainFindings())
            input.recordsRead += 1
            try output.write(ISISRawJSON.line(record, decoder: reader.mapper!.decoder))
            progress.tick(records: input.recordsRead, bytes: bytesBefore + reader.bytesConsumed)
        }
        reporter.record(reader.drainFindings())
    }
}
