import CLibXML2
import KatalogIO
import MARCRecord

/// A MARCXML parser on libxml2's SAX2 interface in pull mode: libxml2 asks for bytes through a read
/// callback and runs the whole document in one `xmlParseDocument` call, on the parse thread
/// (`MARCXMLParseThread`), handing finished records to the reader in batches.
///
/// Pull mode rather than the push parser (`xmlParseChunk`): in libxml2 2.9 the push parser scans
/// ahead for the end of every construct before parsing it, which costs a ninth of libxml2's time
/// on MARCXML (callgrind, LC file).
///
/// Security: the parser is created with network access off and entity substitution off, never
/// loads a DTD, and refuses any document that has a document type declaration at all — MARCXML
/// never needs one, and refusing it is what shuts out external entities (XXE) and entity expansion
/// bombs. Only the five predefined entities and character references are decoded. The SAX handler
/// has no entity, DTD or external-subset callbacks, so libxml2 has nothing to resolve them with.
final class MARCXMLParser {
    /// The parse state lives behind a raw pointer handed to libxml2 as user data: the callbacks
    /// reach it without retaining an object or paying for exclusivity checks on every event (both
    /// were measured at a fifth of the reading time).
    private let state: UnsafeMutablePointer<SAXState>
    private let input: InputPump
    private var handler = xmlSAXHandler()

    init<Source: ByteSource>(source: Source, fileName: String, channel: RecordBatchChannel, batchSize: Int,
        bufferSize: Int)
    {
        MARCXMLParser.initializeLibrary
        MARCXMLParser.installCallbacks(&handler)
        state = .allocate(capacity: 1)
        state.initialize(to: SAXState(fileName: fileName, channel: channel, batchSize: batchSize))
        input = InputPump(source: source, bufferSize: bufferSize, state: state)
    }

    deinit {
        state.pointee.release()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// libxml2's global initialisation, done once and thread-safely.
    static let initializeLibrary: Void = { xmlInitParser() }()

    /// Parses the whole document, handing batches to the channel; the last batch says so.
    func run() {
        let ctxt = xmlCreateIOParserCtxt(&handler, UnsafeMutableRawPointer(state), { context, buffer, length in
            guard let context, let buffer else { return -1 }
            return Unmanaged<InputPump>.fromOpaque(context).takeUnretainedValue().fill(buffer, Int(length))
        }, nil, Unmanaged.passUnretained(input).toOpaque(), XML_CHAR_ENCODING_NONE)
        guard let ctxt else {
            state.pointee.batch.items.append(.readFailure(.readFailure(
                XMLSetupError(), file: state.pointee.fileName, offset: 0)))
            return finish()
        }
        let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
        xmlCtxtUseOptions(ctxt, options)
        state.pointee.ctxt = ctxt
        state.pointee.names = ElementNames(dict: ctxt.pointee.dict)
        xmlParseDocument(ctxt)
        // Read while the context still stands: bytes consumed, then whether a record was left open.
        state.pointee.stoppedAt = state.pointee.bytesConsumed
        finish()
        state.pointee.ctxt = nil
        xmlFreeParserCtxt(ctxt)
    }

    private func finish() {
        state.pointee.batch.isLast = true
        state.pointee.batch.endedInsideRecord = state.pointee.inRecord && !state.pointee.stopped
        state.pointee.flush()
    }
}

/// libxml2 could not create a parser context (out of memory).
struct XMLSetupError: Error, CustomStringConvertible {
    var description: String { "libxml2 could not create a parser" }
}

@inline(__always)
private func saxState(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXState> {
    ctx.unsafelyUnwrapped.assumingMemoryBound(to: SAXState.self)
}

/// The SAX2 callbacks. libxml2 calls them with a pointer to the parse state as its user data.
extension MARCXMLParser {
    static func installCallbacks(_ h: inout xmlSAXHandler) {
        h.initialized = UInt32(XML_SAX2_MAGIC)
        h.startElementNs = { ctx, localname, _, uri, _, _, count, _, attributes in
            saxState(ctx).pointee.startElement(localname.unsafelyUnwrapped, uri, Int(count), attributes)
        }
        h.endElementNs = { ctx, localname, _, uri in
            saxState(ctx).pointee.endElement(localname.unsafelyUnwrapped, uri)
        }
        h.characters = { ctx, bytes, length in
            saxState(ctx).pointee.characters(bytes.unsafelyUnwrapped, Int(length))
        }
        h.internalSubset = { ctx, name, _, _ in
            saxState(ctx).pointee.refuseDoctype(name)
        }
        h.serror = { ctx, error in
            guard let ctx, let error else { return }
            saxState(ctx).pointee.xmlError(error.pointee)
        }
    }
}
