import CLibXML2
import MARCRecord

/// What the SAX callbacks build on the parse thread: the record under construction and the batch
/// of finished items, handed to the reader through the channel.
struct SAXState {
    let fileName: String
    var ctxt: xmlParserCtxtPtr?
    let channel: RecordBatchChannel
    let batchSize: Int
    var batch = ItemBatch()
    /// Set by a fatal error, a refused DOCTYPE, a read failure or the reader going away: nothing
    /// more is reported or built.
    var stopped = false
    /// Where the parser stood when it was stopped (libxml2 resets its input when halted).
    var stoppedAt: Int64?
    var names = ElementNames()

    var recordNumber = 0
    var inRecord = false
    /// Nesting depth inside the current record element (1 = the record element itself).
    var depth = 0
    var storage = GrowableBuffer<UInt8>(capacity: 1 << 14)
    var entries = GrowableBuffer<FieldEntry>(capacity: 256)
    var recordFindings: [Finding] = []
    var leader: [UInt8] = []
    var leaderSeen = false
    /// The record went over `MARCXMLLimits`: its fields are being dropped and it will be skipped.
    var recordOverLimit = false
    enum Leaf { case none, leader, controlField, subfield }
    var leaf = Leaf.none
    var fieldTag: Tag?
    var fieldStart = 0
    var inDataField = false
    /// Text of the OAI-PMH envelope element being read (see `SAXState+OAI`).
    var envelopeText: [UInt8] = []
    var collectingEnvelopeText = false

    init(fileName: String, channel: RecordBatchChannel, batchSize: Int) {
        self.fileName = fileName
        self.channel = channel
        self.batchSize = batchSize
        leader.reserveCapacity(Leader.length)
    }

    func release() {
        storage.release()
        entries.release()
    }

    var bytesConsumed: Int64 {
        if let stoppedAt { return stoppedAt }
        return ctxt.map { Int64(xmlByteConsumed($0)) } ?? 0
    }
    var line: Int { ctxt.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0 }
    var column: Int { ctxt.map { Int(xmlSAX2GetColumnNumber(UnsafeMutableRawPointer($0))) } ?? 0 }

    /// Stops the parse. Only from a SAX callback: libxml2 frees its input buffer when halted, which
    /// its read callback is in the middle of using.
    mutating func stop() {
        stoppedAt = bytesConsumed
        stopped = true
        if let ctxt { xmlStopParser(ctxt) }
    }

    /// Queues an item, handing the batch over when it is full.
    @inline(__always)
    mutating func emit(_ item: ParsedItem) {
        batch.items.append(item)
        if batch.items.count >= batchSize { flush() }
    }

    /// Hands the batch over; stops the parse when the reader is gone.
    mutating func flush() {
        batch.bytesConsumed = bytesConsumed
        let delivered = channel.send(batch)
        batch = ItemBatch()
        batch.items.reserveCapacity(batchSize)
        if !delivered && !stopped { stop() }
    }

    /// A finding about the record being read, located by line and column (what a person can find in
    /// an XML file) and by the byte offset libxml2 has consumed.
    mutating func note(_ severity: Finding.Severity, _ code: FindingCode, _ message: String, action: String,
        tag: String?)
    {
        recordFindings.append(Finding(severity, code, "line \(line), column \(column): \(message)", action: action,
            file: fileName, recordNumber: recordNumber, streamOffset: bytesConsumed, tag: tag))
    }
}

/// The MARCXML element and attribute names as libxml2's dictionary holds them. libxml2 hands every
/// name over as a pointer into the parser's dictionary, one pointer per distinct name, so a name is
/// recognised by comparing pointers; a string comparison backs that up (see `SAXState.named`).
struct ElementNames {
    var record: UnsafePointer<xmlChar>?
    var leader: UnsafePointer<xmlChar>?
    var controlfield: UnsafePointer<xmlChar>?
    var datafield: UnsafePointer<xmlChar>?
    var subfield: UnsafePointer<xmlChar>?
    var tag: UnsafePointer<xmlChar>?
    var code: UnsafePointer<xmlChar>?
    var ind1: UnsafePointer<xmlChar>?
    var ind2: UnsafePointer<xmlChar>?

    init() {}

    init(dict: OpaquePointer?) {
        func intern(_ name: StaticString) -> UnsafePointer<xmlChar>? {
            guard let dict else { return nil }
            return xmlDictLookup(dict, name.utf8Start, Int32(name.utf8CodeUnitCount))
        }
        record = intern("record")
        leader = intern("leader")
        controlfield = intern("controlfield")
        datafield = intern("datafield")
        subfield = intern("subfield")
        tag = intern("tag")
        code = intern("code")
        ind1 = intern("ind1")
        ind2 = intern("ind2")
    }
}
