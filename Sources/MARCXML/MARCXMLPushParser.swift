import CLibXML2
import MARCRecord

/// A sans-IO MARCXML parser on libxml2's SAX2 push interface: it is fed bytes in chunks of any size
/// and queues the records it completes.
///
/// Security: the parser is created with network access off and entity substitution off, never
/// loads a DTD, and refuses any document that has a document type declaration at all — MARCXML
/// never needs one, and refusing it is what shuts out external entities (XXE) and entity expansion
/// bombs. Only the five predefined entities and character references are decoded.
final class MARCXMLPushParser {
    enum Item {
        case record(MARCRecord, [Finding])
        /// The document cannot go on (malformed XML); the finding says where.
        case fatal(Finding)
        /// The document was refused before any record (a DOCTYPE).
        case refused(Finding)
        /// Findings outside any record.
        case findings([Finding])
    }

    /// The parse state lives behind a raw pointer handed to libxml2 as user data: the callbacks
    /// reach it without retaining an object or paying for exclusivity checks on every event (both
    /// were measured at a fifth of the reading time).
    let state: UnsafeMutablePointer<SAXState>
    private var handler = xmlSAXHandler()

    init(fileName: String) {
        MARCXMLPushParser.initializeLibrary
        MARCXMLPushParser.installCallbacks(&handler)
        state = .allocate(capacity: 1)
        state.initialize(to: SAXState(fileName: fileName))
        let ctxt = xmlCreatePushParserCtxt(&handler, UnsafeMutableRawPointer(state), nil, 0, fileName)
        let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
        xmlCtxtUseOptions(ctxt, options)
        state.pointee.ctxt = ctxt
    }

    deinit {
        if let ctxt = state.pointee.ctxt { xmlFreeParserCtxt(ctxt) }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// libxml2's global initialisation, done once and thread-safely.
    static let initializeLibrary: Void = { xmlInitParser() }()

    /// Parses a chunk; `last` ends the document.
    func feed(_ bytes: UnsafeRawBufferPointer, last: Bool) {
        guard !state.pointee.stopped, let ctxt = state.pointee.ctxt else { return }
        let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        _ = xmlParseChunk(ctxt, base, Int32(bytes.count), last ? 1 : 0)
    }

    var bytesConsumed: Int64 { state.pointee.bytesConsumed }
    var stopped: Bool { state.pointee.stopped }
    var inRecord: Bool { state.pointee.inRecord }

    /// Takes the items completed so far.
    func takeItems() -> [MARCXMLPushParser.Item] {
        defer { state.pointee.items.removeAll(keepingCapacity: true) }
        return state.pointee.items
    }
}

/// What the SAX callbacks build: the record under construction and the queue of finished items.
struct SAXState {
    let fileName: String
    var ctxt: xmlParserCtxtPtr?
    var items: [MARCXMLPushParser.Item] = []
    var stopped = false

    var recordNumber = 0
    var inRecord = false
    /// Nesting depth inside the current record element (1 = the record element itself).
    var depth = 0
    var storage: [UInt8] = []
    var entries: [FieldEntry] = []
    var recordFindings: [Finding] = []
    var leader: [UInt8] = []
    var leaderSeen = false
    enum Leaf { case none, leader, controlField, subfield }
    var leaf = Leaf.none
    var fieldTag: Tag?
    var fieldStart = 0
    var inDataField = false

    init(fileName: String) {
        self.fileName = fileName
    }

    var bytesConsumed: Int64 { ctxt.map { Int64(xmlByteConsumed($0)) } ?? 0 }
    var line: Int { ctxt.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0 }
    var column: Int { ctxt.map { Int(xmlSAX2GetColumnNumber(UnsafeMutableRawPointer($0))) } ?? 0 }

    mutating func stop() {
        stopped = true
        if let ctxt { xmlStopParser(ctxt) }
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
