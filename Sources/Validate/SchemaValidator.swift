import CLibXML2
import Foundation
import MARCRecord

/// Checks a MARCXML file against the MARCXML schema with libxml2's streaming reader (`xmlTextReader` with a
/// schema validation context): memory stays flat whatever the file's size, as with `xmllint --stream`.
///
/// Hostile input: no network (`XML_PARSE_NONET`), no DTD loading, no entity substitution, and a document
/// with a `<!DOCTYPE …>` is refused as soon as the reader meets it, as the MARCXML reader refuses it.
public struct SchemaValidator: Sendable {
    fileprivate static let rule = "schema.invalid"
    fileprivate static let malformed = "schema.malformed-xml"
    fileprivate static let refused = "schema.doctype-refused"

    /// The schema's bytes (our own, embedded; or a file named with `--schema`).
    private let schema: [UInt8]
    public let schemaName: String

    public static var embeddedSchema: [UInt8] { PackageResources.marcxml_xsd }

    public init(schema: [UInt8] = SchemaValidator.embeddedSchema, name: String = "built-in MARCXML schema") {
        self.schema = schema
        schemaName = name
    }

    /// The result of one file: problems in document order, records seen, and whether the file is valid.
    public struct Outcome: Sendable {
        public var problems: [Problem] = []
        public var records = 0
        public var valid: Bool { problems.isEmpty }
        /// The file could not be opened, or the schema could not be compiled.
        public var unusable: String?

        public init(unusable: String? = nil) { self.unusable = unusable }
    }

    /// Validates `path`, naming it `displayName` in problems. Calls `each` for every problem as it is found
    /// (so a caller can stream them) and returns the outcome with at most `keep` problems kept.
    public func validate(path: String, displayName: String, keep: Int = .max) -> Outcome {
        let collector = SchemaErrorCollector(file: displayName, keep: keep)
        if let line = Self.doctypeLine(path) {
            // Refused before libxml2 reads a single declaration (entity bombs, external entities).
            collector.refuse(line: line)
            collector.finish()
            var outcome = Outcome()
            outcome.problems = collector.problems
            return outcome
        }
        let compiled = schema.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { xmlSchemaNewMemParserCtxt($0.baseAddress, Int32($0.count)) }
        }
        guard let parserContext = compiled else { return Outcome(unusable: "schema could not be read") }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        xmlSchemaSetParserStructuredErrors(parserContext, { _, _ in }, nil)
        guard let xsd = xmlSchemaParse(parserContext) else {
            return Outcome(unusable: "\(schemaName) is not a valid XML schema")
        }
        defer { xmlSchemaFree(xsd) }
        guard let validation = xmlSchemaNewValidCtxt(xsd) else { return Outcome(unusable: "out of memory") }
        defer { xmlSchemaFreeValidCtxt(validation) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
            | XML_PARSE_BIG_LINES.rawValue)
        guard let reader = xmlReaderForFile(path, nil, options) else {
            return Outcome(unusable: "\(path): cannot be opened")
        }
        defer { xmlFreeTextReader(reader) }
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { ctx, error in
            guard let ctx, let error else { return }
            Unmanaged<SchemaErrorCollector>.fromOpaque(ctx).takeUnretainedValue().add(error.pointee, schema: false)
        }, context)
        xmlSchemaSetValidStructuredErrors(validation, { ctx, error in
            guard let ctx, let error else { return }
            Unmanaged<SchemaErrorCollector>.fromOpaque(ctx).takeUnretainedValue().add(error.pointee, schema: true)
        }, context)
        guard xmlTextReaderSchemaValidateCtxt(reader, validation, 0) == 0 else {
            return Outcome(unusable: "the schema could not be attached to the reader")
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status < 0 {
                // libxml2 does not always hand a fatal parse error to the handler: say it here.
                collector.malformed(line: Int(xmlTextReaderGetParserLineNumber(reader)))
                break
            }
            if status != 1 { break }
            let type = xmlTextReaderNodeType(reader)
            if type == 10 {  // XML_READER_TYPE_DOCUMENT_TYPE
                collector.refuse(line: Int(xmlTextReaderGetParserLineNumber(reader)))
                break
            }
            if type == 1, let name = xmlTextReaderConstLocalName(reader),
                strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "record") == 0
            {
                collector.recordStarts(atLine: xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 0)
            }
        }
        collector.finish()
        var outcome = Outcome()
        outcome.problems = collector.problems
        outcome.records = collector.records
        if collector.count > collector.problems.count {
            outcome.problems.append(Problem(.error, rule: Self.rule,
                "\(collector.count - collector.problems.count) more schema problem(s) not listed", file: displayName))
        }
        return outcome
    }
}

