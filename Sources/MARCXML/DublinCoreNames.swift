#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2

/// Names and namespaces the `oai_dc` reader recognises, compared with libxml2's NUL-terminated
/// strings without copying them.
enum DublinCoreNames {
    static let oaiDC: StaticString = "http://www.openarchives.org/OAI/2.0/oai_dc/"
    static let oai: StaticString = "http://www.openarchives.org/OAI/2.0/"
    static let xml: StaticString = "http://www.w3.org/XML/1998/namespace"
    static let xsi: StaticString = "http://www.w3.org/2001/XMLSchema-instance"

    static func equal(_ p: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
        strcmp(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self),
            UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// Whether `uri` names `namespace` once surrounding whitespace is gone (INLISLite v3 declares
    /// its namespaces with a trailing space) and with or without the final slash.
    static func inNamespace(_ uri: UnsafePointer<xmlChar>?, _ namespace: StaticString) -> Bool {
        guard let uri else { return false }
        let bytes = trimmed(UnsafeBufferPointer(start: uri, count: strlen(UnsafeRawPointer(uri)
            .assumingMemoryBound(to: CChar.self))))
        let target = UnsafeBufferPointer(start: namespace.utf8Start, count: namespace.utf8CodeUnitCount)
        if bytes.elementsEqual(target) { return true }
        return target.last == UInt8(ascii: "/") && bytes.elementsEqual(target.dropLast())
    }

    /// A namespace URI as a string without surrounding whitespace.
    static func trimmedURI(_ uri: UnsafePointer<xmlChar>) -> String {
        let bytes = trimmed(UnsafeBufferPointer(start: uri, count: strlen(UnsafeRawPointer(uri)
            .assumingMemoryBound(to: CChar.self))))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let start = bytes.firstIndex(where: { !isSpace($0) }) ?? bytes.endIndex
        let end = (bytes.lastIndex(where: { !isSpace($0) }) ?? (start - 1)) + 1
        return bytes[start..<max(start, end)]
    }
}
