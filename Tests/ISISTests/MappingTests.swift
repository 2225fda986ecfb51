import Charsets
import ISIS
import MARCRecord
import Testing

/// ISIS → MARC 21 through profiles, on records built here.
struct MappingTests {
    func map(_ profile: String, _ fields: [ISISRecord.Field], mfn: Int = 7, status: ISISRecord.Status = .active,
        encoding: ISISEncoding = .codePage(.cp850)) throws -> ISISMapper.Mapped
    {
        let mapper = ISISMapper(profile: try #require(ISISProfile.shipped(profile)), decoder: ISISTextDecoder(encoding),
            fileName: "t.mst")
        return mapper.map(ISISRecord(mfn: mfn, status: status, fields: .init(fields)))
    }

    func lines(_ record: MARCRecord) -> [String] {
        record.fields.map { f in
            f.isControlField ? "\(f.tag) \(f.value)"
                : "\(f.tag) \(String(decoding: f.indicators, as: UTF8.self))"
                    + f.subfields.map { "$\($0.codeCharacter)\($0.string)" }.joined()
        }
    }

    @Test func cdsFieldsMapWithProvenanceAndUnmappedInTheLocalField() throws {
        let out = try map("cds", [
            field(24, "<The> Controlled climate"), field(70, "Bosian, G."), field(70, "Other, A."),
            ISISRecord.Field(tag: 26, bytes: Array("^aParis^bUnesco^c1965".utf8)),
            ISISRecord.Field(tag: 50, bytes: [0x49, 0x6E, 0x63, 0x6C, 0x2E, 0x20, 0x82]),  // "Incl. é" in cp850
            field(69, "Paper on: <plant physiology><water>"), field(999, "^xodd"),
        ])
        #expect(lines(out.record) == [
            "001 cds7", "003 CDS", "035   $a(CDS)cds7", "100 1 $aBosian, G.", "245 04$aThe Controlled climate",
            "260   $aParis$bUnesco$c1965", "500   $aIncl. é", "653   $aplant physiology", "653   $awater",
            "700 1 $aOther, A.", "886 2 $2isis$a069$bPaper on:", "886 2 $2isis$a999$b$xodd",
        ])
        #expect(out.unmappedTags == [69, 999])
        #expect(out.record.leader.description.dropFirst(5).hasPrefix("nam a22"))
    }

    @Test func rawKeepsEveryFieldLosslessly() throws {
        let fields = [field(26, "^aParis^bUnesco"), field(24, "Title ^ caret^"), field(3000, ""), field(5, "x^Ay")]
        let out = try map("raw", fields)
        let locals = out.record.fields.filter { $0.tag == "886" }
        #expect(locals.count == fields.count)
        // The documented form rebuilds each ISIS field exactly: $b, then ^code value for the rest.
        for (local, original) in zip(locals, fields) {
            let subs = Array(local.subfields)
            #expect(subs[0].string == "isis" && subs[1].string == String(format3(original.tag)))
            var rebuilt = subs[2].string
            for s in subs.dropFirst(3) { rebuilt += "^\(s.codeCharacter)\(s.string)" }
            #expect(rebuilt == String(decoding: original.bytes, as: UTF8.self))
        }
        #expect(out.unmappedTags.isEmpty)
    }

    func format3(_ tag: Int) -> String { tag < 100 ? String(String(1000 + tag).dropFirst()) : String(tag) }

    @Test func isismarcReadsIndicatorsLeaderFieldsAndKeepsTheRecordsOwnNumber() throws {
        let out = try map("isismarc", [
            field(1, "42"), field(3, "Br-PaFDR"), field(8, "      s1987####bl"), field(245, "10^aTitle^cWho"),
            field(260, "##^aPlace"), field(902, "03-07-2008"), field(3006, "a"), field(3007, "m"), field(3017, "4"),
            field(3009, "#"), field(3008, "0741s1987"), field(1101, "^iabcd"), field(500, "##"),
        ], status: .logicallyDeleted, encoding: .codePage(.latin1))
        #expect(lines(out.record) == [
            "001 isis7", "003 ISIS", "008       s1987    bl", "035   $a(ISIS)isis7", "035   $a(Br-PaFDR)42",
            "245 10$aTitle$cWho", "260   $aPlace", "886 2 $2isis$a3008$b0741s1987", "886 2 $2isis$a1101$b$iabcd",
            "902   $a03-07-2008",
        ])
        let leader = out.record.leader.description
        #expect(Array(leader)[5] == "d")  // logically deleted
        #expect(String(Array(leader)[6...7]) == "am" && Array(leader)[17] == "4")
        #expect(out.unmappedTags == [3008, 1101])
        #expect(out.findings.contains { $0.code == .isisBadLeaderField && $0.tag == "3008" && $0.recordNumber == 7 })
    }

    @Test func lilacsCombinesTheJournalAndMapsValues() throws {
        let out = try map("lilacs", [
            field(6, "as"), field(12, "English title"), field(12, "Título"), field(30, "Dement. neuropsychol"),
            field(31, "3"), field(32, "4"), field(35, "1980-5764"), field(40, "Pt"), field(40, "Xx"),
            field(10, "Takada, L.^1Univ^pBrasil^rorg"),
        ], encoding: .utf8)
        let l = lines(out.record)
        #expect(Array(out.record.leader.description)[7] == "b")
        #expect(l.contains("773 0 $tDement. neuropsychol$x1980-5764$gv. 3$gn. 4"))
        #expect(l.contains("245 10$aEnglish title") && l.contains("246 31$aTítulo"))
        #expect(l.contains("041 0 $apor") && l.contains("886 2 $2isis$a040$bXx"))
        #expect(l.contains("100 1 $aTakada, L.$uUniv$uBrasil$eorg"))
        #expect(out.findings.contains { $0.code == .isisUnmappedValue })
    }

    @Test func undecodableBytesAreFindingsWithTheirTagAndMFN() throws {
        let out = try map("raw", [ISISRecord.Field(tag: 24, bytes: [0x41, 0xFF, 0x42])], mfn: 3, encoding: .utf8)
        let f = try #require(out.findings.first)
        #expect(f.code == .isisUndecodableBytes && f.tag == "024" && f.recordNumber == 3 && f.controlNumber == "isis3")
        #expect(out.record.fields.last?.subfields.map(\.string).last == "A\u{FFFD}B")
    }
}