extension SchemaValidator {
    /// The line of a `<!DOCTYPE` in the prolog (before the first element), or nil. Reads at most 64 KiB.
    static func doctypeLine(_ path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let prolog = Array((try? handle.read(upToCount: 1 << 16)) ?? Data())
        var line = 1
        var i = 0
        while i < prolog.count {
            let b = prolog[i]
            if b == 0x0A { line += 1 }
            if b == UInt8(ascii: "<"), i + 1 < prolog.count {
                let next = prolog[i + 1]
                if next == UInt8(ascii: "!"), prolog[i...].starts(with: "<!DOCTYPE".utf8) { return line }
                if next != UInt8(ascii: "?") && next != UInt8(ascii: "!") { return nil }  // the first element
            }
            i += 1
        }
        return nil
    }
}

/// Gathers libxml2's errors for one file (libxml2 calls back on the validating thread, synchronously).
private final class SchemaErrorCollector {
    let file: String
    let keep: Int
    var problems: [Problem] = []
    private var pending: [Problem] = []
    var records = 0
    var count = 0

    init(file: String, keep: Int) {
        self.file = file
        self.keep = keep
    }

    func add(_ error: xmlError, schema: Bool) {
        count += 1
        guard problems.count + pending.count < keep else { return }
        var message = error.message.map { String(cString: $0) } ?? "invalid"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        // libxml2 names the element as "{namespace}name"; the namespace is always MARCXML's here.
        message = message.replacingOccurrences(of: "{http://www.loc.gov/MARC21/slim}", with: "")
        let isSchema = schema || error.domain == Int32(XML_FROM_SCHEMASV.rawValue)
        let line = error.line > 0 ? Int(error.line) : nil
        pending.append(Problem(.error, rule: isSchema ? SchemaValidator.rule : SchemaValidator.malformed, message,
            file: file, line: line, tag: Self.tag(message)))
    }

    /// A `<record>` starts at `line`. libxml2 parses (and validates) ahead of the node the reader stands on,
    /// so an error can arrive before its record's start has been seen: problems wait here until a later
    /// record start (or the end) tells which record their line falls in.
    func recordStarts(atLine line: Int) {
        records += 1
        var keep: [Problem] = []
        for var p in pending {
            if let l = p.line, l < line {
                p.recordNumber = records > 1 ? records - 1 : nil
                problems.append(p)
            } else {
                keep.append(p)
            }
        }
        pending = keep
    }

    func finish() {
        for var p in pending {
            p.recordNumber = records > 0 ? records : nil
            problems.append(p)
        }
        pending = []
    }

    /// The document stopped being well-formed XML at `line`; reported unless libxml2 already said why.
    func malformed(line: Int) {
        guard !(problems + pending).contains(where: { $0.rule == SchemaValidator.malformed }) else { return }
        count += 1
        pending.append(Problem(.error, rule: SchemaValidator.malformed,
            "the document is not well-formed XML; the schema check stops here", file: file, line: line))
    }

    func refuse(line: Int) {
        count += 1
        pending.append(Problem(.error, rule: SchemaValidator.refused,
            "document type declaration refused: MARCXML needs none, and DTDs can carry hostile entities",
            file: file, line: line))
    }

    /// The MARC tag when the message is about a field's attribute value (`… '24': [facet 'pattern'] …`
    /// says little on its own; the tag is in the element the problem is on, which libxml2 does not name, so
    /// only element names are kept).
    private static func tag(_ message: String) -> String? {
        for name in ["leader", "controlfield", "datafield", "subfield", "record", "collection"]
        where message.hasPrefix("Element '\(name)'") {
            return name == "leader" ? "LDR" : nil
        }
        return nil
    }
}
