import MARCRecord

/// Splitting an oversized record into linked records.
///
/// Every part repeats the leader and all control fields (so each part keeps the same 001), then
/// carries as many of the remaining data fields, in order, as fit under 99,999 bytes. Each part ends
/// with an `887` field (MARC 21 “Non-MARC Information”) whose `$a` reads
/// `katalog:split part I of N` and whose `$2` is `katalog`, so that a reader can put the parts back
/// together and a person can see what happened. Other tools read the parts as separate records.
extension ISO2709Writer {
    static let splitMarkerTag = Tag(0x38, 0x38, 0x37)

    static func split(_ record: MARCRecord) -> [MARCRecord] {
        let fields = record.fields
        let controls = fields.indices.filter { fields[$0].isControlField }
        let data = fields.indices.filter { !fields[$0].isControlField }
        var base = MARCRecord(leader: record.leader)
        base.indicatorCount = record.indicatorCount
        base.subfieldCodeLength = record.subfieldCodeLength
        for i in controls { base.appendField(fields[i].tag, content: fields[i].content) }
        let markerBudget = 13 + 64
        let budget = maxRecordLength - encodedLength(base) - markerBudget

        var groups: [[Int]] = [[]]
        var used = 0
        for i in data {
            let cost = fields[i].content.count + 13
            if used + cost > budget && !groups[groups.count - 1].isEmpty {
                groups.append([])
                used = 0
            }
            groups[groups.count - 1].append(i)
            used += cost
        }
        return groups.enumerated().map { index, group in
            var part = base
            for i in group { part.appendField(fields[i].tag, content: fields[i].content) }
            part.appendDataField(splitMarkerTag, subfields: [
                ("a", "katalog:split part \(index + 1) of \(groups.count)"), ("2", "katalog"),
            ])
            return part
        }
    }
}
