import Dispatch
import Foundation
public import KatalogIO
import MARCRecord
public import Validate

/// What `katalog validate` was asked to do.
public struct ValidationOptions: Sendable {
    public var inputs: [String]
    public var from: RecordFormat?
    public var families: Set<RuleFamily>
    /// A schema file to use instead of the built-in MARCXML schema.
    public var schemaPath: String?
    public var quiet: Bool
    /// Records per batch handed to a worker; small enough that the reorder window stays small.
    public var batchSize: Int
    /// Worker threads checking batches (1 = check on the reading thread; 0 = one per core).
    public var workers: Int

    public init(
        inputs: [String], from: RecordFormat? = nil, families: Set<RuleFamily> = Set(RuleFamily.allCases),
        schemaPath: String? = nil, quiet: Bool = true, batchSize: Int = 512,
        workers: Int = 0
    ) {
        self.inputs = inputs.isEmpty ? ["-"] : inputs
        self.from = from
        self.families = families
        self.schemaPath = schemaPath
        self.quiet = quiet
        self.batchSize = max(1, batchSize)
        self.workers = workers > 0 ? workers : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}

/// The end of a validation run: the summary, and the inputs that could not be read at all (exit status 2).
public struct ValidationOutcome: Sendable {
    public var summary: ValidationSummary
    public var unreadable: [String]
}

/// Runs the validator over every input: reads and frames on the calling thread, checks batches of records
/// on worker threads, and hands the problems to the report writer record by record in input order, so the
/// output is the same whatever the number of cores. Memory holds a few batches, never the file.
public enum ValidationRun {
    public static func run(_ options: ValidationOptions, writer: any ReportWriter) throws -> ValidationOutcome {
        var counter = SummaryCounter(rules: RuleFamily.allCases.filter(options.families.contains).map(\.rawValue))
        var unreadable: [String] = []
        let schema = try loadSchema(options)
        var progress = ProgressMeter(quiet: options.quiet)
        var recordsSoFar = 0
        for path in options.inputs {
            let opened: InputOpener.Opened
            do {
                opened = try InputOpener.open(path, from: options.from, mode: .lenient)
            } catch {
                unreadable.append(path)
                counter.startFile(path, format: "unreadable")
                let p = Problem(.error, rule: "structure.unreadable", error.message, file: path)
                counter.add([p], isRecord: false)
                try writer.add([p], record: nil)
                continue
            }
            counter.startFile(path, format: opened.format.rawValue)
            // The schema pass reads the file a second time, on a thread of its own, while the records are
            // checked; its problems follow the file's record problems.
            var schemaPass: SchemaPass?
            if options.families.contains(.schema) && opened.format == .marcxml {
                if path == "-" {
                    let p = Problem(.warning, rule: "schema.not-checked",
                        "standard input is read once; the schema check needs a file", file: path)
                    counter.add([p], isRecord: false)
                    try writer.add([p], record: nil)
                } else {
                    schemaPass = SchemaPass(validator: schema, path: path)
                }
            }
            let validator = Validator(families: options.families, numericLengths: opened.format == .iso2709)
            var pipeline = CheckPipeline(validator: validator, workers: options.workers)
            var reader = opened.reader
            var batch = RecordBatch()
            var readFailure: Finding?
            var returned = 0
            while true {
                let record: MARCRecord?
                do {
                    record = try reader.next()
                } catch {
                    readFailure = error.finding
                    break
                }
                let findings = reader.drainFindings()
                guard let record else {
                    batch.fileFindings += findings
                    break
                }
                returned += 1
                batch.append(record, findings: findings, site: RecordSite(file: path,
                    recordNumber: returned + reader.recordsSkipped, streamOffset: reader.recordStreamOffset))
                if batch.count >= options.batchSize {
                    try pipeline.submit(batch, writer: writer, counter: &counter)
                    batch = RecordBatch()
                }
                progress.tick(records: recordsSoFar + returned, bytes: reader.bytesConsumed)
            }
            try pipeline.submit(batch, writer: writer, counter: &counter)
            try pipeline.drain(writer: writer, counter: &counter)
            recordsSoFar += returned
            if let readFailure {
                // Whatever the rule families: the input could not be read to its end (exit status 2).
                unreadable.append(path)
                let p = Problem(.error, rule: "structure.unreadable", readFailure.message, file: path,
                    recordNumber: readFailure.recordNumber, offset: readFailure.streamOffset, tag: readFailure.tag)
                counter.add([p], isRecord: false)
                try writer.add([p], record: nil)
            }
            if let schemaPass {
                let outcome = schemaPass.wait()
                if let message = outcome.unusable {
                    let p = Problem(.error, rule: "schema.not-checked", message, file: path)
                    counter.add([p], isRecord: false)
                    try writer.add([p], record: nil)
                } else {
                    counter.setSchemaVerdict(outcome.valid)
                    counter.add(outcome.problems, isRecord: false)
                    try writer.add(outcome.problems, record: nil)
                }
            }
        }
        progress.done(records: recordsSoFar, bytes: 0)
        let summary = counter.final
        try writer.finish(summary)
        return ValidationOutcome(summary: summary, unreadable: unreadable)
    }

    private static func loadSchema(_ options: ValidationOptions) throws -> SchemaValidator {
        guard let path = options.schemaPath else { return SchemaValidator() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunFailure.unusable("--schema \(path): cannot be read")
        }
        return SchemaValidator(schema: Array(data), name: path)
    }
}

/// The schema check of one file, on a thread of its own.
final class SchemaPass: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var outcome = SchemaValidator.Outcome()

    init(validator: SchemaValidator, path: String) {
        let thread = Thread { [self] in
            outcome = validator.validate(path: path, displayName: path, keep: 100_000)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func wait() -> SchemaValidator.Outcome {
        done.wait()
        return outcome
    }
}
