import MARCRecord

/// 006 is 18 characters: 006/00 names the form of material, 006/01-17 are that material's 008/18-34.
struct FixedField006Rule: RecordRule {
    fileprivate static let rule = "marc21.006"
    let tables: RuleTables

    func check(_ c: inout RecordCheck) {
        for (i, entry) in c.record.entries.enumerated() where entry.tag == Tags.t006 {
            let content = c.fields[i].content
            guard let form = content.first else {
                c.add(.error, Self.rule, "006 is empty", tag: "006", at: Int(entry.start))
                continue
            }
            guard let material = Material(form: form), let rows = tables.fixed008[material] else {
                c.add(.error, Self.rule, "form of material \(form.shown) is not defined", tag: "006", position: "/00",
                    at: content.startIndex)
                continue
            }
            if content.count != 18 {
                c.add(.error, Self.rule, "006 is \(content.count) characters long; it must be 18", tag: "006",
                    at: content.startIndex)
                continue
            }
            FixedPositions.check(content, rows, shift: 17, tag: "006", rule: Self.rule, &c)
        }
    }
}
