import Testing
@testable import MARCRecord

@Suite struct LeaderTests {
    @Test func parsesMARC21Leader() throws {
        let leader = try #require(Leader("01234cam a2200289 i 4500"))
        #expect(leader.bytes.count == 24)
        #expect(leader.recordLength == 1234)
        #expect(leader.baseAddress == 289)
        #expect(leader.indicatorCount == 2)
        #expect(leader.subfieldCodeLength == 2)
        #expect(leader.recordStatus == "c")
        #expect(leader.typeOfRecord == "a")
        #expect(leader.bibliographicLevel == "m")
        #expect(leader.characterCoding == "a")
        #expect(leader[18] == UInt8(ascii: "i"))
        #expect(leader.description == "01234cam a2200289 i 4500")
    }

    @Test func parsesUNIMARCLeaderFromBytes() throws {
        let leader = try #require(Leader(bytes: Array("00187nam0 22000731  450 ".utf8)))
        #expect(leader.recordLength == 187)
        #expect(leader.baseAddress == 73)
        #expect(leader.indicatorCount == 2)
        #expect(leader.subfieldCodeLength == 2)
        #expect(leader.characterCoding == " ")
    }

    @Test func parsesNonDefaultIndicatorAndCodeLengths() throws {
        let leader = try #require(Leader("99999nam a1399999   4500"))
        #expect(leader.recordLength == 99999)
        #expect(leader.baseAddress == 99999)
        #expect(leader.indicatorCount == 1)
        #expect(leader.subfieldCodeLength == 3)
    }

    @Test func nonDigitsGiveNil() throws {
        let badLength = try #require(Leader("0123Xcam a2200289 i 4500"))
        #expect(badLength.recordLength == nil)
        #expect(badLength.baseAddress == 289)

        let signedLength = try #require(Leader("-1234cam a2200289 i 4500"))
        #expect(signedLength.recordLength == nil)

        let badBase = try #require(Leader("01234cam a220028  i 4500"))
        #expect(badBase.baseAddress == nil)
        #expect(badBase.recordLength == 1234)

        let blankCounts = try #require(Leader("01234cam a  00289 i 4500"))
        #expect(blankCounts.indicatorCount == nil)
        #expect(blankCounts.subfieldCodeLength == nil)
        #expect(blankCounts.baseAddress == 289)
    }

    @Test(arguments: [0, 1, 23, 25, 100])
    func wrongSizeBytesGiveNil(_ count: Int) {
        #expect(Leader(bytes: [UInt8](repeating: 0x30, count: count)) == nil)
    }

    @Test func wrongSizeStringsGiveNil() {
        #expect(Leader("") == nil)
        #expect(Leader("01234cam a2200289 i 450") == nil)
        #expect(Leader("01234cam a2200289 i 45000") == nil)
        // 24 characters but 25 UTF-8 bytes.
        #expect(Leader("01234cam é2200289 i 4500") == nil)
    }

    @Test func defaultLeader() {
        let leader = Leader()
        #expect(leader.bytes == Array("00000nam a2200000   4500".utf8))
        #expect(leader.recordLength == 0)
        #expect(leader.baseAddress == 0)
        #expect(leader.indicatorCount == 2)
        #expect(leader.subfieldCodeLength == 2)
        #expect(leader.recordStatus == "n")
        #expect(leader.typeOfRecord == "a")
        #expect(leader.bibliographicLevel == "m")
        #expect(leader.characterCoding == "a")
    }

    @Test func subscriptSetterChangesOneByte() {
        var leader = Leader()
        leader[5] = UInt8(ascii: "c")
        leader[9] = UInt8(ascii: " ")
        #expect(leader.recordStatus == "c")
        #expect(leader.characterCoding == " ")
        #expect(leader.bytes == Array("00000cam  2200000   4500".utf8))
        #expect(leader != Leader())
    }

    @Test func descriptionEscapesControlBytes() throws {
        var bytes = Array("00000nam a2200000   4500".utf8)
        bytes[23] = 0x1E
        let leader = try #require(Leader(bytes: bytes))
        #expect(leader.description == "00000nam a2200000   450\\x1E")
    }
}
