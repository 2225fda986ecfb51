import MARCRecord

/// A record as lines for people (`245 10 $a Title / $c Author.`): how the HTML report shows examples.
struct RecordLines: Sendable {
    struct Line: Sendable {
        var tag: String
        var text: String
    }

    var lines: [Line]

    init(_ record: MARCRecord) {
        var lines = [Line(tag: "LDR", text: String(decoding: record.leader.bytes, as: UTF8.self))]
        for field in record.fields {
            let tag = field.tag.description
            if field.isControlField {
                lines.append(Line(tag: tag, text: String(decoding: field.content, as: UTF8.self)))
                continue
            }
            var text = String(decoding: field.indicators.map { $0 == 0x20 ? UInt8(ascii: "#") : $0 }, as: UTF8.self)
            for subfield in field.subfields {
                text += " $" + String(decoding: subfield.codeBytes, as: UTF8.self) + " " + subfield.string
            }
            lines.append(Line(tag: tag, text: text))
        }
        self.lines = lines
    }
}
