import ISO2709
import MARCRecord
import Testing
import _KatalogTestSupport

/// Every recovery path, one fixture each. Each broken record sits between good ones: the records
/// after it must come back too.
@Suite struct RecoveryTests {
    @Test func goodFileHasNoFindings() throws {
        let out = try readFixture("good-three-records.mrc")
        #expect(out.records.count == 3)
        #expect(out.findings.isEmpty)
        let title = try #require(out.records[2].firstField("245")?.value("a"))
        #expect(title == "Cafe\u{301} and 日本語 /")
    }

    @Test func lengthsCountedInCharacters() throws {
        let out = try readFixture("length-in-characters.mrc")
        #expect(out.controlNumbers == ["kat00001", "kat00002", "kat00003"])
        #expect(out.codes.contains("iso2709.length-in-characters"))
        #expect(out.codes.contains("iso2709.directory-rebuilt"))
        let f = try #require(out.findings.first { $0.code == .lengthInCharacters })
        #expect(f.recordNumber == 2 && f.controlNumber == "kat00002" && f.tag == "LDR" && f.recordOffset == 0)
        // Every field came back whole, in order, with the right tags.
        let fields = out.records[1].fields
        #expect(fields.map(\.tag.description) == ["001", "005", "008", "020", "100", "245", "260", "650"])
        #expect(out.records[1].firstField("245")?.value("a") == "Ménage à trois — naïveté /")
        #expect(out.records[1].firstField("650")?.value("a") == "Sastra Indonesia.")
    }

    @Test func wrongBaseAddress() throws {
        let out = try readFixture("wrong-base-address.mrc")
        #expect(out.records.count == 3)
        let f = try #require(out.findings.first)
        #expect(f.code == .baseAddressMismatch)
        #expect(f.recordNumber == 2 && f.recordOffset == 12)
        #expect(out.records[1].firstField("001")?.value == "kat00002")
        #expect(out.records[1].firstField("245")?.indicator1 == UInt8(ascii: "1"))
    }

    @Test func directoryOffByOne() throws {
        let out = try readFixture("directory-off-by-one.mrc")
        #expect(out.records.count == 3)
        #expect(out.codes == ["iso2709.directory-rebuilt"])
        #expect(out.records[1].fieldCount == 8)
        #expect(out.records[1].firstField("008")?.value.utf8.count == 40)
    }

    @Test func truncatedDirectoryReportsWhatItCannotPlace() throws {
        let out = try readFixture("truncated-directory.mrc")
        #expect(out.records.count == 3)
        #expect(out.records[1].fieldCount == 6)
        let lost = try #require(out.findings.first { $0.code == .unreferencedData })
        #expect(lost.severity == .error)
        #expect(lost.message.contains("Jakarta"))
    }

    @Test func junkBetweenRecordsIsSkippedAndReported() throws {
        let out = try readFixture("junk-between-records.mrc")
        #expect(out.records.count == 3)
        let junk = out.findings.filter { $0.code == .junkBetweenRecords }
        #expect(junk.count == 3)
        #expect(junk.map(\.streamOffset) == [348, 698, 1050])
        #expect(junk.last?.message.contains("after the last record") == true)
    }

    @Test func missingFinalTerminator() throws {
        let out = try readFixture("missing-final-terminator.mrc")
        #expect(out.controlNumbers == ["kat00001", "kat00002", "kat00003"])
        #expect(out.codes == ["iso2709.missing-record-terminator"])
    }

    @Test func missingTerminatorBetweenRecordsIsCutAtLeaderLength() throws {
        let out = try readFixture("missing-terminator-between.mrc")
        #expect(out.controlNumbers == ["kat00001", "kat00002", "kat00003"])
        #expect(out.codes == ["iso2709.missing-record-terminator"])
        #expect(out.records[1].firstField("650")?.value("a") == "Sastra Indonesia.")
    }

    @Test func oversizedRecordWithWrappedLengths() throws {
        let out = try readFixture("oversized-record.mrc")
        #expect(out.controlNumbers == ["kat00001", "kat00002", "kat00003"])
        #expect(out.codes.contains("iso2709.length-overflow"))
        #expect(out.codes.contains("iso2709.directory-rebuilt"))
        let big = out.records[1]
        #expect(big.fields("500").count == 200)
        let abstract = try #require(big.firstField("520"))
        #expect(abstract.content.count > 12_000)
        #expect(big.encodedLength > 99_999)
    }

    @Test func badIndicatorsAreBlankedAndReported() throws {
        let out = try readFixture("bad-indicators.mrc")
        #expect(out.records.count == 3)
        #expect(out.codes == ["iso2709.missing-indicators", "iso2709.bad-indicator", "iso2709.bad-indicator"])
        let record = out.records[1]
        let f245 = try #require(record.firstField("245"))
        #expect(Array(f245.indicators) == [0x20, 0x20])
        #expect(f245.value("a") == "No indicators at all /")
        let f260 = try #require(record.firstField("260"))
        #expect(Array(f260.indicators) == [0x20, 0x20])
        #expect(f260.value("b") == "Penerbit,")
        #expect(out.findings[1].recordOffset == 277 && out.findings[1].tag == "260")
    }

