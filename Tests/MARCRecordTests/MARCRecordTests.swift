import Testing
@testable import MARCRecord
import struct MARCRecord.Tag

private func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

/// 001, 008, 245, two 650s and a 500 appended raw.
private func sampleRecord() -> MARCRecord {
    var record = MARCRecord()
    record.appendControlField("001", "   00038361 ")
    record.appendControlField("008", "261125s2026")
    record.appendDataField("245", indicators: "10", subfields: [("a", "A title /"), ("c", "An author.")])
    record.appendDataField("650", indicators: " 0", subfields: [("a", "Cats")])
    record.appendDataField("650", indicators: " 0", subfields: [("a", "Dogs"), ("x", "Behavior")])
    record.appendField("500", content: utf8("  \u{1F}aA note."))
    return record
}

@Suite struct BuildingTests {
    @Test func emptyRecordHoldsOnlyTheLeader() {
        let record = MARCRecord()
        #expect(record.fieldCount == 0)
        #expect(record.fields.isEmpty)
        #expect(record.storage == utf8("00000nam a2200000   4500"))
        #expect(record.leader == Leader())
        #expect(record.indicatorCount == 2)
        #expect(record.subfieldCodeLength == 2)
        #expect(record.controlNumber == nil)
        #expect(record.contentByteCount == 0)
    }

    @Test func appendedFieldsAreStoredAsBytes() {
        let record = sampleRecord()
        #expect(record.fieldCount == 6)
        #expect(record.fields.map(\.tag) == ["001", "008", "245", "650", "650", "500"])
        #expect(Array(record.fields[0].content) == utf8("   00038361 "))
        #expect(Array(record.fields[1].content) == utf8("261125s2026"))
        #expect(Array(record.fields[2].content) == utf8("10\u{1F}aA title /\u{1F}cAn author."))
        #expect(Array(record.fields[4].content) == utf8(" 0\u{1F}aDogs\u{1F}xBehavior"))
        #expect(Array(record.fields[5].content) == utf8("  \u{1F}aA note."))
        // Leader first, then the contents one after another.
        let expected = utf8("00000nam a2200000   4500") + record.fields.flatMap { Array($0.content) }
        #expect(record.storage == expected)
        #expect(record.contentByteCount == expected.count - 24)
    }

    @Test func dataFieldContentHelper() {
        let bytes = MARCRecord.dataFieldContent(indicators: "04", subfields: [("a", "The "), ("b", "rest")])
        #expect(bytes == [0x30, 0x34, 0x1F, 0x61, 0x54, 0x68, 0x65, 0x20, 0x1F, 0x62, 0x72, 0x65, 0x73, 0x74])
        #expect(MARCRecord.dataFieldContent(indicators: "  ", subfields: []) == [0x20, 0x20])
    }

    @Test func recordTakesCountsFromItsLeader() throws {
        let record = MARCRecord(leader: try #require(Leader("00000nam a1300000   4500")))
        #expect(record.indicatorCount == 1)
        #expect(record.subfieldCodeLength == 3)
    }

    @Test func leaderAccessors() throws {
        var record = sampleRecord()
        record.leader = try #require(Leader("01234cam a2200289 i 4500"))
        #expect(record.leaderByte(5) == UInt8(ascii: "c"))
        #expect(Array(record.storage.prefix(24)) == utf8("01234cam a2200289 i 4500"))
        record.setLeaderByte(UInt8(ascii: "d"), at: 5)
        #expect(record.leader.recordStatus == "d")
        // Changing the leader leaves the fields alone.
        #expect(record.fields.map(\.tag) == sampleRecord().fields.map(\.tag))
        #expect(record.firstField("245")?.value("a") == "A title /")
    }
}

@Suite struct LookupTests {
    @Test func firstFieldAndFieldsByTag() throws {
        let record = sampleRecord()
        let first650 = try #require(record.firstField("650"))
        #expect(first650.value("a") == "Cats")
        #expect(record.fields("650").map { $0.value("a") } == ["Cats", "Dogs"])
        #expect(record.fields("245").count == 1)
        #expect(record.firstField("999") == nil)
        #expect(record.fields("999").isEmpty)
        #expect(record.firstField("008")?.value == "261125s2026")
    }

    @Test func controlFieldView() throws {
        let field = try #require(sampleRecord().firstField("008"))
        #expect(field.isControlField)
        #expect(field.indicators.isEmpty)
        #expect(field.indicator1 == 0x20)
        #expect(field.indicator2 == 0x20)
        #expect(Array(field.subfields).isEmpty)
        #expect(field.value("a") == nil)
    }

