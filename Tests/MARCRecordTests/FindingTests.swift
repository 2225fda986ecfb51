import Foundation
import Testing
@testable import MARCRecord

@Suite struct FindingLineTests {
    @Test func fullLine() {
        let finding = Finding(
            .warning, "iso2709.length-in-characters", "record length counts characters, not bytes",
            action: "repaired from the terminators", file: "in.mrc", recordNumber: 3, controlNumber: "kat00003",
            streamOffset: 1234, recordOffset: 5, tag: "LDR")
        #expect(
            finding.line
                == "in.mrc:record 3 (001 kat00003) offset 1234 (+5): LDR: warning: record length counts characters, not bytes; repaired from the terminators [iso2709.length-in-characters]"
        )
    }

    @Test func minimalLineUsesDashForTheFile() {
        let finding = Finding(.error, "io.read", "cannot read")
        #expect(finding.line == "-: error: cannot read [io.read]")
    }

    @Test func missingPartsAreLeftOut() {
        let noControlNumber = Finding(
            .info, "iso2709.note", "just saying", file: "a.mrc", recordNumber: 1, streamOffset: 0, recordOffset: 0)
        #expect(noControlNumber.line == "a.mrc:record 1 offset 0 (+0): info: just saying [iso2709.note]")

        let emptyControlNumber = Finding(
            .info, "iso2709.note", "just saying", file: "a.mrc", recordNumber: 1, controlNumber: "")
        #expect(emptyControlNumber.line == "a.mrc:record 1: info: just saying [iso2709.note]")

        // Without a stream offset (formats with no byte positions, such as MARCXML), the offset in the
        // record still says where the problem is.
        let recordOffsetOnly = Finding(.warning, "x.y", "m", file: "f", recordOffset: 9, tag: "245")
        #expect(recordOffsetOnly.line == "f record offset 9: 245: warning: m [x.y]")

        let streamOffsetOnly = Finding(.warning, "x.y", "m", action: "kept as is", file: "f", streamOffset: 77)
        #expect(streamOffsetOnly.line == "f offset 77: warning: m; kept as is [x.y]")

        let noRecordNumber = Finding(.error, "x.y", "m", file: "-", controlNumber: "123", tag: "DIR")
        #expect(noRecordNumber.line == "- (001 123): DIR: error: m [x.y]")
    }

    @Test func readErrorDescribesItselfWithTheLine() {
        let finding = Finding(.error, "iso2709.truncated", "record cut short", file: "t.mrc", recordNumber: 2)
        let error = ReadError(.strictStop, finding)
        #expect(error.description == "t.mrc:record 2: error: record cut short [iso2709.truncated]")
        #expect(error.kind == .strictStop)
    }
}

@Suite struct FindingCodingTests {
    @Test func jsonRoundTrip() throws {
        let finding = Finding(
            .warning, "iso2709.bad-indicator", "indicator 1 is \\x1F", action: "replaced by a blank",
            file: "in.mrc", recordNumber: 12, controlNumber: "kat00012", streamOffset: 9_000_000_000,
            recordOffset: 317, tag: "245")
        let data = try JSONEncoder().encode(finding)
        let decoded = try JSONDecoder().decode(Finding.self, from: data)
        #expect(decoded == finding)
        #expect(decoded.streamOffset == 9_000_000_000)
    }

    @Test func codeAndSeverityEncodeAsPlainStrings() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Finding(.error, "iso2709.bad-indicator", "m", recordNumber: 4))
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""code":"iso2709.bad-indicator""#))
        #expect(json.contains(#""severity":"error""#))
        // Absent parts are left out rather than written as null.
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["code", "message", "recordNumber", "severity"])
    }

    @Test func decodesHandWrittenJSON() throws {
        let json = #"{"severity":"info","code":"mrk.blank-line","message":"blank line","file":"x.mrk","tag":"LDR"}"#
        let finding = try JSONDecoder().decode(Finding.self, from: Data(json.utf8))
        #expect(finding == Finding(.info, "mrk.blank-line", "blank line", file: "x.mrk", tag: "LDR"))
        #expect(finding.code.rawValue == "mrk.blank-line")
        #expect(finding.recordNumber == nil)
    }

    @Test func rejectsAnUnknownSeverity() {
        let json = #"{"severity":"fatal","code":"a.b","message":"m"}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Finding.self, from: Data(json.utf8))
        }
    }

    @Test func findingCodeAlone() throws {
        let code: FindingCode = "iso2709.directory-off-by-one"
        #expect(code.rawValue == "iso2709.directory-off-by-one")
        #expect(code.description == "iso2709.directory-off-by-one")
        #expect(code == FindingCode(rawValue: "iso2709.directory-off-by-one"))
        let data = try JSONEncoder().encode([code])
        #expect(String(decoding: data, as: UTF8.self) == #"["iso2709.directory-off-by-one"]"#)
        #expect(try JSONDecoder().decode([FindingCode].self, from: data) == [code])
    }
}

@Suite struct SeverityTests {
    @Test func ordering() {
        #expect(Finding.Severity.info < .warning)
        #expect(Finding.Severity.warning < .error)
        #expect(Finding.Severity.info < .error)
        #expect(!(Finding.Severity.error < .error))
        #expect([Finding.Severity.error, .info, .warning].sorted() == [.info, .warning, .error])
        #expect([Finding.Severity.warning, .error, .info].max() == .error)
    }

    @Test func rawValues() {
        #expect(Finding.Severity.allCases.map(\.rawValue) == ["info", "warning", "error"])
    }
}
