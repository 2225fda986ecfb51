import CLibXML2
import MARCRecord

/// Record boundaries, the values read from attributes, and the errors libxml2 reports.
extension SAXState {
    /// A blank MARC 21 leader, where a record without its own starts.
    private static let defaultLeader = Leader().bytes

    mutating func beginRecord() {
        recordNumber += 1
        inRecord = true
        depth = 1
        storage.removeAll()
        Self.defaultLeader.withUnsafeBufferPointer { storage.append($0.baseAddress!, count: $0.count) }
        entries.removeAll()
        recordFindings = []
        leaderSeen = false
        recordOverLimit = false
        leaf = .none
        inDataField = false
    }

    /// Kept out of line: `endElement` runs a million times per file, this once per record.
    @inline(never)
    mutating func endRecord() {
        inRecord = false
        if recordOverLimit {
            emit(.skipped(recordFindings))
            return
        }
        if !leaderSeen {
            note(.warning, .xmlMissingLeader, "record has no leader", action: "a default leader used", tag: "LDR")
        } else {
            if leader.count != Leader.length {
                note(.warning, .xmlBadLeader, "leader has \(leader.count) characters, not 24",
                    action: leader.count < 24 ? "padded with blanks" : "cut to 24", tag: "LDR")
                leader = Array((leader + Array(repeating: ASCII.space, count: 24)).prefix(24))
            }
            for i in 0..<Leader.length { storage[i] = leader[i] }
        }
        let record = MARCRecord(storage: storage.makeArray(), entries: entries.makeArray())
        if !recordFindings.isEmpty, let number = record.controlNumber {
            for i in recordFindings.indices { recordFindings[i].controlNumber = number }
        }
        emit(.record(record, recordFindings))
    }

    /// The record is larger than `MARCXMLLimits` allows: report it once, drop what it holds (so memory
    /// stays bounded however long it goes on) and skip it at its end. Out of line: never hot.
    @inline(never)
    mutating func recordOverLimit(_ what: String) {
        if !recordOverLimit {
            recordOverLimit = true
            note(.error, .xmlRecordTooLarge, "record has \(what)", action: "record skipped", tag: fieldTag?.description)
        }
        storage.removeAll()
        Self.defaultLeader.withUnsafeBufferPointer { storage.append($0.baseAddress!, count: $0.count) }
        entries.removeAll()
        fieldStart = storage.count
    }

    /// A tag from its attribute: three characters; fewer digits are zero-padded; anything else drops
    /// the field.
    mutating func tag(_ value: UnsafeBufferPointer<UInt8>?) -> Tag? {
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

    mutating func indicator(_ value: UnsafeBufferPointer<UInt8>?, _ position: Int) -> UInt8 {
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
        batch.items.append(.refused(Finding(.error, .xmlDoctypeRefused,
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
            batch.items.append(.fatal(Finding(.error, .xmlMalformed, located,
                action: "rest of the document not read", file: fileName,
                recordNumber: inRecord ? recordNumber : nil, streamOffset: bytesConsumed), insideRecord: inRecord))
            stop()
        } else {
            let finding = Finding(error.level == XML_ERR_WARNING ? .info : .warning, .xmlMalformed, located,
                action: "parsing went on", file: fileName, recordNumber: inRecord ? recordNumber : nil,
                streamOffset: bytesConsumed)
            if inRecord { recordFindings.append(finding) } else { emit(.findings([finding])) }
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
