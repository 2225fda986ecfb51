import MARCRecord

/// Leader positions the MARC 21 formats define: status, type, level, control, coding, indicator count and
/// subfield code length 2, numeric length and base address, encoding level, descriptive form, multipart
/// level, entry map `4500`. The ISO 2709 reader already repairs and reports 10-11 and 20-22 while framing; on
/// other inputs this rule is what sees them.
struct LeaderRule: RecordRule {
    fileprivate static let rule = "structure.leader"
    /// Record types of all five MARC 21 formats (bibliographic, authority z, holdings u v x y,
    /// classification w, community q).
    fileprivate static let types = ByteSet(tableCell: "acdefgijkmoprtzuvxywq")
    fileprivate static let positions: [(Int, ByteSet, String)] = [
        (5, ByteSet(tableCell: "acdnp"), "record status"),
        (8, ByteSet(tableCell: "# a"), "type of control"),
        (9, ByteSet(tableCell: "# a"), "character coding scheme"),
        (10, ByteSet(tableCell: "2"), "indicator count"),
        (11, ByteSet(tableCell: "2"), "subfield code length"),
        (17, ByteSet(tableCell: "# 1-578uzIJKLM"), "encoding level"),
        (18, ByteSet(tableCell: "# acinu"), "descriptive cataloging form"),
        (19, ByteSet(tableCell: "# abc"), "multipart resource record level"),
    ]
    fileprivate static let levels = ByteSet(tableCell: "abcdims")

    /// Whether positions 00-04 and 12-16 must be digits: ISO 2709 needs them; MARCXML and JSON records
    /// carry zeros or blanks there, which the schema allows.
    let numericLengths: Bool

    func check(_ c: inout RecordCheck) {
        let r = c.record
        if !Self.types.contains(r.leaderByte(6)) {
            c.add(.error, Self.rule, "type of record \(r.leaderByte(6).shown) is not a MARC 21 type", tag: "LDR",
                position: "/06", at: 6)
        }
        let bibliographic = BibliographicRecord.isBibliographic(r)
        if bibliographic && !Self.levels.contains(r.leaderByte(7)) {
            c.add(.error, Self.rule, "bibliographic level \(r.leaderByte(7).shown) is not one of a, b, c, d, i, m, s",
                tag: "LDR", position: "/07", at: 7)
        }
        for (p, allowed, name) in Self.positions where !allowed.contains(r.leaderByte(p)) {
            // 17-19 are bibliographic values; other formats use them differently.
            if p >= 17 && !bibliographic { continue }
            c.add(.error, Self.rule, "\(name) \(r.leaderByte(p).shown) is not one of \(allowed.description)",
                tag: "LDR", position: "/" + String(p).leftPadded(2), at: p)
        }
        let entryMap = (20..<24).map { r.leaderByte($0) }
        if entryMap != Array("4500".utf8) && !(entryMap == Array("    ".utf8) && !numericLengths) {
            c.add(.error, Self.rule, "entry map \(ArraySlice(entryMap).shown) is not 4500", tag: "LDR",
                position: "/20", at: 20)
        }
        if numericLengths {
            for (range, name) in [(0..<5, "record length"), (12..<17, "base address of data")]
            where !range.allSatisfy({ ASCII.isDigit(r.leaderByte($0)) }) {
                c.add(.error, Self.rule, "\(name) is not five digits", tag: "LDR",
                    position: "/" + String(range.lowerBound).leftPadded(2), at: range.lowerBound)
            }
        }
    }
}

/// Which records the MARC 21 bibliographic tables apply to.
enum BibliographicRecord {
    static let types = ByteSet(tableCell: "acdefgijkmoprt")

    static func isBibliographic(_ record: MARCRecord) -> Bool { types.contains(record.leaderByte(6)) }
}
