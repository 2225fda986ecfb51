#if canImport(Glibc)
import Glibc
#endif
import CLibXML2
import MARCRecord

@inline(__always)
private func saxState(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXState> {
    ctx!.assumingMemoryBound(to: SAXState.self)
}

/// The SAX2 callbacks. libxml2 calls them with a pointer to the parse state as its user data.
extension MARCXMLPushParser {
    static func installCallbacks(_ h: inout xmlSAXHandler) {
        h.initialized = UInt32(XML_SAX2_MAGIC)
        h.startElementNs = { ctx, localname, _, uri, _, _, count, _, attributes in
            saxState(ctx).pointee.startElement(localname!, uri, Int(count), attributes)
        }
        h.endElementNs = { ctx, localname, _, _ in
            saxState(ctx).pointee.endElement(localname!)
        }
        h.characters = { ctx, bytes, length in
            saxState(ctx).pointee.characters(bytes!, Int(length))
        }
        h.internalSubset = { ctx, name, _, _ in
            saxState(ctx).pointee.refuseDoctype(name)
        }
        h.serror = { ctx, error in
            guard let ctx, let error else { return }
            saxState(ctx).pointee.xmlError(error.pointee)
        }
    }


    // MARK: - Elements

}

extension SAXState {
    @inline(__always)
    private static func named(_ p: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
        // The first byte tells the MARCXML names apart almost always; strcmp only confirms.
        p.pointee == name.utf8Start.pointee && strcmp(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self),
            UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    private func isMARCNamespace(_ uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let uri, uri.pointee != 0 else { return true }
        let s = String(cString: uri)
        return s == MARCXMLNames.slim || s == MARCXMLNames.marcXchange
    }

    /// Calls `body` with the bytes of the attribute `name` (decoded; `nil` when absent). Values are
    /// read in place; only a value holding a reference is copied to be decoded.
    private static func withAttribute<R>(_ name: StaticString, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R
    {
        guard let attributes else { return body(nil) }
        for i in 0..<count {
            let a = attributes + 5 * i
            guard let local = a[0], Self.named(local, name), let start = a[3], let end = a[4] else { continue }
            let value = UnsafeBufferPointer(start: start, count: end - start)
            guard value.contains(UInt8(ascii: "&")) else { return body(value) }
            return XMLEntities.decode(Array(value)).withUnsafeBufferPointer { body($0) }
        }
        return body(nil)
    }

    mutating func startElement(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
    {
        guard inRecord else {
            if Self.named(name, "record") && isMARCNamespace(uri) { beginRecord() }
            return
        }
        depth += 1
        if Self.named(name, "subfield") {
            guard inDataField else { return unexpected(name) }
            let code: [UInt8]? = Self.withAttribute("code", count, attributes) {
                guard let value = $0, !value.isEmpty else { return nil }
                return value.count == 1 ? nil : Array(value)
            }
            let single: UInt8? = code == nil ? Self.withAttribute("code", count, attributes) { $0?.first } : nil
            guard code != nil || single != nil else {
                note(.error, .xmlMissingSubfieldCode, "subfield without a code", action: "subfield dropped",
                    tag: fieldTag?.description)
                leaf = .none
                return
            }
            storage.append(subfieldDelimiter)
            if let code {
                // A code of several bytes (often one non-ASCII character): kept whole, as yaz does; ISO 2709
                // readers will take its first byte as the code and the rest as the start of the value.
                note(.warning, .xmlMissingSubfieldCode, "subfield code '\(ASCII.escaped(code))' is \(code.count) bytes",
                    action: "kept as is", tag: fieldTag?.description)
                storage.append(contentsOf: code)
            } else {
                storage.append(single!)
            }
            leaf = .subfield
        } else if Self.named(name, "datafield") {
            fieldTag = Self.withAttribute("tag", count, attributes) { tag($0) }
            inDataField = true
            fieldStart = storage.count
            storage.append(Self.withAttribute("ind1", count, attributes) { indicator($0, 1) })
            storage.append(Self.withAttribute("ind2", count, attributes) { indicator($0, 2) })
        } else if Self.named(name, "controlfield") {
            fieldTag = Self.withAttribute("tag", count, attributes) { tag($0) }
            fieldStart = storage.count
            leaf = .controlField
        } else if Self.named(name, "leader") {
            leader.removeAll(keepingCapacity: true)
            leaf = .leader
        } else {
            unexpected(name)
        }
    }

    private mutating func unexpected(_ name: UnsafePointer<xmlChar>) {
        note(.warning, .xmlUnexpectedElement, "unexpected element <\(String(cString: name))> in a record",
            action: "ignored", tag: nil)
        leaf = .none
    }

    mutating func endElement(_ name: UnsafePointer<xmlChar>) {
        guard inRecord else { return }
        depth -= 1
        if depth == 0 {
            endRecord()
            return
        }
        switch leaf {
        case .subfield:
            leaf = .none
        case .controlField:
            if let fieldTag {
                entries.append(FieldEntry(tag: fieldTag, start: fieldStart, length: storage.count - fieldStart))
            }
            leaf = .none
        case .leader:
            leaderSeen = true
            leaf = .none
        case .none:
            if inDataField && Self.named(name, "datafield") {
                if let fieldTag {
                    entries.append(FieldEntry(tag: fieldTag, start: fieldStart, length: storage.count - fieldStart))
                }
                inDataField = false
            }
        }
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, _ length: Int) {
        switch leaf {
        case .subfield, .controlField: storage.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        case .leader: leader.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        case .none: break
        }
    }

    // MARK: - Records

    private mutating func beginRecord() {
        recordNumber += 1
        inRecord = true
        depth = 1
        storage = Leader().bytes
        storage.reserveCapacity(2048)
        entries = []
        entries.reserveCapacity(32)
        recordFindings = []
        leaderSeen = false
        leaf = .none
        inDataField = false
    }

    private mutating func endRecord() {
        inRecord = false
        if !leaderSeen {
            note(.warning, .xmlMissingLeader, "record has no leader", action: "a default leader used", tag: "LDR")
        } else if leader.count != Leader.length {
            note(.warning, .xmlBadLeader, "leader has \(leader.count) characters, not 24",
                action: leader.count < 24 ? "padded with blanks" : "cut to 24", tag: "LDR")
            leader = Array((leader + Array(repeating: ASCII.space, count: 24)).prefix(24))
            storage.replaceSubrange(0..<Leader.length, with: leader)
        } else {
            storage.replaceSubrange(0..<Leader.length, with: leader)
        }
        let record = MARCRecord(storage: storage, entries: entries)
        if !recordFindings.isEmpty, let number = record.controlNumber {
            for i in recordFindings.indices { recordFindings[i].controlNumber = number }
        }
        items.append(.record(record, recordFindings))
    }

    /// A tag from its attribute: three characters; fewer digits are zero-padded; anything else drops
    /// the field.
    private mutating func tag(_ value: UnsafeBufferPointer<UInt8>?) -> Tag? {
        guard let value else {
            note(.error, .xmlBadTag, "field without a tag", action: "field dropped", tag: nil)
            return nil
        }
        if value.count == 3 { return Tag(value[0], value[1], value[2]) }
        if (1...2).contains(value.count) && value.allSatisfy({ ASCII.isDigit($0) }) {
            let padded = Array(repeating: ASCII.zero, count: 3 - value.count) + value
            note(.warning, .xmlBadTag, "tag '\(ASCII.escaped(value))' has fewer than 3 characters",
                action: "read as \(ASCII.escaped(padded))", tag: ASCII.escaped(padded))
            return Tag(padded[0], padded[1], padded[2])
        }
        note(.error, .xmlBadTag, "tag '\(ASCII.escaped(value))' is not 3 characters", action: "field dropped",
            tag: ASCII.escaped(value))
        return nil
    }

    private mutating func indicator(_ value: UnsafeBufferPointer<UInt8>?, _ position: Int) -> UInt8 {
        if let value, value.count == 1, let b = value.first,
            ASCII.isDigit(b) || ASCII.isLower(b) || b == ASCII.space || b == ASCII.verticalBar
        {
            return b
        }
        let shown = value.map { "'\(ASCII.escaped($0))'" } ?? "missing"
        note(.warning, .xmlBadIndicator, "indicator \(position) is \(shown)", action: "set to blank",
            tag: fieldTag?.description)
        return ASCII.space
    }

    // MARK: - Errors

    mutating func refuseDoctype(_ name: UnsafePointer<xmlChar>?) {
        let root = name.map { String(cString: $0) } ?? "?"
        items.append(.refused(Finding(.error, .xmlDoctypeRefused,
            "line \(line): document type declaration <!DOCTYPE \(root) …> refused: MARCXML needs none, and DTDs "
                + "carry external entities (XXE) and entity expansion bombs",
            action: "document not read", file: fileName, streamOffset: bytesConsumed)))
        stop()
    }

    mutating func xmlError(_ error: xmlError) {
        guard !stopped else { return }
        let message = error.message.map { String(cString: $0).trimmingWhitespace } ?? "XML error \(error.code)"
        let located = "line \(error.line), column \(error.int2): \(message)"
        if error.level == XML_ERR_FATAL {
            items.append(.fatal(Finding(.error, .xmlMalformed, located,
                action: "rest of the document not read", file: fileName,
                recordNumber: inRecord ? recordNumber : nil, streamOffset: bytesConsumed)))
            stop()
        } else {
            let finding = Finding(error.level == XML_ERR_WARNING ? .info : .warning, .xmlMalformed, located,
                action: "parsing went on", file: fileName, recordNumber: inRecord ? recordNumber : nil,
                streamOffset: bytesConsumed)
            if inRecord { recordFindings.append(finding) } else { items.append(.findings([finding])) }
        }
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
