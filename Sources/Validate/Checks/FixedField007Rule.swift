import MARCRecord

/// 007: a defined category of material (007/00), a length the category defines, a defined specific
/// material designation (007/01).
struct FixedField007Rule: RecordRule {
    fileprivate static let rule = "marc21.007"
    let tables: RuleTables

    func check(_ c: inout RecordCheck) {
        for (i, entry) in c.record.entries.enumerated() where entry.tag == Tags.t007 {
            let content = c.fields[i].content
            guard let category = content.first, let definition = tables.categories007[category] else {
                c.add(.error, Self.rule, "category of material \(content.first?.shown ?? "(empty field)") is not defined",
                    tag: "007", position: "/00", at: Int(entry.start))
                continue
            }
            if !definition.lengths.contains(content.count) {
                c.add(.warning, Self.rule, "\(definition.name) 007 is \(content.count) characters long; the format "
                    + "defines \(definition.lengths.map(String.init).joined(separator: " or "))", tag: "007",
                    at: content.startIndex)
            }
            if content.count > 1, !definition.specific.contains(content[content.startIndex + 1]) {
                let b = content[content.startIndex + 1]
                c.add(.warning, Self.rule, "specific material designation \(b.shown) is not defined for "
                    + "\(definition.name.lowercased())", tag: "007", position: "/01", at: content.startIndex + 1)
            }
        }
    }
}
