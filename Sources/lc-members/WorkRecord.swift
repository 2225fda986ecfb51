import MARCRecord

/// A record taken apart into strings, so that the differences real members have (case, punctuation,
/// typos, moved tags) are plain edits. Only the generator uses it; every field goes back into a
/// `MARCRecord` unchanged when no edit touched it.
struct WorkRecord {
    struct Subfield {
        var code: Character
        var value: String
    }

    struct DataField {
        var tag: String
        var ind1: Character
        var ind2: Character
        var subfields: [Subfield]

        func value(_ code: Character) -> String? { subfields.first { $0.code == code }?.value }

        mutating func setValue(_ code: Character, _ value: String) {
            if let i = subfields.firstIndex(where: { $0.code == code }) {
                subfields[i].value = value
            } else {
                subfields.append(Subfield(code: code, value: value))
            }
        }
    }

    enum FieldValue {
        case control(tag: String, value: String)
        case data(DataField)

        var tag: String {
            switch self {
            case .control(let tag, _): tag
            case .data(let field): field.tag
            }
        }
    }

    var leader: [UInt8]
    var fields: [FieldValue]

    init(_ record: MARCRecord) {
        leader = record.leader.bytes
        fields = record.fields.map { field in
            let tag = field.tag.description
            if field.isControlField { return .control(tag: tag, value: String(decoding: field.content, as: UTF8.self)) }
            let ind = Array(field.indicators)
            let subfields = field.subfields.map {
                Subfield(code: $0.codeCharacter, value: String(decoding: $0.value, as: UTF8.self))
            }
            return .data(DataField(
                tag: tag, ind1: Character(Unicode.Scalar(ind.first ?? 0x20)),
                ind2: Character(Unicode.Scalar(ind.count > 1 ? ind[1] : 0x20)), subfields: subfields))
        }
    }

    func record() -> MARCRecord {
        var record = MARCRecord(leader: Leader(bytes: leader)!)
        for field in fields {
            switch field {
            case .control(let tag, let value):
                record.appendControlField(Tag(stringLiteral: tag), value)
            case .data(let f):
                record.appendDataField(
                    Tag(stringLiteral: f.tag), indicators: "\(f.ind1)\(f.ind2)",
                    subfields: f.subfields.map { ($0.code, $0.value) })
            }
        }
        return record
    }

    // MARK: - Lookup and edits

    func control(_ tag: String) -> String? {
        for field in fields { if case .control(let t, let value) = field, t == tag { return value } }
        return nil
    }

    mutating func setControl(_ tag: String, _ value: String) {
        if let i = fields.firstIndex(where: { $0.tag == tag }) {
            fields[i] = .control(tag: tag, value: value)
        } else {
            insert(.control(tag: tag, value: value))
        }
    }

    func dataFields(_ tag: String) -> [DataField] {
        fields.compactMap { if case .data(let f) = $0, f.tag == tag { f } else { nil } }
    }

    func first(_ tag: String) -> DataField? { dataFields(tag).first }

    mutating func remove(_ tags: Set<String>) { fields.removeAll { tags.contains($0.tag) } }

    mutating func remove(where predicate: (FieldValue) -> Bool) { fields.removeAll(where: predicate) }

    /// Puts a field in tag order (after the last field whose tag sorts before or equal to it).
    mutating func insert(_ field: FieldValue) {
        let i = fields.lastIndex { $0.tag <= field.tag }.map { $0 + 1 } ?? 0
        fields.insert(field, at: i)
    }

    mutating func insert(_ field: DataField) { insert(.data(field)) }

    /// Applies `edit` to every data field whose tag is in `tags`.
    mutating func editData(_ tags: Set<String>, _ edit: (inout DataField) -> Void) {
        for i in fields.indices {
            guard case .data(var f) = fields[i], tags.contains(f.tag) else { continue }
            edit(&f)
            fields[i] = .data(f)
        }
    }

    var typeAndLevel: String { String(decoding: leader[6...7], as: UTF8.self) }
}
