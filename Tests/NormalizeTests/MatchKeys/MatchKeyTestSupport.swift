import MARCRecord

/// A record from `(tag, indicators, subfields)` triples; control fields take their value as the one
/// subfield `a` with blank indicators ignored.
func record(_ fields: [(String, String, [(Character, String)])]) -> MARCRecord {
    var record = MARCRecord()
    for (tag, indicators, subfields) in fields {
        let t = Tag(tag)!
        if t.isControlField {
            record.appendControlField(t, subfields.first?.1 ?? "")
        } else {
            record.appendDataField(t, indicators: indicators, subfields: subfields.map { (code: $0.0, value: $0.1) })
        }
    }
    return record
}
