#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import MARCRecord

/// libxml2 hands SAX2 attributes over as five pointers each: local name, prefix, URI, value start,
/// value end (the value undecoded: entity substitution is off).
typealias SAXAttributes = UnsafeMutablePointer<UnsafePointer<xmlChar>?>

/// Element events: the record under construction grows in `storage` and `entries`.
extension SAXState {
    /// Whether `p` is the name `interned` stands for. Pointer equality settles it for every name the
    /// parser met (they all come from its dictionary); the first byte and `strcmp` answer otherwise.
    @inline(__always)
    static func named(_ p: UnsafePointer<xmlChar>, _ interned: UnsafePointer<xmlChar>?, _ name: StaticString)
        -> Bool
    {
        if p == interned { return true }
        return p.pointee == name.utf8Start.pointee && strcmp(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self),
            UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    private static func isMARCNamespace(_ uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let uri, uri.pointee != 0 else { return true }
        return named(uri, nil, MARCXMLNames.slim) || named(uri, nil, MARCXMLNames.marcXchange)
    }

    /// Inlined into libxml2's callback, like `endElement` and `characters`: one call per event
    /// instead of two.
    @inline(__always)
    mutating func startElement(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: SAXAttributes?)
    {
        guard inRecord else {
            guard !stopped else { return }
            if Self.named(name, names.record, "record") && Self.isMARCNamespace(uri) {
                beginRecord()
            } else if uri != nil {
                envelopeStart(name, uri, count, attributes)
            }
            return
        }
        guard !stopped else { return }
        depth += 1
        // The common case first, by pointer alone: a subfield whose code is its first attribute and one
        // plain byte.
        if name == names.subfield && inDataField && count > 0, let attributes, attributes[0] == names.code,
            let start = attributes[3], attributes[4] == start + 1, start.pointee != UInt8(ascii: "&")
        {
            storage.append(subfieldDelimiter)
            storage.append(start.pointee)
            leaf = .subfield
            return
        }
        startOtherElement(name, count, attributes)
    }

    private mutating func startOtherElement(_ name: UnsafePointer<xmlChar>, _ count: Int,
        _ attributes: SAXAttributes?)
    {
        if Self.named(name, names.subfield, "subfield") {
            guard inDataField else { return unexpected(name) }
            startSubfield(count, attributes)
        } else if Self.named(name, names.datafield, "datafield") {
            startDataField(count, attributes)
        } else if Self.named(name, names.controlfield, "controlfield") {
            fieldTag = Self.decoded(attribute(names.tag, "tag", count, attributes)) { tag($0) }
            fieldStart = storage.count
            leaf = .controlField
        } else if Self.named(name, names.leader, "leader") {
            leader.removeAll(keepingCapacity: true)
            leaf = .leader
        } else {
            unexpected(name)
        }
    }

    private mutating func startDataField(_ count: Int, _ attributes: SAXAttributes?) {
        var tagValue, ind1Value, ind2Value: UnsafeBufferPointer<UInt8>?
        if count == 3, let a = attributes, a[0] == names.tag, a[5] == names.ind1, a[10] == names.ind2,
            let t0 = a[3], let t1 = a[4], let i0 = a[8], let i1 = a[9], let j0 = a[13], let j1 = a[14]
        {
            // As every MARCXML writer puts them: tag, ind1, ind2.
            tagValue = UnsafeBufferPointer(start: t0, count: t1 - t0)
            ind1Value = UnsafeBufferPointer(start: i0, count: i1 - i0)
            ind2Value = UnsafeBufferPointer(start: j0, count: j1 - j0)
        } else {
            Self.dataFieldAttributes(names, count, attributes, &tagValue, &ind1Value, &ind2Value)
        }
        let amp = UInt8(ascii: "&")
        if let t = tagValue, t.count == 3, t[0] != amp, t[1] != amp, t[2] != amp {
            fieldTag = Tag(t[0], t[1], t[2])
        } else {
            fieldTag = Self.decoded(tagValue) { tag($0) }
        }
        inDataField = true
        fieldStart = storage.count
        storage.append(Self.plainIndicator(ind1Value) ?? Self.decoded(ind1Value) { indicator($0, 1) })
        storage.append(Self.plainIndicator(ind2Value) ?? Self.decoded(ind2Value) { indicator($0, 2) })
    }

    /// `tag`, `ind1` and `ind2` of a data field, in any order, the first of each.
    private static func dataFieldAttributes(_ names: ElementNames, _ count: Int, _ attributes: SAXAttributes?,
        _ tagValue: inout UnsafeBufferPointer<UInt8>?, _ ind1Value: inout UnsafeBufferPointer<UInt8>?,
        _ ind2Value: inout UnsafeBufferPointer<UInt8>?)
    {
        for i in 0..<count {
            let a = attributes.unsafelyUnwrapped + 5 * i
            guard let local = a[0], let start = a[3], let end = a[4] else { continue }
            let value = UnsafeBufferPointer(start: start, count: end - start)
            // Pointers first for all three names, so that `ind2` is not string-compared with `ind1`.
            switch local {
            case names.tag: if tagValue == nil { tagValue = value }
            case names.ind1: if ind1Value == nil { ind1Value = value }
            case names.ind2: if ind2Value == nil { ind2Value = value }
            default:
                if Self.named(local, nil, "tag") {
                    if tagValue == nil { tagValue = value }
                } else if Self.named(local, nil, "ind1") {
                    if ind1Value == nil { ind1Value = value }
                } else if Self.named(local, nil, "ind2") {
                    if ind2Value == nil { ind2Value = value }
                }
            }
        }
    }

    /// An indicator that needs neither decoding nor repair.
    @inline(__always)
    private static func plainIndicator(_ value: UnsafeBufferPointer<UInt8>?) -> UInt8? {
        guard let value, value.count == 1 else { return nil }
        // Spelled out rather than through `ASCII`, whose helpers are not inlined across modules.
        let b = value[0]
        return (b &- 0x30 < 10) || (b &- 0x61 < 26) || b == 0x20 || b == 0x7C ? b : nil
    }

    private mutating func startSubfield(_ count: Int, _ attributes: SAXAttributes?) {
        let raw = attribute(names.code, "code", count, attributes)
        Self.decoded(raw) { value in
            guard let value, !value.isEmpty else {
                note(.error, .xmlMissingSubfieldCode, "subfield without a code", action: "subfield dropped",
                    tag: fieldTag?.description)
                leaf = .none
                return
            }
            if value.count > 1 {
                // A code of several bytes (often one non-ASCII character): kept whole, as yaz does; ISO 2709
                // readers will take its first byte as the code and the rest as the start of the value.
                note(.warning, .xmlMissingSubfieldCode,
                    "subfield code '\(ASCII.escaped(value))' is \(value.count) bytes", action: "kept as is",
                    tag: fieldTag?.description)
            }
            storage.append(subfieldDelimiter)
            storage.append(contentsOf: value)
            leaf = .subfield
        }
    }

    /// The first attribute with this local name, as written; `nil` when absent.
    @inline(__always)
    private func attribute(_ interned: UnsafePointer<xmlChar>?, _ name: StaticString, _ count: Int,
        _ attributes: SAXAttributes?) -> UnsafeBufferPointer<UInt8>?
    {
        guard let attributes else { return nil }
        for i in 0..<count {
            let a = attributes + 5 * i
            guard let local = a[0], Self.named(local, interned, name), let start = a[3], let end = a[4] else {
                continue
            }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// Calls `body` with an attribute value decoded: read in place, copied only when it holds a
    /// reference.
    @inline(__always)
    private static func decoded<R>(_ raw: UnsafeBufferPointer<UInt8>?, _ body: (UnsafeBufferPointer<UInt8>?) -> R)
        -> R
    {
        guard let raw, raw.contains(UInt8(ascii: "&")) else { return body(raw) }
        return XMLEntities.decode(Array(raw)).withUnsafeBufferPointer { body($0) }
    }

    private mutating func unexpected(_ name: UnsafePointer<xmlChar>) {
        note(.warning, .xmlUnexpectedElement, "unexpected element <\(String(cString: name))> in a record",
            action: "ignored", tag: nil)
        leaf = .none
    }

    @inline(__always)
    mutating func endElement(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) {
        guard inRecord else {
            if !stopped && uri != nil { envelopeEnd(name, uri) }
            return
        }
        guard !stopped else { return }
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
                if entries.count > MARCXMLLimits.maxFieldsPerRecord {
                    recordOverLimit("more than \(MARCXMLLimits.maxFieldsPerRecord) fields")
                }
            }
            leaf = .none
        case .leader:
            leaderSeen = true
            leaf = .none
        case .none:
            if inDataField && Self.named(name, names.datafield, "datafield") {
                if let fieldTag {
                    entries.append(FieldEntry(tag: fieldTag, start: fieldStart, length: storage.count - fieldStart))
                    if entries.count > MARCXMLLimits.maxFieldsPerRecord {
                        recordOverLimit("more than \(MARCXMLLimits.maxFieldsPerRecord) fields")
                    }
                }
                inDataField = false
            }
        }
    }

    @inline(__always)
    mutating func characters(_ bytes: UnsafePointer<xmlChar>, _ length: Int) {
        switch leaf {
        case .subfield, .controlField:
            storage.append(bytes, count: length)
            // libxml2 bounds text nodes only in its own tree builder, not for a SAX `characters`
            // callback: the record's size is bounded here.
            if storage.count > MARCXMLLimits.maxRecordBytes {
                recordOverLimit("more than \(MARCXMLLimits.maxRecordBytes) bytes of field data")
            }
        case .leader:
            // Only the first 24 characters are kept; a few more are read so that the length is reported.
            if leader.count < 1024 { leader.append(contentsOf: UnsafeBufferPointer(start: bytes, count: min(length, 1024))) }
        case .none:
            if collectingEnvelopeText && !inRecord { envelopeCharacters(bytes, length) }
        }
    }
}
