import KatalogIO
import MARCRecord
import MARCText
import Testing
import _KatalogTestSupport

/// Reading well-formed MARC-in-JSON in each layout.
@Suite struct MARCJSONReaderTests {
    static let fixtures = ["good.ndjson", "array.json", "single.json", "broken-line.ndjson"]

    @Test func ndjsonArrayAndSingleObjectReadToTheSameRecords() throws {
        let ndjson = try readJSON(fixture("good.ndjson"))
        let array = try readJSON(fixture("array.json"))
        let single = try readJSON(fixture("single.json"))
        #expect(ndjson.findings.isEmpty && array.findings.isEmpty && single.findings.isEmpty)
        #expect(ndjson.records == Sample.records)
        #expect(array.records == Sample.records)
        #expect(single.records == [Sample.records[0]])
        // Equality ignores the leader positions a writer computes; the text must match too.
        #expect(ndjson.records.map(\.lines) == Sample.records.map(\.lines))
        #expect(array.records[1].firstField("245")?.value("b") == "price $25 {approx.} C:\\path 📚")
        #expect(single.records[0].firstField("245")?.value("a") == "Café and 日本語 /")
    }

    @Test(arguments: fixtures)
    func sameResultForEveryChunkSize(fixture name: String) throws {
        let bytes = try fixture(name)
        let whole = try readJSON(bytes, chunkSize: bytes.count, name: name)
        #expect(whole.records.count > 0)
        for size in [1, 7, 4096] {
            let chunked = try readJSON(bytes, chunkSize: size, name: name)
            #expect(chunked.records == whole.records, "chunk size \(size)")
            #expect(chunked.records.map(\.lines) == whole.records.map(\.lines), "chunk size \(size)")
            #expect(chunked.findings == whole.findings, "chunk size \(size)")
        }
    }

    @Test func everyEscapeIsDecoded() throws {
        let json = #"{"leader":"00000nam a2200000 a 4500","fields":[{"500":{"ind1":" ","ind2":" ","subfields":["#
            + #"{"a":"q\"b\\s\/ c\b\f\n\r\t e\u00e9\u00E9 j\u65e5 book\ud83d\udcda end"}]}}]}"#
        let out = try readJSON(json)
        #expect(out.findings.isEmpty)
        let value = try #require(out.records.first?.firstField("500")?.subfields.map(\.value).first)
        let expected: [UInt8] = Array("q\"b\\s/ c".utf8) + [0x08, 0x0C, 0x0A, 0x0D, 0x09]
            + Array(" e".utf8) + [0xC3, 0xA9, 0xC3, 0xA9] + Array(" j".utf8) + [0xE6, 0x97, 0xA5]
            + Array(" book".utf8) + [0xF0, 0x9F, 0x93, 0x9A] + Array(" end".utf8)
        #expect(Array(value) == expected)
    }

    @Test func keysInAnyOrderAndWhitespaceAnywhere() throws {
        let json = """
            \u{FEFF}  {"fields" : [ {"245" : {"subfields" : [ {"a" : "T"} ] , "ind2" : "4" , "ind1" : "1"}} ,
              {"001":"x1"} ] ,
             "leader" : "00000nam a2200000 a 4500" }
            """
        let out = try readJSON(json)
        #expect(out.findings.isEmpty)
        let record = try #require(out.records.first)
        #expect(record.lines == ["00000nam a2200000 a 4500", "245 14$aT", "001 x1"])
    }

    @Test func objectsOneAfterAnotherAndSeveralArrays() throws {
        let one = #"{"leader":"00000nam a2200000 a 4500","fields":[{"001":"a"}]}"#
        let two = #"{"leader":"00000nam a2200000 a 4500","fields":[{"001":"b"}]}"#
        let out = try readJSON("\(one)\(two)\n[\(one),\(two)][]\n\(one)")
        #expect(out.findings.isEmpty)
        #expect(out.controlNumbers == ["a", "b", "a", "b", "a"])
    }

    @Test func emptyInputsGiveNoRecordsAndNoFindings() throws {
        for text in ["", "\n\n", "[]", "[ \n ]\n", "\u{FEFF}"] {
            let out = try readJSON(text)
            #expect(out.records.isEmpty && out.findings.isEmpty, "\(text.debugDescription)")
        }
    }

    @Test func yazExtraIndicatorsWidenTheContent() throws {
        let json = #"{"leader":"00000nam0 32000000  450 ","fields":[{"200":{"ind1":"1","ind2":" ","ind3":"9","#
            + #""subfields":[{"a":"T"}]}}]}"#
        let out = try readJSON(json)
        #expect(out.findings.isEmpty)
        let record = try #require(out.records.first)
        #expect(record.indicatorCount == 3)
        #expect(Array(try #require(record.firstField("200")).content) == Array("1 9\u{1F}aT".utf8))
    }

    @Test func bytesConsumedReachesTheEnd() throws {
        let bytes = try fixture("array.json")
        var reader = MARCJSONReader(source: MemoryByteSource(bytes, chunkSize: 100), fileName: "array.json",
            chunkSize: 100)
        var seen: [Int64] = []
        while try reader.next() != nil { seen.append(reader.bytesConsumed) }
        #expect(seen.count == 3)
        #expect(seen == seen.sorted() && seen[0] > 0)
        #expect(reader.bytesConsumed == Int64(bytes.count))
        #expect(reader.recordsSkipped == 0)
    }

    @Test func strictModeReadsCleanInput() throws {
        for name in ["good.ndjson", "array.json", "single.json"] {
            let out = try readJSON(fixture(name), mode: .strict, name: name)
            #expect(out.records.count == (name == "single.json" ? 1 : 3))
        }
    }
}
