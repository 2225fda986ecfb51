import MARCRecord
import Testing
import Validate

@Test func theCleanRecordHasNoProblems() {
    #expect(problems(cleanRecord(), structure: true).isEmpty)
}

@Test func problemsNameTheRecordAndTheRule() throws {
    let r = replacing("245", in: cleanRecord(), indicators: "x4", subfields: [("a", "The catalogue.")])
    let p = try #require(problems(r).first { $0.rule == "marc21.indicator" })
    #expect(p.severity == .error)
    #expect(p.file == "t.mrc" && p.recordNumber == 1 && p.controlNumber == "t0001")
    #expect(p.tag == "245" && p.position == "ind1")
    #expect(p.textLine == "t.mrc:record 1 (001 t0001): 245 ind1: error: indicator 1 is 'x'; allowed: 0, 1 [marc21.indicator]")
}
