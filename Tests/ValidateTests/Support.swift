import MARCRecord
import Validate

import struct MARCRecord.Tag

/// A bibliographic record that passes every MARC 21 rule; tests break one thing in it.
func cleanRecord() -> MARCRecord {
    var r = MARCRecord(leader: Leader("00000nam a2200000 a 4500")!)
    r.appendControlField("001", "t0001")
    r.appendControlField("008", "240105s2023    enka     b    001 0 eng d")
    r.appendDataField("020", indicators: "  ", subfields: [("a", "9780306406157")])
    r.appendDataField("041", indicators: "0 ", subfields: [("a", "eng"), ("h", "fre")])
    r.appendDataField("100", indicators: "1 ", subfields: [("a", "Writer, Ann.")])
    r.appendDataField("245", indicators: "14", subfields: [("a", "The catalogue /"), ("c", "Ann Writer.")])
    r.appendDataField("650", indicators: " 0", subfields: [("a", "Cataloging.")])
    return r
}

/// The record with field `tag` (first occurrence) replaced, or appended when absent.
func replacing(_ tag: Tag, in record: MARCRecord, indicators: String, subfields: [(code: Character, value: String)])
    -> MARCRecord
{
    var r = record
    let content = MARCRecord.dataFieldContent(indicators: indicators, subfields: subfields)
    if let i = r.fields.firstIndex(where: { $0.tag == tag }) {
        r.replaceField(at: i, content: content)
    } else {
        r.appendField(tag, content: content)
    }
    return r
}

func replacingControl(_ tag: Tag, in record: MARCRecord, _ value: String) -> MARCRecord {
    var r = record
    if let i = r.fields.firstIndex(where: { $0.tag == tag }) {
        r.replaceField(at: i, content: Array(value.utf8))
    } else {
        r.appendControlField(tag, value)
    }
    return r
}

/// The problems of one record under the MARC 21 rules (structure too with `structure: true`).
func problems(_ record: MARCRecord, structure: Bool = false) -> [Problem] {
    let validator = Validator(families: structure ? [.structure, .marc21] : [.marc21], numericLengths: false)
    return validator.check(record, site: RecordSite(file: "t.mrc", recordNumber: 1, streamOffset: nil))
}

func rules(_ problems: [Problem]) -> [String] { problems.map(\.rule) }