    @Test func dataFieldView() throws {
        let field = try #require(sampleRecord().firstField("245"))
        #expect(!field.isControlField)
        #expect(Array(field.indicators) == utf8("10"))
        #expect(field.indicator1 == UInt8(ascii: "1"))
        #expect(field.indicator2 == UInt8(ascii: "0"))
        #expect(field.value == "10$aA title /$cAn author.")
        let subfields = Array(field.subfields)
        #expect(subfields.map(\.code) == [UInt8(ascii: "a"), UInt8(ascii: "c")])
        #expect(subfields.map(\.codeCharacter) == ["a", "c"])
        #expect(subfields.map(\.string) == ["A title /", "An author."])
        #expect(subfields.map { Array($0.codeBytes) } == [[0x61], [0x63]])
        #expect(field.value("a") == "A title /")
        #expect(field.value("c") == "An author.")
        #expect(field.value("b") == nil)
    }

    @Test func repeatedSubfieldCodes() {
        var record = MARCRecord()
        record.appendDataField("020", subfields: [("a", "9786020000001"), ("z", "123"), ("a", "9786020000002")])
        let field = record.fields[0]
        #expect(field.values("a") == ["9786020000001", "9786020000002"])
        #expect(field.values("z") == ["123"])
        #expect(field.values("q").isEmpty)
        #expect(field.value("a") == "9786020000001")
        // A code that is not ASCII can never match.
        #expect(field.values("é").isEmpty)
    }

    @Test func dataBeforeTheFirstDelimiterBelongsToNoSubfield() {
        var record = MARCRecord()
        record.appendField("245", content: utf8("10junk\u{1F}aTitle\u{1F}bRest"))
        let field = record.fields[0]
        #expect(field.indicator1 == UInt8(ascii: "1"))
        #expect(field.indicator2 == UInt8(ascii: "0"))
        let subfields = Array(field.subfields)
        #expect(subfields.map(\.codeCharacter) == ["a", "b"])
        #expect(subfields.map(\.string) == ["Title", "Rest"])
        #expect(field.value == "10junk$aTitle$bRest")
    }

    @Test func fieldWithoutDelimitersHasNoSubfields() {
        var record = MARCRecord()
        record.appendField("245", content: utf8("10no delimiters here"))
        #expect(Array(record.fields[0].subfields).isEmpty)
    }

    @Test func emptyTrailingDelimiterIsASubfieldWithCodeZero() {
        var record = MARCRecord()
        record.appendField("245", content: utf8("10\u{1F}aTitle\u{1F}"))
        let subfields = Array(record.fields[0].subfields)
        #expect(subfields.count == 2)
        #expect(subfields[0].code == UInt8(ascii: "a"))
        #expect(subfields[0].string == "Title")
        #expect(subfields[1].code == 0)
        #expect(subfields[1].codeBytes.isEmpty)
        #expect(subfields[1].value.isEmpty)
    }

    @Test func emptySubfieldValues() {
        var record = MARCRecord()
        record.appendField("245", content: utf8("  \u{1F}a\u{1F}b\u{1F}cx"))
        let subfields = Array(record.fields[0].subfields)
        #expect(subfields.map(\.codeCharacter) == ["a", "b", "c"])
        #expect(subfields.map(\.string) == ["", "", "x"])
    }

    @Test func contentShorterThanTheIndicators() {
        var record = MARCRecord()
        record.appendField("245", content: utf8("1"))
        let field = record.fields[0]
        #expect(field.indicator1 == UInt8(ascii: "1"))
        #expect(field.indicator2 == 0x20)
        #expect(Array(field.subfields).isEmpty)
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        var record = MARCRecord()
        record.appendField("245", content: [0x20, 0x20, 0x1F, 0x61, 0x41, 0xFF, 0x42])
        #expect(record.fields[0].value("a") == "A\u{FFFD}B")
    }

    @Test func leaderDrivesIndicatorAndCodeLengths() throws {
        // One indicator, three-byte subfield identifiers (delimiter + two code bytes).
        var record = MARCRecord(leader: try #require(Leader("00000nam a1300000   4500")))
        record.appendField("245", content: utf8("1\u{1F}abFirst\u{1F}cdSecond\u{1F}e"))
        let field = record.fields[0]
        #expect(Array(field.indicators) == utf8("1"))
        #expect(field.indicator1 == UInt8(ascii: "1"))
        #expect(field.indicator2 == 0x20)
        let subfields = Array(field.subfields)
        #expect(subfields.map { Array($0.codeBytes) } == [utf8("ab"), utf8("cd"), utf8("e")])
        #expect(subfields.map(\.string) == ["First", "Second", ""])
        #expect(field.value("a") == "First")
    }
}

@Suite struct ControlNumberTests {
    @Test func trimmedOfBlanks() {
        #expect(sampleRecord().controlNumber == "00038361")
    }

