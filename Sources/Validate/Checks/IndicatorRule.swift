import MARCRecord

/// Indicator values each data field allows (an undefined indicator must be blank).
struct IndicatorRule: RecordRule {
    fileprivate static let rule = "marc21.indicator"
    let tables: RuleTables

    func check(_ c: inout RecordCheck) {
        for (i, field) in c.fields.enumerated() where !field.isControlField {
            guard let (tag, definition) = FieldLookup.governing(field, tables: tables), let definition,
                !definition.isControlField
            else { continue }
            let start = Int(c.record.entries[i].start)
            if let allowed = definition.indicator1, !allowed.contains(field.indicator1) {
                c.add(.error, Self.rule, "indicator 1 is \(field.indicator1.shown); allowed: \(allowed.description)",
                    tag: field.tag.shown(linkedTo: tag), position: "ind1", at: start)
            }
            if let allowed = definition.indicator2, !allowed.contains(field.indicator2) {
                c.add(.error, Self.rule, "indicator 2 is \(field.indicator2.shown); allowed: \(allowed.description)",
                    tag: field.tag.shown(linkedTo: tag), position: "ind2", at: start + 1)
            }
        }
    }
}
