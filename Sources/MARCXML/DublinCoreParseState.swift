#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import MARCRecord

/// What the `oai_dc` reader's SAX callbacks build: the description under construction, the OAI
/// header around it, and the finished items waiting for `next()`.
///
/// The structure it recognises, wherever it sits in the document:
/// `record` (OAI namespace) › `header` › `identifier`, `datestamp`, `@status`;
/// `dc` (oai_dc namespace) › any child element, whose text becomes one `DublinCoreRecord.Element`.
final class DublinCoreParseState {
    enum Event {
        case item(HarvestedDublinCore, [Finding])
        case findings([Finding])
        /// Malformed XML: the rest of the document cannot be read.
        case fatal(Finding, insideRecord: Bool)
        /// A DOCTYPE: the document is not read at all.
        case refused(Finding)
        /// An OAI record without metadata that is not deleted: skipped.
        case skipped([Finding])
    }

    let fileName: String
    var ctxt: xmlParserCtxtPtr?
    var events: [Event] = []
    var stopped = false
    /// Bytes handed to libxml2 and line breaks among them, for findings about bytes libxml2 never
    /// sees (illegal control characters are replaced before it does).
    var bytesFed: Int64 = 0
    var linesFed = 1

    private var depth = 0
    var recordNumber = 0
    private var recordLine = 0
    private var recordFindings: [Finding] = []

    // The OAI record and its header.
    private var oaiRecordDepth: Int?
    private var headerDepth: Int?
    private enum HeaderLeaf { case none, identifier, datestamp }
    private var headerLeaf = HeaderLeaf.none
    private var oaiIdentifier: String?
    private var datestamp: String?
    private var deleted = false
    private var oaiRecordHadMetadata = false

    // The description.
    private var dcDepth: Int?
    private var elements: [DublinCoreRecord.Element] = []
    private var element: DublinCoreRecord.Element?
    private var nestedReported = false
    private var text: [UInt8] = []
    /// A value or a description went over `DublinCoreLimits` (reported once per description).
    private var limitReported = false

    init(fileName: String) {
        self.fileName = fileName
        text.reserveCapacity(1024)
    }

