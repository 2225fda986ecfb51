public import MARCRecord

/// One problem `katalog validate` found, with everything needed to go to it: the rule that found it, the
/// file, the record's position and 001, the byte offset (ISO 2709) or line (XML), the tag and the place in
/// the field (indicator, subfield, fixed-field position).
public struct Problem: Sendable, Hashable, Codable {
    /// `error` or `warning` (validation reports no `info`).
    public var severity: Finding.Severity
    /// A stable rule id such as `marc21.indicator` or `structure.leader`: what reports count and filter by.
    public var rule: String
    public var file: String
    /// 1-based position of the record in its file, counting records that could not be read.
    public var recordNumber: Int?
    public var controlNumber: String?
    /// Byte offset from the start of the input (ISO 2709 input only).
    public var offset: Int64?
    /// Line in the input (XML input, schema findings).
    public var line: Int?
    /// `LDR`, `DIR`, a tag, or nil for the whole record or file.
    public var tag: String?
    /// Where in the field: `ind1`, `ind2`, `$a`, `$a#2` (the second $a), `/18` (a fixed-field position).
    public var position: String?
    public var message: String

    public init(
        _ severity: Finding.Severity, rule: String, _ message: String, file: String, recordNumber: Int? = nil,
        controlNumber: String? = nil, offset: Int64? = nil, line: Int? = nil, tag: String? = nil,
        position: String? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.file = file
        self.recordNumber = recordNumber
        self.controlNumber = controlNumber
        self.offset = offset
        self.line = line
        self.tag = tag
        self.position = position
    }

    /// The rule family: `structure`, `marc21` or `schema`.
    public var family: String { String(rule.prefix { $0 != "." }) }

    /// One line of text:
    /// `file:record N (001 …) offset B: TAG ind1: error: message [rule]` (or `file:line L:` for XML).
    public var textLine: String {
        var s = file
        if let recordNumber { s += ":record \(recordNumber)" }
        if let controlNumber, !controlNumber.isEmpty { s += " (001 \(controlNumber))" }
        if let offset { s += " offset \(offset)" }
        if let line { s += " line \(line)" }
        s += ": "
        if let tag {
            s += tag
            if let position { s += position.hasPrefix("/") ? position : " \(position)" }
            s += ": "
        } else if let position {
            s += "\(position): "
        }
        s += "\(severity.rawValue): \(message) [\(rule)]"
        return s
    }
}
