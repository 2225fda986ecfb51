import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import Testing
import _KatalogTestSupport

@Suite struct WriterTests {
    @Test func wellFormedInputComesBackByteForByte() throws {
        let original = try Paths.bytes(Paths.fixture("iso2709/good-three-records.mrc"))
        let read = try readISO(original)
        let (written, findings) = try writeISO(read.records)
        #expect(findings.isEmpty)
        #expect(written == original)
    }

    @Test(arguments: ["length-in-characters.mrc", "wrong-base-address.mrc", "directory-off-by-one.mrc",
        "bad-indicators.mrc", "bad-leader-10-11-20-23.mrc", "missing-terminator-between.mrc",
        "field-terminator-inside-field.mrc", "junk-between-records.mrc"])
    func repairedRecordsAreWrittenClean(fixture: String) throws {
        let repaired = try readFixture(fixture)
        let (written, _) = try writeISO(repaired.records)
        let reread = try readISO(written)
        #expect(reread.findings.isEmpty, "\(reread.findings.map(\.line))")
        #expect(reread.records == repaired.records)
    }

    @Test func builtRecordGetsLengthAndBaseAddress() throws {
        var record = MARCRecord()
        record.appendControlField("001", "x1")
        record.appendDataField("245", indicators: "00", subfields: [("a", "Judul")])
        let (bytes, _) = try writeISO([record])
        // 24 leader + 2×12 directory + 1 + "x1"+FT (3) + "00$aJudul"+FT (10) + RT = 63
        #expect(bytes.count == 63)
        #expect(Array(bytes[0..<5]) == Array("00063".utf8))
        #expect(Array(bytes[12..<17]) == Array("00049".utf8))
        #expect(Array(bytes[24..<36]) == Array("001000300000".utf8))
        #expect(bytes.last == 0x1D)
    }

    @Test func terminatorBytesInsideAFieldAreDroppedAndReported() throws {
        // A record from another format can carry 0x1E or 0x1D in a value; written raw they would cut it.
        var record = MARCRecord()
        record.appendControlField("001", "t1")
        record.appendField("500", content: Array("  ".utf8) + [0x1F, 0x61] + Array("a".utf8) + [0x1E]
            + Array("b".utf8) + [0x1D] + Array("c".utf8))
        let (bytes, findings) = try writeISO([record])
        #expect(findings.map(\.code) == [.structureByteInField])
        #expect(findings.first?.tag == "500" && findings.first?.recordOffset == 5)
        let back = try readISO(bytes)
        #expect(back.findings.isEmpty)
        #expect(back.records.first?.firstField("500")?.value("a") == "abc")
    }

    @Test func oversizedRecordIsRefusedByDefault() throws {
        let big = try readFixture("oversized-record.mrc").records
        let (bytes, findings) = try writeISO(big)
        #expect(findings.map(\.code) == [.fieldTooLong])
        let reread = try readISO(bytes)
        #expect(reread.controlNumbers == ["kat00001", "kat00003"])
    }

    @Test func oversizedRecordSplitsIntoLinkedParts() throws {
        var record = try readFixture("oversized-record.mrc").records[1]
        record.removeFields { $0.tag == "520" }  // a single field over 9,999 bytes cannot be split
        let (bytes, findings) = try writeISO([record], oversize: .split)
        #expect(findings.map(\.code) == [.recordSplit])
        let parts = try readISO(bytes)
        #expect(parts.findings.isEmpty)
        #expect(parts.records.count == 2)
        for (i, part) in parts.records.enumerated() {
            #expect(part.encodedLength <= 99_999)
            #expect(part.controlNumber == "kat00002")
            #expect(part.firstField("887")?.value("a") == "katalog:split part \(i + 1) of 2")
        }
        let notes = parts.records.flatMap { $0.fields("500") }.map(\.content)
        #expect(notes == record.fields("500").map(\.content))
    }
}
