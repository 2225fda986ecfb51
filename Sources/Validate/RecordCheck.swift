import MARCRecord

/// Where a record came from, for the problems found in it.
public struct RecordSite: Sendable {
    public var file: String
    public var recordNumber: Int
    /// Where the record starts in the input (ISO 2709): with the record's storage indices (which are offsets
    /// in the record for ISO 2709) it gives the byte offset of each problem.
    public var streamOffset: Int64?

    public init(file: String, recordNumber: Int, streamOffset: Int64?) {
        self.file = file
        self.recordNumber = recordNumber
        self.streamOffset = streamOffset
    }
}

/// One record being checked: the rules read the record and add problems here.
struct RecordCheck {
    let record: MARCRecord
    let site: RecordSite
    let controlNumber: String?
    var problems: [Problem] = []

    init(record: MARCRecord, site: RecordSite) {
        self.record = record
        self.site = site
        controlNumber = record.controlNumber
    }

    /// Adds a problem; `at` is an index into the record's storage (a byte of the record for ISO 2709).
    mutating func add(
        _ severity: Finding.Severity, _ rule: String, _ message: String, tag: String?, position: String? = nil,
        at index: Int? = nil
    ) {
        var offset: Int64?
        if let base = site.streamOffset { offset = base + Int64(index ?? 0) }
        problems.append(Problem(severity, rule: rule, message, file: site.file, recordNumber: site.recordNumber,
            controlNumber: controlNumber, offset: offset, tag: tag, position: position))
    }

    /// The fields, with their storage offsets.
    var fields: Fields { record.fields }
}

/// A check of one record. Each rule lives in a file of its own under `Rules/` (Swift) with its messages.
protocol RecordRule: Sendable {
    func check(_ c: inout RecordCheck)
}

extension ArraySlice<UInt8> {
    /// The bytes as text for a message: printable ASCII as is, UTF-8 decoded, controls as `\xHH`, cut at 40.
    var shown: String {
        let text = String(decoding: prefix(40), as: UTF8.self)
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return count > 40 ? out + "…" : out
    }
}

extension UInt8 {
    /// One byte for a message: `blank`, `'x'`, or `\xHH`.
    var shown: String {
        if self == 0x20 { return "blank" }
        if self > 0x20 && self < 0x7F { return "'\(Character(Unicode.Scalar(self)))'" }
        return "\\x" + String(self, radix: 16, uppercase: true).leftPadded(2)
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
