import Dispatch
import MARCRecord
import Validate

/// Records read from one input, with the reader's findings met while reading each.
struct RecordBatch: @unchecked Sendable {
    var records: [MARCRecord] = []
    var findings: [[Finding]] = []
    var sites: [RecordSite] = []
    /// Findings about the file rather than a record (trailing junk, a read failure).
    var fileFindings: [Finding] = []

    var count: Int { records.count }

    mutating func append(_ record: MARCRecord, findings: [Finding], site: RecordSite) {
        records.append(record)
        self.findings.append(findings)
        sites.append(site)
    }
}

/// Batches in flight on worker threads, emitted in submission order.
struct CheckPipeline {
    /// One batch's results; filled by a worker, read after `ready` is signalled.
    final class Slot: @unchecked Sendable {
        let batch: RecordBatch
        var problems: [[Problem]] = []
        let ready = DispatchSemaphore(value: 0)

        init(batch: RecordBatch) { self.batch = batch }
    }

    let validator: Validator
    let workers: Int
    private var inFlight: [Slot] = []

    init(validator: Validator, workers: Int) {
        self.validator = validator
        self.workers = workers
    }

    /// Hands the batch to a worker (or checks it here with one worker), then writes every batch at the
    /// front that is done, waiting for the oldest when too many are in flight.
    mutating func submit(_ batch: RecordBatch, writer: any ReportWriter, counter: inout SummaryCounter) throws {
        guard batch.count > 0 || !batch.fileFindings.isEmpty else { return }
        let slot = Slot(batch: batch)
        if workers <= 1 {
            Self.check(slot, validator)
        } else {
            let validator = self.validator
            DispatchQueue.global().async { Self.check(slot, validator) }
        }
        inFlight.append(slot)
        while let first = inFlight.first {
            if inFlight.count > workers * 2 {
                first.ready.wait()
            } else if first.ready.wait(timeout: .now()) != .success {
                break
            }
            inFlight.removeFirst()
            try emit(first, writer: writer, counter: &counter)
        }
    }

    mutating func drain(writer: any ReportWriter, counter: inout SummaryCounter) throws {
        for slot in inFlight {
            slot.ready.wait()
            try emit(slot, writer: writer, counter: &counter)
        }
        inFlight.removeAll()
    }

    private static func check(_ slot: Slot, _ validator: Validator) {
        let b = slot.batch
        var out: [[Problem]] = []
        out.reserveCapacity(b.count)
        for i in 0..<b.count {
            var problems = b.findings[i].compactMap(validator.problem(from:))
            problems += validator.check(b.records[i], site: b.sites[i])
            out.append(problems)
        }
        slot.problems = out
        slot.ready.signal()
    }

    private func emit(_ slot: Slot, writer: any ReportWriter, counter: inout SummaryCounter) throws {
        for i in 0..<slot.batch.count {
            counter.add(slot.problems[i], isRecord: true)
            try writer.add(slot.problems[i], record: slot.batch.records[i])
        }
        let fileProblems = slot.batch.fileFindings.compactMap(validator.problem(from:))
        if !fileProblems.isEmpty {
            counter.add(fileProblems, isRecord: false)
            try writer.add(fileProblems, record: nil)
        }
    }
}
