import KatalogIO
import MARCRecord
import MARCText
import Testing
import _KatalogTestSupport

/// One record object with the given members after the leader.
private func object(_ fields: String, leader: String = #""leader":"00000nam a2200000 a 4500","#) -> String {
    #"{\#(leader)"fields":[{"001":"r1"}\#(fields.isEmpty ? "" : ",")\#(fields)]}"#
}

/// Every lenient repair of the MARC-in-JSON reader: what it found, where, and what the record holds after.
@Suite struct MARCJSONRepairTests {
    @Test func missingLeaderGetsTheStructuralBlankLeader() throws {
        let out = try readJSON(#"{"fields":[{"001":"r1"}]}"#)
        #expect(out.codes == ["json.missing-leader"])
        #expect(out.records.first?.lines == ["00000     2200000   4500", "001 r1"])
        let f = try #require(out.findings.first)
        #expect(f.severity == .warning && f.tag == "LDR" && f.controlNumber == "r1" && f.recordNumber == 1)
    }

    @Test(arguments: [
        ("00000nam a2200000 a 450", "00000nam a2200000 a 450 ", "padded with blanks to 24"),
        ("00000nam a2200000 a 4500xx", "00000nam a2200000 a 4500", "cut to 24"),
    ])
    func leaderOfTheWrongLengthIsFitted(leader: String, fitted: String, action: String) throws {
        let out = try readJSON(object("", leader: #""leader":"\#(leader)","#))
        #expect(out.codes == ["json.bad-leader"])
        #expect(out.findings.first?.action == action)
        #expect(out.findings.first?.recordOffset == 10)
        #expect(out.records.first?.lines.first == fitted)
    }

    @Test func leaderThatIsNotAStringIsReplaced() throws {
        let out = try readJSON(#"{"leader":42,"fields":[]}"#)
        #expect(out.codes == ["json.bad-leader", "json.missing-leader"])
        #expect(out.records.count == 1)
    }

    @Test func tagOfTheWrongLengthDropsTheFieldOnly() throws {
        let out = try readJSON(object(
            #"{"24":"x"},{"2450":"y"},{"500":{"ind1":" ","ind2":" ","subfields":[{"a":"kept"}]}}"#))
        #expect(out.codes == ["json.bad-tag", "json.bad-tag"])
        #expect(out.findings.allSatisfy { $0.severity == .error && $0.action == "field dropped" })
        #expect(out.records.first?.lines.dropFirst() == ["001 r1", "500   $akept"])
    }

    @Test func oddTagIsKeptAndReported() throws {
        let out = try readJSON(object(#"{"2#5":{"ind1":" ","ind2":" ","subfields":[{"a":"x"}]}}"#))
        #expect(out.codes == ["json.bad-tag"])
        #expect(out.findings.first?.severity == .warning && out.findings.first?.tag == "2#5")
        #expect(out.records.first?.fieldCount == 2)
    }

    @Test func badIndicatorsBecomeBlanks() throws {
        let fields = [
            #"{"100":{"ind2":"0","subfields":[{"a":"no ind1"}]}}"#,
            #"{"245":{"ind1":"10","ind2":"","subfields":[{"a":"two bytes, empty"}]}}"#,
            #"{"246":{"ind1":"á","ind2":{},"subfields":[{"a":"multibyte, object"}]}}"#,
            #"{"247":{"ind1":1,"ind2":"3","subfields":[{"a":"number"}]}}"#,
        ]
        let out = try readJSON(object(fields.joined(separator: ",")))
        #expect(out.codes == ["json.bad-indicator", "json.bad-indicator", "json.bad-indicator", "json.bad-indicator",
            "json.bad-indicator", "json.non-string-value"])
        #expect(out.findings.map(\.tag) == ["100", "245", "245", "246", "246", "247"])
        #expect(out.records.first?.fields.map { Array($0.indicators) } == [
            [], Array(" 0".utf8), Array("  ".utf8), Array("  ".utf8), Array("13".utf8),
        ])
        #expect(out.findings[3].message.contains("\"á\" (2 bytes)"))
    }

    @Test func subfieldWithoutCodeIsDroppedAndTheOthersKept() throws {
        let out = try readJSON(object(
            #"{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"T"},{"":"lost"},{"c":"C"}]}}"#))
        #expect(out.codes == ["json.empty-subfield-code"])
        let f = try #require(out.findings.first)
        #expect(f.severity == .error && f.message.contains("lost") && f.tag == "245")
        #expect(out.records.first?.lines.last == "245 10$aT$cC")
    }

    @Test func unusualSubfieldCodesAreKept() throws {
        let out = try readJSON(object(#"{"245":{"ind1":"1","ind2":"0","subfields":[{"A":"upper"},{"ab":"long"}]}}"#))
        #expect(out.codes == ["json.unusual-subfield-code", "json.unusual-subfield-code"])
        #expect(out.findings.map(\.severity) == [.info, .warning])
        #expect(out.records.first?.lines.last == "245 10$Aupper$ablong")
    }

    @Test func nonStringValuesAreTakenAsText() throws {
        let out = try readJSON(object(#"{"005":20240101},"#
            + #"{"500":{"ind1":" ","ind2":" ","subfields":[{"a":12.5},{"b":null},{"c":true}]}}"#))
        #expect(out.codes == ["json.non-string-value", "json.non-string-value", "json.non-string-value",
            "json.non-string-value"])
        #expect(out.records.first?.lines.dropFirst(2) == ["005 20240101", "500   $a12.5$b$ctrue"])
    }

    @Test func unknownAndDuplicateKeysAreReported() throws {
        let json = #"{"leader":"00000nam a2200000 a 4500","_id":{"x":[1,2]},"fields":[{"001":"r1"},"#
            + #"{"500":{"ind1":" ","ind1":"9","ind2":" ","note":"?","subfields":[{"a":"x"}]}}],"#
            + #""leader":"ignored","fields":[{"999":{"ind1":" ","ind2":" ","subfields":[{"a":"more"}]}}]}"#
        let out = try readJSON(json)
        #expect(out.codes == ["json.unknown-key", "json.duplicate-key", "json.unknown-key", "json.duplicate-key",
            "json.duplicate-key"])
        #expect(out.records.first?.lines == ["00000nam a2200000 a 4500", "001 r1", "500   $ax", "999   $amore"])
    }

    @Test func fieldKindsThatDoNotMatchTheirTagAreKept() throws {
        let out = try readJSON(object(#"{"008":{"ind1":"0","ind2":"0","subfields":[{"a":"x"}]}},{"245":"plain"}"#))
        #expect(out.codes == ["json.field-kind-mismatch", "json.field-kind-mismatch"])
        #expect(out.records.first?.fields.map { Array($0.content) } == [
            Array("r1".utf8), Array("00\u{1F}ax".utf8), Array("plain".utf8),
        ])
    }

    @Test func entriesOfTheWrongShapeAreDropped() throws {
        let fields = [
            #""just a string""#, #"{}"#, #"{"500":["x"]}"#, #"{"501":{"ind1":" ","ind2":" ","subfields":"x"}}"#,
            #"{"502":{"ind1":" ","ind2":" ","subfields":["x",{},{"a":["y"]},{"a":"ok","b":"also"}]}}"#,
            #"{"503":{"ind1":" ","ind2":" "}}"#,
        ]
        let out = try readJSON(object(fields.joined(separator: ",")))
        #expect(out.codes == ["json.bad-field", "json.bad-field", "json.bad-field", "json.bad-subfield",
            "json.bad-subfield", "json.bad-subfield", "json.bad-subfield", "json.bad-subfield",
            "json.missing-subfields"])
        #expect(out.records.first?.lines.dropFirst() == ["001 r1", "501   ", "502   $aok$balso", "503   "])
    }

    @Test func severalTagsInOneFieldObjectAreSeveralFields() throws {
        let out = try readJSON(object(#"{"003":"A","005":"B"}"#))
        #expect(out.codes == ["json.several-fields-in-one-object"])
        #expect(out.records.first?.lines.dropFirst() == ["001 r1", "003 A", "005 B"])
    }

    @Test func recordWhoseFieldsAreNotAnArrayIsSkipped() throws {
        let out = try readJSON(#"{"leader":"00000nam a2200000 a 4500","fields":{"001":"x"}}"# + "\n"
            + #"{"record":[["001","x"]]}"# + "\n" + object(""))
        #expect(out.codes == ["json.bad-fields", "json.unknown-key", "json.missing-fields"])
        #expect(out.findings.map(\.recordNumber) == [1, 2, 2])
        #expect(out.findings.filter { $0.severity == .error }.allSatisfy { $0.action == "record skipped" })
        #expect(out.records.count == 1 && out.skipped == 2)
    }

    @Test func recordWithoutFieldsKeyIsKeptEmpty() throws {
        let out = try readJSON(#"{"leader":"00000nam a2200000 a 4500"}"#)
        #expect(out.codes == ["json.missing-fields"])
        #expect(out.records.first?.fieldCount == 0)
    }

    @Test func stringRepairs() throws {
        let json = object(#"{"500":{"ind1":" ","ind2":" ","subfields":[{"a":"bad \q, half \ud83d, raw "#
            + "\u{01}" + #" and \uZZ12"}]}}"#)
        let out = try readJSON(json)
        #expect(out.codes == ["json.bad-escape", "json.lone-surrogate", "json.raw-control-character",
            "json.bad-escape"])
        #expect(out.findings.allSatisfy { $0.tag == "500" && $0.severity == .warning })
        let value = try #require(out.records.first?.firstField("500")?.subfields.map(\.value).first)
        #expect(Array(value) == Array("bad \\q, half \u{FFFD}, raw \u{01} and \\uZZ12".utf8))
        // Offsets point at the escape itself.
        let first = try #require(out.findings.first)
        #expect(json.utf8.dropFirst(first.recordOffset!).starts(with: #"\q"#.utf8))
        #expect(first.streamOffset == Int64(first.recordOffset!))
    }

    @Test func structureBytesInStringsAreKeptAndReported() throws {
        let out = try readJSON(object(#"{"005":"a\u001fb"},"#
            + #"{"500":{"ind1":" ","ind2":" ","subfields":[{"a":"x\u001Fy\u001ez"}]}}"#))
        #expect(out.codes == ["json.structure-byte", "json.structure-byte", "json.structure-byte"])
        #expect(out.findings.map(\.tag) == ["005", "500", "500"])
        #expect(out.findings[0].message == "\\x1F (the subfield delimiter) in a string")
        #expect(out.findings[2].message == "\\x1E (the field terminator) in a string")
        let record = try #require(out.records.first)
        #expect(Array(record.fields[1].content) == Array("a\u{1F}b".utf8))
        // In a subfield value the delimiter starts a new subfield, exactly as it would in ISO 2709.
        #expect(record.fields[2].subfields.map(\.string) == ["x", "\u{1E}z"])
    }

    @Test func malformedLineInNDJSONCostsThatLineOnly() throws {
        for size in [1, 7, 4096] {
            let out = try readJSON(fixture("broken-line.ndjson"), chunkSize: size, name: "broken-line.ndjson")
            #expect(out.controlNumbers == ["kat00001", "kat00002", "kat00003"])
            #expect(out.codes == ["json.syntax", "json.junk"])
            #expect(out.skipped == 1)
            let syntax = out.findings[0]
            #expect(syntax.recordNumber == 2 && syntax.severity == .error && syntax.action == "record skipped")
            #expect(syntax.message.hasPrefix("malformed JSON at line 2, column 61"))
            let lineOne = try fixture("broken-line.ndjson").firstIndex(of: 0x0A)!
            #expect(syntax.streamOffset == Int64(lineOne + 1 + 60))
            #expect(syntax.recordOffset == 60)
            let junk = out.findings[1]
            #expect(junk.message.contains("line 4") && junk.message.contains("not json at all"))
        }
    }

    @Test func cutLineBeforeARecordThatStartsWithFields() throws {
        let text = #"{"leader":"00000nam a2200000 a 4500","fields":[{"245":{"ind1":"1""# + "\n"
            + #"{"fields":[{"001":"b"}],"leader":"00000nam a2200000 a 4500"}"# + "\n"
        for size in [1, 4096] {
            let out = try readJSON(text, chunkSize: size)
            #expect(out.controlNumbers == ["b"] && out.codes == ["json.syntax"], "chunk size \(size)")
            #expect(out.findings.first?.message.hasPrefix("malformed JSON at line 1, column 66") == true)
        }
    }

    @Test func fieldObjectsAtTheStartOfALineDoNotCutARecord() throws {
        let text = "{\"leader\":\"00000nam a2200000 a 4500\",\"fields\":[\n{\"001\":\"a\"},\n"
            + "{\"245\":{\"ind1\":\"1\",\"ind2\":\"0\",\"subfields\":[{\"a\":\"T\"}]}}\n]}\n"
        let out = try readJSON(text, chunkSize: 1)
        #expect(out.findings.isEmpty)
        #expect(out.records.first?.lines == ["00000nam a2200000 a 4500", "001 a", "245 10$aT"])
    }

    @Test func malformedRecordInAnArrayEndsTheDocument() throws {
        let good = #"{"leader":"00000nam a2200000 a 4500","fields":[{"001":"a"}]}"#
        let bad = #"{"leader":"00000nam a2200000 a 4500","fields":[{"001":"b"} {"005":"x"}]}"#
        let out = try readJSON("[\n\(good),\n\(bad),\n\(good)\n]")
        #expect(out.controlNumbers == ["a"])
        #expect(out.codes == ["json.syntax"])
        let f = try #require(out.findings.first)
        #expect(f.recordNumber == 2 && f.action == "rest of the document skipped")
        #expect(f.message.hasPrefix("malformed JSON at line 3, column 60"))
    }

    @Test func arrayProblemsBetweenRecords() throws {
        let r = #"{"leader":"00000nam a2200000 a 4500","fields":[]}"#
        let missingComma = try readJSON("[\(r)\n\(r)]")
        #expect(missingComma.records.count == 2 && missingComma.codes == ["json.syntax"])
        #expect(missingComma.findings.first?.severity == .warning)
        let broken = try readJSON("[\(r), 42, \(r)]")
        #expect(broken.records.count == 1 && broken.codes == ["json.syntax"])
        #expect(broken.findings.first?.action == "rest of the document skipped")
        let unclosed = try readJSON("[\(r),\n\(r)\n")
        #expect(unclosed.records.count == 2 && unclosed.codes == ["json.unclosed-array"])
    }

    @Test func truncatedInputReportsTheCut() throws {
        let out = try readJSON(#"{"leader":"00000nam a2200000 a 4500","fields":[{"001":"a"}"#)
        #expect(out.records.isEmpty && out.codes == ["json.syntax"])
        #expect(out.findings.first?.message.contains("end of the record") == true)
    }

    @Test func recordOverTheLimitIsSkipped() throws {
        let long = String(repeating: "x", count: 500)
        let big = object(#"{"500":{"ind1":" ","ind2":" ","subfields":[{"a":"\#(long)"}]}}"#)
        let small = #"{"leader":"00000nam a2200000 a 4500","fields":[{"001":"small"}]}"#
        var reader = MARCJSONReader(source: MemoryByteSource(Array("\(big)\n\(small)\n".utf8)), maxRecordBytes: 200)
        let out = try readAll(&reader)
        #expect(out.controlNumbers == ["small"])
        #expect(out.codes.first == "json.record-too-large")
    }

    @Test(arguments: [
        (#"{"fields":[{"001":"x"}]}"#, "json.missing-leader"),
        (#"{"leader":"00000nam a2200000 a 450","fields":[]}"#, "json.bad-leader"),
        (#"{"leader":"00000nam a2200000 a 4500","fields":[{"24":"x"}]}"#, "json.bad-tag"),
        (#"{"leader":"00000nam a2200000 a 4500","fields":[{"245":{"ind1":"10","ind2":" ","subfields":[]}}]}"#,
            "json.bad-indicator"),
        (#"{"leader":"00000nam a2200000 a 4500","fields":[{"245":{"ind1":" ","ind2":" ","subfields":[{"":"x"}]}}]}"#,
            "json.empty-subfield-code"),
        (#"{"leader":"00000nam a2200000 a 4500","x":1,"fields":[]}"#, "json.unknown-key"),
        ("{\"leader\":\"00000nam a2200000 a 4500\",\"fields\":[{\"001\":\"\u{01}\"}]}", "json.raw-control-character"),
        (#"{"leader":"00000nam a2200000 a 4500","fields":[{"001":"a\u001f"}]}"#, "json.structure-byte"),
        (#"{"leader":"00000nam a2200000 a 4500","fields":[{"001":"a"}"#, "json.syntax"),
    ])
    func strictModeStopsAtTheFirstProblem(json: String, code: String) throws {
        do {
            _ = try readJSON("\n" + json, mode: .strict)
            Issue.record("strict mode read \(json) without stopping")
        } catch let error as ReadError {
            #expect(error.kind == .strictStop)
            #expect(error.finding.code.rawValue == code)
            #expect(error.finding.recordNumber == 1)
            #expect(error.finding.file == "test.json")
            #expect((error.finding.streamOffset ?? 0) >= 1)
        }
    }

    @Test func strictModeLetsInformationPass() throws {
        let out = try readJSON(object(#"{"245":{"ind1":"1","ind2":"0","subfields":[{"A":"upper"}]}}"#), mode: .strict)
        #expect(out.records.count == 1 && out.findings.map(\.severity) == [.info])
    }
}