    @Test func badSubfieldCodes() throws {
        let out = try readFixture("bad-subfield-codes.mrc")
        #expect(out.records.count == 3)
        #expect(out.codes.filter { $0 == "iso2709.empty-subfield" }.count == 2)
        #expect(out.codes.filter { $0 == "iso2709.bad-subfield-code" }.count == 2)
        let f245 = try #require(out.records[1].firstField("245"))
        #expect(f245.subfields.map(\.codeCharacter) == ["a", "c"])
        #expect(f245.value("c") == "Anon.")
        // Odd codes are kept, not lost.
        let f650 = try #require(out.records[1].firstField("650"))
        #expect(f650.subfields.map(\.codeCharacter) == ["A", " "])
    }

    @Test func unrecoverableChunksAreSkippedNotFatal() throws {
        let out = try readFixture("unrecoverable-record.mrc")
        #expect(out.controlNumbers == ["kat00001", "kat00003"])
        #expect(out.skipped == 2)
        #expect(out.findings.allSatisfy { $0.severity == .error && $0.code == .strayBytes })
        #expect(out.findings.map(\.recordNumber) == [2, 3])
        #expect(out.findings.map(\.streamOffset) == [348, 369])
    }

    @Test func fieldTerminatorInsideAField() throws {
        let out = try readFixture("field-terminator-inside-field.mrc")
        #expect(out.records.count == 3)
        #expect(out.codes == ["iso2709.field-terminator-in-field"])
        let parts = out.records[1].fields("999")
        #expect(parts.map { $0.value("a") } == ["first", "second"])
    }

    @Test func blankLeaderPositions() throws {
        let out = try readFixture("bad-leader-10-11-20-23.mrc")
        #expect(out.records.count == 3)
        #expect(Set(out.codes) == ["iso2709.bad-indicator-count", "iso2709.bad-subfield-code-length",
            "iso2709.bad-entry-map"])
        let record = out.records[1]
        #expect(record.indicatorCount == 2 && record.subfieldCodeLength == 2)
        #expect(record.leaderByte(10) == UInt8(ascii: "2"))
        #expect(record.firstField("100")?.value("d") == "1925-2006.")
    }

    @Test func unimarcReadsLikeMARC21() throws {
        let out = try readFixture("unimarc.mrc")
        #expect(out.records.count == 2)
        #expect(out.findings.isEmpty)
        #expect(out.records[0].firstField("200")?.value("f") == "Andrea Hirata")
        #expect(out.records[0].leaderByte(9) == UInt8(ascii: " "))
    }

    @Test func junkBeforeTheFirstLeader() throws {
        let out = try readFixture("junk-before-leader.mrc")
        #expect(out.controlNumbers == ["kat00001", "kat00002"])
        #expect(out.codes == ["iso2709.junk-before-leader"])
    }

    @Test func indicatorCountFromFieldShapeWhenLeaderSaysOtherwise() throws {
        var bytes = try Paths.bytes(Paths.fixture("iso2709/good-three-records.mrc"))
        bytes[10] = UInt8(ascii: "0")
        bytes[11] = UInt8(ascii: "0")
        let out = try readISO(bytes)
        #expect(out.records.count == 3)
        #expect(out.records[0].indicatorCount == 2)
        #expect(out.records[0].firstField("245")?.value("c") == "Pramoedya Ananta Toer.")
        #expect(out.codes.contains("iso2709.bad-indicator-count"))
    }

    @Test func emptyInputHasNoRecordsAndNoFindings() throws {
        let out = try readISO([])
        #expect(out.records.isEmpty && out.findings.isEmpty)
    }

    @Test func hostileInputsNeverTrap() throws {
        // A spread of truncations and byte flips of a good file: the reader must always return.
        let good = try Paths.bytes(Paths.fixture("iso2709/good-three-records.mrc"))
        var generator = SystemRandomNumberGenerator()
        for cut in stride(from: 0, to: good.count, by: 37) {
            _ = try readISO(Array(good.prefix(cut)))
        }
        for _ in 0..<300 {
            var mutated = good
            for _ in 0..<8 {
                let i = Int.random(in: 0..<mutated.count, using: &generator)
                mutated[i] = [0x1D, 0x1E, 0x1F, 0x30, 0x39, 0x20, 0xFF, 0x00].randomElement(using: &generator)!
            }
            let out = try readISO(mutated)
            #expect(out.records.count + out.skipped >= 1)
        }
    }
}