    /// Control fields in order, and the control number they give.
    @Test(arguments: [
        ([("001", "   00038361\u{1F}")], "00038361\\x1F"),  // non-printing bytes escaped
        ([("003", "XX"), ("001", "first"), ("001", "second")], "first"),  // the first 001 names the record
        ([("003", "XX")], nil),  // no 001
        ([("003", "XX"), ("001", "    ")], ""),  // an all-blank 001
        ([("001", " ocm 123 ")], "ocm 123"),  // inner blanks kept
    ] as [([(String, String)], String?)])
    func controlNumberOf(fields: [(String, String)], expected: String?) {
        var record = MARCRecord()
        for (tag, value) in fields { record.appendControlField(Tag(tag)!, value) }
        #expect(record.controlNumber == expected)
    }

    @Test func followsEdits() {
        var record = sampleRecord()
        record.replaceField(at: 0, content: utf8("kat00042"))
        #expect(record.controlNumber == "kat00042")
        record.removeField(at: 0)
        #expect(record.controlNumber == nil)
    }
}

@Suite struct EditingTests {
    @Test func insertField() {
        var record = sampleRecord()
        record.insertField("020", content: utf8("  \u{1F}a9786020000001"), at: 2)
        #expect(record.fields.map(\.tag) == ["001", "008", "020", "245", "650", "650", "500"])
        #expect(record.fields[2].value("a") == "9786020000001")
        #expect(record.fields[3].value("a") == "A title /")
        record.insertField("LDR", content: utf8("x"), at: 0)
        #expect(record.fields.first?.tag == "LDR")
        record.insertField("999", content: utf8("  \u{1F}aend"), at: record.fieldCount)
        #expect(record.fields.last?.value("a") == "end")
    }

    @Test func replaceFieldKeepsPositionAndTag() {
        var record = sampleRecord()
        let before = record.fields[3]
        record.replaceField(at: 3, content: utf8(" 0\u{1F}aBirds"))
        #expect(record.fields[3].tag == "650")
        #expect(record.fields[3].value("a") == "Birds")
        #expect(record.fields.map(\.tag) == ["001", "008", "245", "650", "650", "500"])
        // A view taken before the edit still sees the old bytes.
        #expect(before.value("a") == "Cats")
    }

    @Test func replaceFieldCanChangeTheTag() {
        var record = sampleRecord()
        record.replaceField(at: 5, tag: "504", content: utf8("  \u{1F}aIncludes index."))
        #expect(record.fields.map(\.tag) == ["001", "008", "245", "650", "650", "504"])
        #expect(record.fields[5].value("a") == "Includes index.")
        #expect(record.firstField("500") == nil)
    }

    @Test func removeField() {
        var record = sampleRecord()
        record.removeField(at: 1)
        #expect(record.fields.map(\.tag) == ["001", "245", "650", "650", "500"])
        record.removeField(at: record.fieldCount - 1)
        #expect(record.fields.map(\.tag) == ["001", "245", "650", "650"])
        #expect(record.fields("650").map { $0.value("a") } == ["Cats", "Dogs"])
    }

    @Test func removeFieldsWhere() {
        var record = sampleRecord()
        record.removeFields { $0.tag == "650" }
        #expect(record.fields.map(\.tag) == ["001", "008", "245", "500"])

        var other = sampleRecord()
        other.removeFields { $0.value("a") == "Dogs" }
        #expect(other.fields.map(\.tag) == ["001", "008", "245", "650", "500"])
        #expect(other.firstField("650")?.value("a") == "Cats")

        var none = sampleRecord()
        none.removeFields { _ in false }
        #expect(none == sampleRecord())

        var all = sampleRecord()
        all.removeFields { _ in true }
        #expect(all.fieldCount == 0)
        #expect(all.leader == Leader())
    }

