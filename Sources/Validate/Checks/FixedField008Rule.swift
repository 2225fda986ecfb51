import MARCRecord

/// 008 is 40 characters, and each position holds a value the format defines for the record's material type
/// (from leader/06-07). A wrong length is an error (every position after it shifts); an undefined value a
/// warning.
struct FixedField008Rule: RecordRule {
    fileprivate static let rule = "marc21.008"
    let tables: RuleTables

    func check(_ c: inout RecordCheck) {
        guard let i = c.record.entries.firstIndex(where: { $0.tag == Tags.t008 }) else {
            c.add(.warning, Self.rule, "no 008 (fixed-length data elements)", tag: "008")
            return
        }
        let content = c.fields[i].content
        guard content.count == 40 else {
            c.add(.error, Self.rule, "008 is \(content.count) characters long; it must be 40", tag: "008",
                at: content.startIndex)
            return
        }
        FixedPositions.check(content, tables.fixed008Common, shift: 0, tag: "008", rule: Self.rule, &c)
        let r = c.record
        if let material = Material(typeOfRecord: r.leaderByte(6), level: r.leaderByte(7)),
            let rows = tables.fixed008[material]
        {
            FixedPositions.check(content, rows, shift: 0, tag: "008", rule: Self.rule, &c)
        }
    }
}
