public import MARCRecord

/// Where a record came from, written into the record: 003 = the member's code, an
/// `035 $a (CODE)localid` naming the member's own record, and an 852 holdings field per location
/// with $a = member code, $b location, $h call number (from the member's 852, else 090/092/099).
///
/// A record copied from elsewhere keeps its origin: when its 003 names another organization, the
/// pair moves into an 035 `(ORG)number` before 003 is set, as catalogues do when they take over a
/// record. Does nothing without a member code (plain `convert --normalize`).
public struct Provenance: NormalizationRule {
    public static let name = "provenance"
    public static let summary = "003 and 035 (MEMBER)localid; 852 with member code, location and call number"

    let holdings: Bool
    let callNumberFrom: [Tag]

    public init(settings: RuleSettings) throws(NormalizerConfigurationError) {
        try settings.only(["holdings", "call-number-from"])
        holdings = try settings.bool("holdings", default: true)
        let tags = try settings.strings("call-number-from", default: ["090", "092", "099"])
        var parsed: [Tag] = []
        for t in tags {
            guard let tag = Tag(t), tag.isNumeric, !tag.isControlField else {
                throw NormalizerConfigurationError("[normalize.provenance] call-number-from: '\(t)' is not a data field tag")
            }
            parsed.append(tag)
        }
        callNumberFrom = parsed
    }

    static let controlNumber: Tag = "001"
    static let organization: Tag = "003"
    static let systemNumber: Tag = "035"
    static let location: Tag = "852"

    public func apply(to record: inout MARCRecord, _ context: inout NormalizationContext) {
        guard let code = context.memberCode, !code.isEmpty else { return }
        let own001 = record.firstField(Self.controlNumber).map { Self.identifier($0.content) }
        let localID = (context.localID.map { Self.identifier(Array($0.utf8)[...]) } ?? own001) ?? ""

        // 003, keeping another organization's 001/003 pair in an 035.
        if let i = record.entries.firstIndex(where: { $0.tag == Self.organization }) {
            let org = String(decoding: record.fields[i].content, as: UTF8.self).trimmingBlanks
            if org != code {
                if !org.isEmpty, let number = own001, !number.isEmpty {
                    // OCLC's own records (003 OCoLC, 001 ocm…) give the number in the form the oclc rule
                    // writes, so that a second run finds it and adds nothing.
                    let pair = "(\(org))\(number)"
                    let isOCLC = org.uppercased() == "OCOLC" || org.uppercased() == "OCLC"
                    addSystemNumber(isOCLC ? OCLCNumber(pair)?.description ?? pair : pair, to: &record, &context)
                }
                let before = record.fields[i].display
                record.replaceField(at: i, content: Array(code.utf8))
                context.record(Self.name, tag: "003", before: before, after: code)
            }
        } else {
            let at = record.entries.firstIndex { $0.tag > Self.organization } ?? record.entries.count
            record.insertField(Self.organization, content: Array(code.utf8), at: at)
            context.record(Self.name, tag: "003", before: nil, after: code)
        }
        if !localID.isEmpty { addSystemNumber("(\(code))\(localID)", to: &record, &context) }
        if holdings { holdingsFields(code: code, location: context.holdingLocation, into: &record, &context) }
    }

    /// An identifier fit for `035 $a`: structure bytes and other control characters (some 001s carry
    /// subfield delimiters) dropped, blanks trimmed.
    static func identifier(_ bytes: ArraySlice<UInt8>) -> String {
        if !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return String(decoding: ByteText.trimmed(bytes), as: UTF8.self)
        }
        return String(decoding: ByteText.trimmed(bytes.filter { $0 >= 0x20 && $0 != 0x7F }[...]), as: UTF8.self)
    }

    /// Adds `035 ## $a VALUE` unless an 035 already carries it, after the last 035 (or in tag order).
    func addSystemNumber(_ value: String, to record: inout MARCRecord, _ context: inout NormalizationContext) {
        let bytes = Array(value.utf8)
        var last: Int?
        for (i, entry) in record.entries.enumerated() where entry.tag == Self.systemNumber {
            last = i
            let content = record.storage[entry.range]
            let subfields = Subfields(bytes: content.dropFirst(record.indicatorCount), codeLength: 2)
            if subfields.contains(where: { $0.code == UInt8(ascii: "a") && $0.value.elementsEqual(bytes) }) { return }
        }
        // `##$aVALUE`, built as bytes: this runs for every member record.
        var content: [UInt8] = [ASCII.space, ASCII.space, ASCII.subfieldDelimiter, UInt8(ascii: "a")]
        content.append(contentsOf: bytes)
        let at = last.map { $0 + 1 } ?? record.entries.firstIndex { $0.tag > Self.systemNumber } ?? record.entries.count
        record.insertField(Self.systemNumber, content: content, at: at)
        context.record(Self.name, tag: "035", before: nil, after: EditableField.display(content, dataField: true))
    }

    func holdingsFields(code: String, location: String?, into record: inout MARCRecord, _ context: inout NormalizationContext) {
        let existing = record.indices(of: Self.location)
        if existing.isEmpty {
            var field = EditableField(indicators: [ASCII.space, ASCII.space], subfields: [EditableField.Item("a", code)])
            if let location, !location.isEmpty { field.subfields.append(EditableField.Item("b", location)) }
            if let callNumber = callNumber(record) { field.subfields.append(EditableField.Item("h", callNumber)) }
            let at = record.entries.firstIndex { $0.tag > Self.location } ?? record.entries.count
            record.insertField(Self.location, content: field.content, at: at)
            context.record(Self.name, tag: "852", before: nil, after: field.display)
            return
        }
        for i in existing {
            let original = record.fields[i]
            var field = EditableField(original)
            let a = field.subfields.firstIndex { $0.code == UInt8(ascii: "a") }
            if let a {
                guard field.subfields[a].string != code else { continue }
                field.subfields[a].value = Array(code.utf8)
            } else {
                field.subfields.insert(EditableField.Item("a", code), at: 0)
            }
            record.replaceField(at: i, content: field.content)
            context.record(Self.name, tag: "852", before: original.display, after: field.display)
        }
    }

    /// The call number from the first of the configured fields present: its $a and $b joined.
    func callNumber(_ record: MARCRecord) -> String? {
        for tag in callNumberFrom {
            guard let field = record.firstField(tag) else { continue }
            let parts = field.subfields.filter { $0.code == UInt8(ascii: "a") || $0.code == UInt8(ascii: "b") }
                .map { $0.string.trimmingBlanks }.filter { !$0.isEmpty }
            if !parts.isEmpty { return parts.joined(separator: " ") }
        }
        return nil
    }
}
