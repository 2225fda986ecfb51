import CLibXML2
import MARCRecord

/// libxml2's push parser fed by the `oai_dc` reader one chunk at a time, on the caller's thread.
///
/// Push rather than MARCXML's pull-mode parse thread: `oai_dc` feeds are small (a SLiMS page is 100
/// records), so handing each chunk over and collecting the descriptions it completed is simpler and
/// keeps memory as flat. Security is MARCXML's: no network, no entity substitution, no DTD loading,
/// no huge-text mode, and a DOCTYPE is refused from the SAX callback before its declarations are read,
/// which shuts out external entities (XXE) and entity expansion bombs.
final class DublinCorePushParser {
    let state: DublinCoreParseState
    private var handler = xmlSAXHandler()
    private let ctxt: xmlParserCtxtPtr?
    /// Whether bytes that are not UTF-8 are repaired: nil until the XML declaration has been seen,
    /// false when it names another encoding (libxml2 converts that itself).
    var repairsUTF8: Bool?
    /// Bytes waiting for more: the start of the document before its declaration is complete, or a
    /// UTF-8 sequence cut by the end of a chunk.
    var held: [UInt8] = []
    /// The record whose repairs have been reported, and the kinds reported: one finding per kind and
    /// record is enough to find the bytes, and a Latin-1 file would otherwise give one per letter.
    var repairsReported: (record: Int, codes: Set<FindingCode>) = (-1, [])

    init(fileName: String) {
        MARCXMLParser.initializeLibrary
        state = DublinCoreParseState(fileName: fileName)
        Self.installCallbacks(&handler)
        ctxt = xmlCreatePushParserCtxt(&handler, Unmanaged.passUnretained(state).toOpaque(), nil, 0, fileName)
        if let ctxt {
            xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue))
            state.ctxt = ctxt
        }
    }

    deinit {
        state.ctxt = nil
        if let ctxt { xmlFreeParserCtxt(ctxt) }
    }

    var isReady: Bool { ctxt != nil }

    /// Parses the next piece of the input, repaired on the way (see `scan`). The first bytes wait
    /// until the XML declaration is complete: it says whether the input claims to be UTF-8.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) {
        if repairsUTF8 == nil {
            held.append(contentsOf: bytes)
            guard held.count >= 256 || held.contains(UInt8(ascii: ">")) else { return }
            repairsUTF8 = held.withUnsafeBufferPointer { Self.declaresUTF8($0) }
            let first = held
            held = []
            first.withUnsafeBufferPointer { scan($0, final: false) }
        } else if held.isEmpty {
            scan(bytes, final: false)
        } else {
            let joined = held + bytes
            held = []
            joined.withUnsafeBufferPointer { scan($0, final: false) }
        }
    }

    /// Tells libxml2 the input has ended, so that it reports what was left open.
    func finish() {
        if repairsUTF8 == nil { repairsUTF8 = held.withUnsafeBufferPointer { Self.declaresUTF8($0) } }
        let rest = held
        held = []
        rest.withUnsafeBufferPointer { scan($0, final: true) }
        guard let ctxt, !state.stopped else { return }
        xmlParseChunk(ctxt, nil, 0, 1)
    }

    func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let ctxt, !state.stopped, !bytes.isEmpty else { return }
        state.bytesFed += Int64(bytes.count)
        _ = bytes.withMemoryRebound(to: CChar.self) { xmlParseChunk(ctxt, $0.baseAddress, Int32($0.count), 0) }
    }

    private static func installCallbacks(_ h: inout xmlSAXHandler) {
        h.initialized = UInt32(XML_SAX2_MAGIC)
        h.startElementNs = { ctx, localname, _, uri, _, _, count, _, attributes in
            parseState(ctx).startElement(localname.unsafelyUnwrapped, uri, Int(count), attributes)
        }
        h.endElementNs = { ctx, _, _, _ in parseState(ctx).endElement() }
        h.characters = { ctx, bytes, length in parseState(ctx).characters(bytes.unsafelyUnwrapped, Int(length)) }
        h.internalSubset = { ctx, name, _, _ in parseState(ctx).refuseDoctype(name) }
        h.serror = { ctx, error in
            guard let ctx, let error else { return }
            parseState(ctx).xmlError(error.pointee)
        }
    }
}

@inline(__always)
private func parseState(_ ctx: UnsafeMutableRawPointer?) -> DublinCoreParseState {
    Unmanaged<DublinCoreParseState>.fromOpaque(ctx.unsafelyUnwrapped).takeUnretainedValue()
}
