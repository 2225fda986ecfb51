import MARCRecord
import Testing
import Validate

@Test func leaderPositionsAreChecked() {
    var r = cleanRecord()
    r.setLeaderByte(UInt8(ascii: "x"), at: 5)
    r.setLeaderByte(UInt8(ascii: "3"), at: 10)
    r.setLeaderByte(UInt8(ascii: "9"), at: 22)
    let found = problems(r, structure: true).filter { $0.rule == "structure.leader" }
    #expect(found.compactMap(\.position) == ["/05", "/10", "/20"])
    #expect(found.allSatisfy { $0.tag == "LDR" && $0.severity == .error })
}

@Test func isoInputNeedsNumericLengths() {
    var r = cleanRecord()
    for i in 0..<5 { r.setLeaderByte(UInt8(ascii: " "), at: i) }
    let iso = Validator(families: [.structure], numericLengths: true)
    let xml = Validator(families: [.structure], numericLengths: false)
    let site = RecordSite(file: "t", recordNumber: 1, streamOffset: 100)
    #expect(iso.check(r, site: site).map(\.position) == ["/00"])
    #expect(iso.check(r, site: site).first?.offset == 100)
    #expect(xml.check(r, site: site).isEmpty)
}

@Test func leader09AgainstTheBytes() {
    var r = replacing("245", in: cleanRecord(), indicators: "14", subfields: [("a", "The café /")])
    r.setLeaderByte(UInt8(ascii: " "), at: 9)
    #expect(problems(r, structure: true).contains { $0.rule == "structure.encoding" && $0.position == "/09" })
}

@Test func readerFindingsBecomeStructureProblems() {
    let validator = Validator(families: [.structure], numericLengths: true)
    let finding = Finding(.warning, "iso2709.length-mismatch", "record length 99 but 98", action: "repaired",
        file: "f.mrc", recordNumber: 3, controlNumber: "x1", streamOffset: 500, recordOffset: 0, tag: "LDR")
    let p = validator.problem(from: finding)
    #expect(p?.rule == "structure.length-mismatch" && p?.offset == 500 && p?.recordNumber == 3)
    #expect(validator.problem(from: Finding(.info, "charset.unencodable", "note")) == nil)
    #expect(Validator(families: [.marc21], numericLengths: true).problem(from: finding) == nil)
}