    var insideRecord: Bool { oaiRecordDepth != nil || dcDepth != nil }
    var line: Int { ctxt.map { Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer($0))) } ?? 0 }

    // MARK: - Element events

    func startElement(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
    {
        guard !stopped else { return }
        depth += 1
        if let dcDepth {
            if depth == dcDepth + 1 {
                guard elements.count < DublinCoreLimits.maxElementsPerRecord else {
                    reportLimit("more than \(DublinCoreLimits.maxElementsPerRecord) elements", action: "the rest dropped")
                    element = nil
                    return
                }
                element = DublinCoreRecord.Element(name: String(cString: name), value: "",
                    namespace: uri.map { DublinCoreNames.trimmedURI($0) },
                    language: Self.attribute(count, attributes, "lang", DublinCoreNames.xml),
                    type: Self.attribute(count, attributes, "type", DublinCoreNames.xsi))
                text.removeAll(keepingCapacity: true)
            } else if !nestedReported, let element {
                nestedReported = true
                note(.warning, .dcNestedElement,
                    "element <\(String(cString: name))> inside <\(element.name)>", action: "its text kept")
            }
            return
        }
        if DublinCoreNames.equal(name, "dc") && DublinCoreNames.inNamespace(uri, DublinCoreNames.oaiDC) {
            beginDescription()
        } else if DublinCoreNames.equal(name, "record") && DublinCoreNames.inNamespace(uri, DublinCoreNames.oai) {
            beginOAIRecord()
        } else if let oaiRecordDepth, let headerDepth, depth == headerDepth + 1, headerDepth == oaiRecordDepth + 1 {
            if DublinCoreNames.equal(name, "identifier") {
                headerLeaf = .identifier
            } else if DublinCoreNames.equal(name, "datestamp") {
                headerLeaf = .datestamp
            }
            text.removeAll(keepingCapacity: true)
        } else if let oaiRecordDepth, depth == oaiRecordDepth + 1, DublinCoreNames.equal(name, "header") {
            headerDepth = depth
            deleted = Self.attribute(count, attributes, "status", nil) == "deleted"
        }
    }

    func endElement() {
        guard !stopped else { return }
        defer { depth -= 1 }
        if let dcDepth {
            if depth == dcDepth + 1, var element {
                element.value = String(decoding: text, as: UTF8.self)
                elements.append(element)
                self.element = nil
            } else if depth == dcDepth {
                endDescription()
            }
            return
        }
        if headerLeaf != .none {
            let value = DublinCoreRecord.trimmed(String(decoding: text, as: UTF8.self))
            if headerLeaf == .identifier { oaiIdentifier = value } else { datestamp = value }
            headerLeaf = .none
        } else if depth == headerDepth {
            headerDepth = nil
        } else if depth == oaiRecordDepth {
            endOAIRecord()
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, _ length: Int) {
        guard !stopped, element != nil || headerLeaf != .none else { return }
        // libxml2 bounds text only in its own tree builder, not for a SAX callback: bounded here.
        let room = DublinCoreLimits.maxValueBytes - text.count
        if length > room {
            reportLimit("a value longer than \(DublinCoreLimits.maxValueBytes) bytes", action: "value cut")
            if room > 0 { text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: room)) }
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
    }

    // MARK: - Records

    private func beginOAIRecord() {
        recordNumber += 1
        recordLine = line
        recordFindings = []
        oaiRecordDepth = depth
        oaiIdentifier = nil
        datestamp = nil
        deleted = false
        oaiRecordHadMetadata = false
    }

    private func beginDescription() {
        if oaiRecordDepth == nil {
            recordNumber += 1
            recordLine = line
            recordFindings = []
        }
        dcDepth = depth
        elements = []
        element = nil
        nestedReported = false
        limitReported = false
    }

    private func endDescription() {
        dcDepth = nil
        let inEnvelope = oaiRecordDepth != nil
        if elements.allSatisfy({ $0.trimmedValue.isEmpty }) {
            note(.info, .dcEmptyRecord, "oai_dc:dc has no element with a value", action: "kept as is")
        }
        let item = HarvestedDublinCore(record: DublinCoreRecord(elements: elements),
            oaiIdentifier: inEnvelope ? oaiIdentifier : nil, datestamp: inEnvelope ? datestamp : nil,
            isDeleted: inEnvelope && deleted, recordNumber: recordNumber, line: recordLine)
        events.append(.item(item, recordFindings))
        recordFindings = []
        elements = []
        if inEnvelope { oaiRecordHadMetadata = true }
    }

    private func endOAIRecord() {
        oaiRecordDepth = nil
        headerDepth = nil
        guard !oaiRecordHadMetadata else { return }
        if deleted {
            let item = HarvestedDublinCore(record: DublinCoreRecord(), oaiIdentifier: oaiIdentifier,
                datestamp: datestamp, isDeleted: true, recordNumber: recordNumber, line: recordLine)
            events.append(.item(item, recordFindings))
        } else {
            var findings = recordFindings
            findings.append(Finding(.error, .dcNoMetadata,
                "line \(recordLine): OAI record \(oaiIdentifier ?? "without identifier") has no oai_dc metadata "
                    + "and is not deleted", action: "record skipped", file: fileName, recordNumber: recordNumber,
                controlNumber: oaiIdentifier, streamOffset: bytesConsumed))
            events.append(.skipped(findings))
        }
        recordFindings = []
    }

    // MARK: - Findings

    private func reportLimit(_ what: String, action: String) {
        guard !limitReported else { return }
        limitReported = true
        note(.error, .dcTooLarge, "description has \(what)", action: action)
    }

    var bytesConsumed: Int64 { ctxt.map { Int64(xmlByteConsumed($0)) } ?? bytesFed }

    /// A finding about the record being read (or about the document when between records).
    func note(_ severity: Finding.Severity, _ code: FindingCode, _ message: String, action: String,
        line explicitLine: Int? = nil)
    {
        let finding = Finding(severity, code, "line \(explicitLine ?? line): \(message)", action: action,
            file: fileName, recordNumber: insideRecord ? recordNumber : nil,
            controlNumber: oaiRecordDepth != nil ? oaiIdentifier : nil, streamOffset: bytesConsumed)
        if insideRecord { recordFindings.append(finding) } else { events.append(.findings([finding])) }
    }

    func refuseDoctype(_ name: UnsafePointer<xmlChar>?) {
        let root = name.map { String(cString: $0) } ?? "?"
        events.append(.refused(Finding(.error, .dcDoctypeRefused,
            "line \(line): document type declaration <!DOCTYPE \(root) …> refused: oai_dc needs none, and DTDs "
                + "carry external entities (XXE) and entity expansion bombs",
            action: "document not read", file: fileName, streamOffset: bytesConsumed)))
        stop()
    }

    func xmlError(_ error: xmlError) {
        guard !stopped else { return }
        // INLISLite's namespaces with a trailing blank earn "not a valid URI" on every record; the
        // namespaces are matched trimmed, so that is noise, like libxml2's warnings.
        guard error.level != XML_ERR_WARNING, error.code != Int32(XML_WAR_NS_URI.rawValue),
            error.code != Int32(XML_WAR_NS_URI_RELATIVE.rawValue)
        else { return }
        let message = DublinCoreRecord.trimmed(error.message.map { String(cString: $0) } ?? "XML error \(error.code)")
        let located = "line \(error.line), column \(error.int2): \(message)"
        if error.level == XML_ERR_FATAL {
            events.append(.fatal(Finding(.error, .dcMalformed, located, action: "rest of the document not read",
                file: fileName, recordNumber: insideRecord ? recordNumber : nil, streamOffset: bytesConsumed),
                insideRecord: insideRecord))
            stop()
        } else {
            let finding = Finding(.warning, .dcMalformed, located, action: "parsing went on", file: fileName,
                recordNumber: insideRecord ? recordNumber : nil, streamOffset: bytesConsumed)
            if insideRecord { recordFindings.append(finding) } else { events.append(.findings([finding])) }
        }
    }

    private func stop() {
        stopped = true
        if let ctxt { xmlStopParser(ctxt) }
    }

    /// The value of the first attribute with this local name (and namespace, when given), decoded.
    private static func attribute(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        _ name: StaticString, _ namespace: StaticString?) -> String?
    {
        guard let attributes else { return nil }
        for i in 0..<count {
            let a = attributes + 5 * i
            guard let local = a[0], DublinCoreNames.equal(local, name), let start = a[3], let end = a[4] else {
                continue
            }
            if let namespace, !DublinCoreNames.inNamespace(a[2], namespace) { continue }
            let raw = Array(UnsafeBufferPointer(start: start, count: end - start))
            return String(decoding: XMLEntities.decode(raw), as: UTF8.self)
        }
        return nil
    }
}
