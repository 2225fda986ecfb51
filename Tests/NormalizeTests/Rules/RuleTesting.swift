import MARCRecord
import Normalize

/// Builds small records for rule tests and runs one rule over them.
enum RuleTesting {
    /// A record from `.mrk`-like lines: `=245  10$aTitle$cby me` (indicators `\` or blank for blank),
    /// or `=001  value` for control fields.
    static func record(_ lines: [String], leader: String = "00000nam a2200000   4500") -> MARCRecord {
        var record = MARCRecord(leader: Leader(leader)!)
        for line in lines {
            let tag = Tag(String(line.dropFirst().prefix(3)))!
            let body = Array(line.dropFirst(6))
            if tag.isControlField {
                record.appendField(tag, content: Array(String(body).utf8))
            } else {
                var bytes: [UInt8] = []
                for (i, c) in body.enumerated() {
                    if i < 2 {
                        bytes.append(c == "\\" ? 0x20 : c.asciiValue!)
                    } else if c == "$" {
                        bytes.append(0x1F)
                    } else {
                        bytes.append(contentsOf: Array(String(c).utf8))
                    }
                }
                record.appendField(tag, content: bytes)
            }
        }
        return record
    }

    /// The fields as `TAG display` lines (`020 ## $a…`), for comparing with expectations.
    static func lines(_ record: MARCRecord) -> [String] {
        record.fields.map { "\($0.tag) \($0.display)" }
    }

    static func lines(_ record: MARCRecord, tag: String) -> [String] {
        record.fields.filter { $0.tag.description == tag }.map { "\($0.tag) \($0.display)" }
    }

    /// Runs `rule` once; returns the record and the changes.
    static func apply(
        _ rule: some NormalizationRule, _ record: MARCRecord, member: String? = nil, localID: String? = nil
    ) -> (MARCRecord, [NormalizationChange]) {
        var copy = record
        var context = NormalizationContext(memberCode: member, localID: localID)
        rule.apply(to: &copy, &context)
        return (copy, context.changes)
    }

    /// Runs `rule` twice and reports whether the second run changed anything.
    static func secondRunChanges(_ rule: some NormalizationRule, _ record: MARCRecord, member: String? = nil) -> [NormalizationChange] {
        let (once, _) = apply(rule, record, member: member)
        return apply(rule, once, member: member).1
    }
}
