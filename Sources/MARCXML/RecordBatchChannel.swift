#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MARCRecord

/// What the parse thread hands the reader: items in document order and where the parser stood.
struct ItemBatch: Sendable {
    var items: [ParsedItem] = []
    /// Bytes of the document consumed when the batch was closed (for progress and the summary).
    var bytesConsumed: Int64 = 0
    /// The batch is the document's last.
    var isLast = false
    /// The input ended inside a record that no error had already accounted for.
    var endedInsideRecord = false
}

/// One thing the parser met, in document order.
enum ParsedItem: Sendable {
    case record(MARCRecord, [Finding])
    /// A record refused whole (over `MARCXMLLimits`); the findings say why.
    case skipped([Finding])
    /// The document cannot go on (malformed XML); the finding says where.
    case fatal(Finding, insideRecord: Bool)
    /// The document was refused before any record (a DOCTYPE).
    case refused(Finding)
    /// Findings outside any record.
    case findings([Finding])
    /// The input could not be read; what came before it has been delivered.
    case readFailure(ReadError)
    /// An element of the OAI-PMH envelope (only `MARCXMLReader.nextItem()` hands these over).
    case oai(OAIEnvelopeEvent)
}

/// A bounded queue of batches between the parse thread and the reader, so the parser runs ahead
/// by at most `capacity` batches and memory stays flat whatever the input's size.
///
/// `@unchecked Sendable`: every stored property is read and written with `mutex` held.
final class RecordBatchChannel: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let changed: UnsafeMutablePointer<pthread_cond_t>
    private var queue: [ItemBatch] = []
    private var head = 0
    private let capacity: Int
    private var closed = false
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        mutex = .allocate(capacity: 1)
        changed = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    private func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    /// Producer: queues a batch, waiting while the queue is full. `false` once the reader is gone:
    /// the producer should stop parsing.
    func send(_ batch: ItemBatch) -> Bool {
        locked {
            while queue.count - head >= capacity && !cancelled { pthread_cond_wait(changed, mutex) }
            guard !cancelled else { return false }
            if batch.isLast { closed = true }
            queue.append(batch)
            pthread_cond_broadcast(changed)
            return true
        }
    }

    /// Consumer: the next batch, waiting for it; `nil` after the last one.
    func receive() -> ItemBatch? {
        locked {
            while head == queue.count && !closed { pthread_cond_wait(changed, mutex) }
            guard head < queue.count else { return nil }
            let batch = queue[head]
            head += 1
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            }
            pthread_cond_broadcast(changed)
            return batch
        }
    }

    /// Consumer: the reader is gone; a waiting or later `send` returns `false`.
    func cancel() {
        locked {
            cancelled = true
            queue.removeAll()
            head = 0
            pthread_cond_broadcast(changed)
        }
    }

    var isCancelled: Bool { locked { cancelled } }
}