    @Test func compactKeepsEqualityAndShrinksStorage() {
        var record = sampleRecord()
        record.replaceField(at: 2, content: utf8("00\u{1F}aAnother title"))
        record.replaceField(at: 0, content: utf8("kat00001"))
        record.removeField(at: 3)
        let before = record
        let oldStorageCount = record.storage.count
        #expect(oldStorageCount > 24 + record.contentByteCount)

        record.compact()
        #expect(record == before)
        #expect(record.storage.count == 24 + record.contentByteCount)
        #expect(record.storage.count < oldStorageCount)
        #expect(Array(record.storage.prefix(24)) == utf8("00000nam a2200000   4500"))
        // Fields now lie one after another, in order, right after the leader.
        var expectedStart: Int32 = 24
        for entry in record.entries {
            #expect(entry.start == expectedStart)
            expectedStart += entry.length
        }
        #expect(record.fields.map(\.tag) == ["001", "008", "245", "650", "500"])
        #expect(record.controlNumber == "kat00001")
        #expect(record.firstField("245")?.value("a") == "Another title")
    }

    @Test func compactOnAFreshRecordChangesNothing() {
        var record = sampleRecord()
        let storage = record.storage
        record.compact()
        #expect(record.storage == storage)
    }
}

@Suite struct EqualityTests {
    @Test func equalityIgnoresStorageLayout() {
        let plain = sampleRecord()

        var edited = MARCRecord()
        edited.appendControlField("001", "placeholder")
        edited.appendControlField("008", "261125s2026")
        edited.appendDataField("245", indicators: "10", subfields: [("a", "A title /"), ("c", "An author.")])
        edited.appendDataField("650", indicators: " 0", subfields: [("a", "Cats")])
        edited.appendDataField("650", indicators: " 0", subfields: [("a", "Dogs"), ("x", "Behavior")])
        edited.appendField("500", content: utf8("  \u{1F}aA note."))
        edited.replaceField(at: 0, content: utf8("   00038361 "))

        #expect(edited.storage != plain.storage)
        #expect(edited == plain)
    }

    @Test func equalityWithFieldsStoredOutOfOrder() {
        let leader = utf8("00000nam a2200000   4500")
        let reversed = MARCRecord(
            storage: leader + utf8("BBBAAA"),
            entries: [FieldEntry(tag: "001", start: 27, length: 3), FieldEntry(tag: "002", start: 24, length: 3)])
        var appended = MARCRecord()
        appended.appendControlField("001", "AAA")
        appended.appendControlField("002", "BBB")
        #expect(reversed == appended)
        #expect(reversed.controlNumber == "AAA")
    }

    @Test func differencesAreSeen() throws {
        let base = sampleRecord()

        var leader = base
        leader.setLeaderByte(UInt8(ascii: "c"), at: 5)
        #expect(leader != base)

        var tag = base
        tag.replaceField(at: 5, tag: "501", content: utf8("  \u{1F}aA note."))
        #expect(tag != base)

        var content = base
        content.replaceField(at: 5, content: utf8("  \u{1F}aA note!"))
        #expect(content != base)

        var fewer = base
        fewer.removeField(at: 5)
        #expect(fewer != base)

        var order = base
        order.removeField(at: 3)
        order.insertField("650", content: utf8(" 0\u{1F}aCats"), at: 4)
        #expect(order.fields("650").map { $0.value("a") } == ["Dogs", "Cats"])
        #expect(order != base)
    }
}

@Suite struct EncodedLengthTests {
    @Test func matchesAHandWrittenRecord() {
        var record = MARCRecord()
        record.appendControlField("001", "00038361")  // 8 bytes
        record.appendDataField("245", indicators: "10", subfields: [("a", "A title /"), ("c", "An author.")])  // 25 bytes
        // 24 leader + 2 × 13 (directory entry and field terminator) + 2 (directory and record terminators) + 33
        #expect(record.contentByteCount == 33)
        #expect(record.encodedLength == 85)

        // The same record written out by hand as ISO 2709.
        let iso: [UInt8] =
            utf8("00085nam a2200049   4500")
            + utf8("001000900000") + utf8("245002600009") + [0x1E]
            + utf8("00038361") + [0x1E]
            + utf8("10\u{1F}aA title /\u{1F}cAn author.") + [0x1E]
            + [0x1D]
        #expect(iso.count == record.encodedLength)
    }

    @Test func emptyRecord() {
        #expect(MARCRecord().encodedLength == 26)
    }

    @Test func unaffectedByDeadStorage() {
        var record = MARCRecord()
        record.appendControlField("001", "a much longer value than the final one")
        record.replaceField(at: 0, content: utf8("abc"))
        #expect(record.encodedLength == 24 + 13 + 2 + 3)
        record.compact()
        #expect(record.encodedLength == 42)
    }
}
