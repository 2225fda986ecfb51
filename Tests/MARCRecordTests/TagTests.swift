import Testing
@testable import MARCRecord
import struct MARCRecord.Tag

@Suite struct TagTests {
    @Test func initFromStringKeepsTheThreeBytes() throws {
        let text = "245"
        let tag = try #require(Tag(text))
        #expect(tag.bytes == [0x32, 0x34, 0x35])
        #expect(tag.rawValue == 0x32_34_35)
        #expect(tag.byte(0) == 0x32)
        #expect(tag.byte(1) == 0x34)
        #expect(tag.byte(2) == 0x35)
        #expect(tag.description == "245")
    }

    @Test func initFromBytesEqualsInitFromString() {
        #expect(Tag(0x32, 0x34, 0x35) == Tag("245"))
        #expect(Tag(0x4C, 0x44, 0x52) == Tag("LDR"))
        let literal: Tag = "008"
        #expect(literal == Tag(0x30, 0x30, 0x38))
        #expect(literal != Tag("080"))
    }

    @Test func initFromSubstring() {
        let text = "x650y"
        #expect(Tag(text.dropFirst().dropLast()) == Tag("650"))
    }

    @Test(arguments: ["", "1", "24", "2450", "LDR ", "é"])
    func invalidLengthGivesNil(_ text: String) {
        #expect(Tag(text) == nil)
    }

    @Test func lengthIsCountedInUTF8Bytes() throws {
        // "é" is two UTF-8 bytes, so "é1" is a three-byte tag, though not a well-formed one.
        let text = "é1"
        let tag = try #require(Tag(text))
        #expect(tag.bytes == [0xC3, 0xA9, 0x31])
        #expect(!tag.isWellFormed)
        #expect(tag.description == "\\xC3\\xA91")
    }

    @Test(arguments: ["001", "003", "005", "008", "009", "00A", "00a"])
    func controlFieldTags(_ text: String) throws {
        #expect(try #require(Tag(text)).isControlField)
    }

    @Test(arguments: ["010", "020", "100", "245", "500", "999", "LDR", "0A1", "a01"])
    func dataFieldTags(_ text: String) throws {
        #expect(try #require(Tag(text)).isControlField == false)
    }

    @Test(arguments: ["245", "001", "LDR", "abc", "a1Z", "9zA", "000"])
    func wellFormedTags(_ text: String) throws {
        #expect(try #require(Tag(text)).isWellFormed)
    }

    @Test(arguments: [
        Tag(0x32, 0x34, 0x20),  // space
        Tag(0x32, 0x24, 0x35),  // $
        Tag(0x32, 0x34, 0x1F),  // subfield delimiter
        Tag(0x2F, 0x30, 0x30),  // '/' just below '0'
        Tag(0x3A, 0x30, 0x30),  // ':' just above '9'
        Tag(0x40, 0x30, 0x30),  // '@' just below 'A'
        Tag(0x5B, 0x30, 0x30),  // '[' just above 'Z'
        Tag(0x60, 0x30, 0x30),  // '`' just below 'a'
        Tag(0x7B, 0x30, 0x30),  // '{' just above 'z'
        Tag(0x00, 0x30, 0x30),
        Tag(0xFF, 0x30, 0x30),
    ])
    func malformedTags(_ tag: Tag) {
        #expect(!tag.isWellFormed)
    }

    @Test func isNumeric() {
        #expect(Tag("245").isNumeric)
        #expect(Tag("001").isNumeric)
        #expect(Tag("00A").isNumeric == false)
        #expect(Tag("LDR").isNumeric == false)
    }

    @Test func orderingFollowsTheBytes() {
        let tags: [Tag] = ["LDR", "245", "001", "100", "00A", "010", "abc", "ABC"]
        #expect(tags.sorted() == ["001", "00A", "010", "100", "245", "ABC", "LDR", "abc"])
        #expect(Tag("008") < Tag("010"))
        #expect(!(Tag("245") < Tag("245")))
        #expect(Tag("999") < Tag("LDR"))
    }

    @Test func hashingDistinguishesTags() {
        let set: Set<Tag> = ["245", "245", "246", "LDR", "ldr"]
        #expect(set.count == 4)
        #expect(set.contains("ldr"))
    }

    @Test func descriptionEscapesNonPrintingBytes() {
        #expect(Tag(0x32, 0x1F, 0x35).description == "2\\x1F5")
        #expect(Tag(0x00, 0x30, 0x31).description == "\\x0001")
        #expect(Tag(0x20, 0x32, 0x7F).description == " 2\\x7F")
        // The backslash itself is escaped so that an escape can never be mistaken for data.
        #expect(Tag(0x5C, 0x30, 0x30).description == "\\x5C00")
    }
}
