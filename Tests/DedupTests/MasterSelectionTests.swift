import Dedup
import MARCRecord
import Testing

@Suite struct MasterSelectionTests {
    typealias F = MemberFixtures

    @Test func fullLevelCatalogedRecordBeatsItsDublinCoreAndINLISLiteCopies() {
        let members = [
            F.member("SLIMS", "88", F.dublinCoreBook()),
            F.member("INLIS", "12345", F.inlisliteBook()),
            F.member("UI", "b1234567", F.fullBook()),
        ]
        let master = MasterSelection.master(of: members)
        #expect(master.map { members[$0].memberCode } == "UI")
        // And not by accident of order: every rotation elects the same record.
        for shift in 1..<members.count {
            let rotated = Array(members[shift...] + members[..<shift])
            #expect(MasterSelection.master(of: rotated).map { rotated[$0].memberCode } == "UI")
        }
    }

    @Test func dublinCoreOriginIsPenalisedEvenWhenItHasMoreFields() {
        let dc = F.member("SLIMS", "88", F.dublinCoreBook()).record
        let parts = MasterSelection.explain(dc).parts.map(\.reason)
        #expect(parts.contains("Dublin Core origin"))
        #expect(parts.contains("encoding level '3'"))
        // A plain record of the same thinness without the crosswalk's marks scores higher.
        var plain = dc
        plain.setLeaderByte(UInt8(ascii: "7"), at: 17)
        plain.setLeaderByte(UInt8(ascii: "a"), at: 18)
        plain.removeFields { $0.tag == "884" }
        #expect(MasterSelection.score(plain) > MasterSelection.score(dc) + 20)
    }

    @Test func anotherCrosswalksRecordIsKnownByIts884Alone() {
        var record = F.fullBook()
        #expect(!MasterSelection.explain(record).parts.contains { $0.reason == "Dublin Core origin" })
        record.appendDataField("884", subfields: [("a", "DCMI to MARC transformation"), ("g", "20200101")])
        #expect(MasterSelection.explain(record).parts.contains { $0.reason == "Dublin Core origin" })
    }

    @Test(arguments: [(" ", "1"), ("1", "4"), ("4", "7"), ("7", "5"), ("5", "8"), ("8", "3"), ("3", "u"), ("I", "K")])
    func encodingLevelsRankBestToWorst(better: String, worse: String) {
        var a = F.fullBook(), b = F.fullBook()
        a.setLeaderByte(UInt8(ascii: Unicode.Scalar(better)!), at: 17)
        b.setLeaderByte(UInt8(ascii: Unicode.Scalar(worse)!), at: 17)
        #expect(MasterSelection.score(a) > MasterSelection.score(b))
    }

    @Test func lowEncodingLevelMembersLoseToTheFullLevelCopy() {
        var abbreviated = F.fullBook(), unknown = F.fullBook()
        abbreviated.setLeaderByte(UInt8(ascii: "3"), at: 17)
        unknown.setLeaderByte(UInt8(ascii: "u"), at: 17)
        for i in 0..<3 { abbreviated.appendDataField("500", subfields: [("a", "Note \(i).")]) }
        let members = [F.member("A", "1", abbreviated), F.member("B", "2", unknown), F.member("C", "3", F.fullBook())]
        #expect(MasterSelection.master(of: members).map { members[$0].memberCode } == "C")
    }

    /// The documented trade-off: encoding level weighs most, but a bare full-level record (title and
    /// imprint only) does not beat a core-level one with a main entry, subjects, 040 and a classification.
    @Test func contentCanOutweighEncodingLevel() {
        var core = F.fullBook()
        core.setLeaderByte(UInt8(ascii: "4"), at: 17)
        let bare = F.record("00000nam a2200000 i 4500", [
            ("008", "190304s2018    io a          000 0 ind d"),
            ("245", "10$aSejarah kebudayaan Indonesia /$cR. Soekmono."),
            ("264", " 1$aJakarta :$bBalai Pustaka,$c2018."),
        ])
        let members = [F.member("A", "1", core), F.member("B", "2", bare)]
        #expect(MasterSelection.master(of: members).map { members[$0].memberCode } == "A")
    }

    @Test func titleInCapitalsOnlyIsPenalised() {
        let lower = F.fullBook()
        let upper = F.fullBook(title: "SEJARAH KEBUDAYAAN INDONESIA /")
        #expect(MasterSelection.score(lower) - MasterSelection.score(upper) == 15)
        // Short acronyms and caseless scripts are not shouting.
        for title in ["UUD /", "تاريخ اندونيسيا", "Sejarah UUD 1945 /"] {
            #expect(!MasterSelection.explain(F.fullBook(title: title)).parts.contains { $0.reason == "title in capitals only" })
        }
    }

    @Test func syntheticINLISLiteLeaderIsSeenAfterNormalization() {
        let inlis = F.member("INLIS", "12345", F.inlisliteBook()).record
        // The normalizer recomputed the zeros of length and base address: the raw template is gone.
        #expect(inlis.leader.description != "00000nam a2200000 a 4500")
        #expect(MasterSelection.explain(inlis).parts.contains { $0.reason == "synthetic INLISLite leader" })
        // The same leader positions on a catalogued record (040, a real 008) are not penalised.
        var catalogued = F.fullBook()
        catalogued.setLeaderByte(UInt8(ascii: "a"), at: 18)
        let normalized = F.member("UI", "1", catalogued).record
        #expect(normalized.leaderByte(17) == UInt8(ascii: " ") && normalized.leaderByte(18) == UInt8(ascii: "a"))
        #expect(!MasterSelection.explain(normalized).parts.contains { $0.reason == "synthetic INLISLite leader" })
    }

    @Test func provenanceFieldsDoNotCountTowardsTheScore() {
        let raw = F.fullBook()
        let stored = F.member("UI", "b1234567", raw).record
        // Provenance added 852 and two 035s, (UI)b1234567 and the replaced 003's (IdJaUI)b1234567, and
        // the isbn rule an ISBN-13 (which does count: it is description).
        #expect(stored.fields("852").count == 1)
        #expect(stored.fields("035").count == 2)
        let onlyProvenance = MasterSelection.explain(stored).parts.first { $0.reason.hasSuffix(" fields") }
        let extraISBNs = stored.fields("020").count - raw.fields("020").count
        #expect(onlyProvenance?.points == raw.fieldCount - 3 + extraISBNs)  // 001, 003, 005 not counted
    }

    @Test func tiesGoToTheLowestMemberKeyWhateverTheOrder() {
        let members = [
            F.member("UNAIR", "7", F.fullBook()),
            F.member("UGM", "9", F.fullBook()),
            F.member("UI", "3", F.fullBook()),
        ]
        #expect(Set(members.map { MasterSelection.score($0.record) }).count == 1)
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let shuffled = order.map { members[$0] }
            #expect(MasterSelection.master(of: shuffled).map { shuffled[$0].key } == "UGM:9")
        }
        #expect(MasterSelection.master(of: []) == nil)
        // A lone member is its master however it scores (it is not scored at all).
        #expect(MasterSelection.master(of: [F.member("SLIMS", "88", F.dublinCoreBook())]) == 0)
    }

    @Test func explanationAddsUpToTheScore() {
        for record in [F.fullBook(), F.dublinCoreBook(), F.inlisliteBook()] {
            let explained = MasterSelection.explain(record)
            #expect(explained.total == MasterSelection.score(record))
            #expect(explained.parts.count >= 2)
        }
    }
}
