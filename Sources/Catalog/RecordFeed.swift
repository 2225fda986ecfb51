public import Charsets
public import Dedup
import Foundation
public import KatalogIO
import MARCRecord
public import Normalize
public import Pipeline

/// What a merge reads: the inputs and how to read them, and how to normalize what it reads.
public struct MergeInputOptions: Sendable {
    public var inputs: [String]
    public var from: RecordFormat?
    public var encoding: InputEncoding
    public var isis: ISISInputOptions
    public var member: String
    public var normalizer: Normalizer
    /// Print each reader finding on standard error.
    public var printFindings: Bool
    /// The merge's merged-record builder: single-record clusters are built ahead on the reading threads.
    public var builder: MergedRecordBuilder?

    public init(inputs: [String], from: RecordFormat? = nil, encoding: InputEncoding = .auto,
        isis: ISISInputOptions = ISISInputOptions(), member: String, normalizer: Normalizer, printFindings: Bool = true,
        builder: MergedRecordBuilder? = nil)
    {
        self.builder = builder
        self.inputs = inputs.isEmpty ? ["-"] : inputs
        self.from = from
        self.encoding = encoding
        self.isis = isis
        self.member = member
        self.normalizer = normalizer
        self.printFindings = printFindings
    }
}

/// Reads, transcodes (to UTF-8 NFC), normalizes and profiles the input records on a thread of its
/// own and hands them over in chunks through a small bounded queue, so that the CPU work of preparing
/// records runs beside the SQLite writer and memory stays at a few chunks.
public final class RecordFeed: @unchecked Sendable {
    public enum Item: Sendable {
        case records([PreparedRecord])
        /// Records the readers met but could not recover (their findings were printed).
        case unreadable(Int)
        /// An input that cannot be read at all; the merge stops (what was written stays consistent).
        case failure(String)
        case end
    }

    private let condition = NSCondition()
    private var queue: [Item] = []
    private var cancelled = false
    private let capacity = 4
    private let chunkSize = 256

    public init(_ options: MergeInputOptions) {
        let thread = Thread { [self] in produce(options) }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next item; blocks until the reading thread has one.
    public func next() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty { condition.wait() }
        let item = queue.removeFirst()
        condition.broadcast()
        return item
    }

    /// Stops the reading thread at its next chunk.
    public func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// False when the consumer has gone away.
    private func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(item)
        condition.broadcast()
        return true
    }

    /// Normalizes and profiles a chunk on every core: reading is sequential, but preparing one record
    /// needs nothing of another, and it is most of a merge's CPU time.
    static func prepare(_ records: [MARCRecord], _ options: MergeInputOptions) -> [PreparedRecord] {
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, max(1, records.count / 32))
        if parts <= 1 {
            return records.map { PreparedRecord($0, memberCode: options.member, normalizer: options.normalizer,
                builder: options.builder) }
        }
        let results = UnsafeMutableBufferPointer<PreparedRecord?>.allocate(capacity: records.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            // Each part writes its own slots only.
            for i in stride(from: part, to: records.count, by: parts) {
                out[i] = PreparedRecord(records[i], memberCode: options.member, normalizer: options.normalizer,
                    builder: options.builder)
            }
        }
        return results.map { $0! }
    }

    private func produce(_ options: MergeInputOptions) {
        var isisOptions = options.isis
        isisOptions.inputEncoding = options.encoding
        let transcoder = RecordTranscoder(input: options.encoding, output: .utf8, form: .nfc)
        let utf8Transcoder = RecordTranscoder(input: .utf8, output: .utf8, form: .nfc)
        let reporter = try? FindingReporter(printLines: options.printFindings, reportPath: nil)
        for path in options.inputs {
            var opened: InputOpener.Opened
            do {
                opened = try InputOpener.open(path, from: options.from, mode: .lenient, isis: isisOptions)
            } catch {
                _ = put(.failure("\(error)"))
                return
            }
            let isISIS = opened.format == .isis || opened.format == .isisISO
            let transcoder = isISIS ? utf8Transcoder : transcoder
            var chunk: [MARCRecord] = []
            chunk.reserveCapacity(chunkSize)
            var number = 0
            do {
                while var record = try opened.reader.next() {
                    number += 1
                    let findings = opened.reader.drainFindings() + transcoder.transcode(&record).map { f -> Finding in
                        var f = f
                        f.file = path
                        f.recordNumber = number + opened.reader.recordsSkipped
                        f.controlNumber = record.controlNumber
                        return f
                    }
                    reporter?.record(findings)
                    chunk.append(record)
                    if chunk.count >= chunkSize {
                        guard put(.records(Self.prepare(chunk, options))) else { return }
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
            } catch {
                reporter?.record(error.finding)
                _ = put(.failure(error.finding.line))
                return
            }
            reporter?.record(opened.reader.drainFindings())
            if !chunk.isEmpty { guard put(.records(Self.prepare(chunk, options))) else { return } }
            if opened.reader.recordsSkipped > 0 { guard put(.unreadable(opened.reader.recordsSkipped)) else { return } }
        }
        _ = put(.end)
    }
}
