#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import MARCRecord

/// The OAI-PMH envelope outside MARC records: its elements are handed over as `OAIEnvelopeEvent`s.
/// Out of line and only reached outside records, so reading plain MARCXML costs nothing more.
extension SAXState {
    @inline(never)
    mutating func envelopeStart(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: SAXAttributes?)
    {
        guard DublinCoreNames.inNamespace(uri, DublinCoreNames.oai) else { return }
        var values: [String: String] = [:]
        if let attributes {
            for i in 0..<count {
                let a = attributes + 5 * i
                guard let local = a[0], let start = a[3], let end = a[4] else { continue }
                let raw = Array(UnsafeBufferPointer(start: start, count: end - start))
                values[String(cString: local)] = String(decoding: XMLEntities.decode(raw), as: UTF8.self)
            }
        }
        envelopeText.removeAll(keepingCapacity: true)
        collectingEnvelopeText = true
        emit(.oai(.start(name: String(cString: name), attributes: values, line: line)))
    }

    @inline(never)
    mutating func envelopeEnd(_ name: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?) {
        guard DublinCoreNames.inNamespace(uri, DublinCoreNames.oai) else { return }
        emit(.oai(.end(name: String(cString: name), text: String(decoding: envelopeText, as: UTF8.self))))
        envelopeText.removeAll(keepingCapacity: true)
        collectingEnvelopeText = false
    }

    @inline(never)
    mutating func envelopeCharacters(_ bytes: UnsafePointer<xmlChar>, _ length: Int) {
        let room = OAIEnvelopeEvent.maxTextBytes - envelopeText.count
        guard room > 0 else { return }
        envelopeText.append(contentsOf: UnsafeBufferPointer(start: bytes, count: min(room, length)))
    }
}
