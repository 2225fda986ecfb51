import Dedup
import ISO2709
import KatalogIO
import MARCRecord
import struct MARCRecord.Tag
import Testing
import _KatalogTestSupport

@Suite struct MergedRecordBuilderTests {
    typealias F = MemberFixtures

    /// Four members of one cluster: the UI record (the master), a UGM copy with other identifiers and
    /// two call numbers, the SLiMS Dublin Core record and the INLISLite synthetic record.
    static var members: [ClusterMember] {
        var ugm = F.fullBook(isbn: "9794071234")
        ugm.appendDataField("022", subfields: [("a", "0126-0537")])
        ugm.appendDataField("035", subfields: [("a", "(OCoLC)ocm00012345")])
        ugm.appendDataField("852", subfields: [("b", "Perpustakaan Pusat"), ("h", "959.8 SOE s"), ("8", "9\\x")])
        ugm.appendDataField("852", subfields: [("b", "FIB"), ("h", "959.8 SOE s c.2")])
        var ui = F.fullBook()
        ui.appendDataField("035", subfields: [("a", "(OCoLC)12345")])
        ui.appendDataField("022", subfields: [("a", "0126 0537")])
        ui.insertField("090", content: MARCRecord.dataFieldContent(indicators: "  ", subfields: [("a", "959.8"), ("b", "SOE s")]),
            at: ui.fields.firstIndex { $0.tag > "090" }!)
        return [
            F.member("UI", "b1234567", ui, datestamp: "2023-02-01T08:00:00Z"),
            F.member("UGM", "000123", ugm, datestamp: "2024-11-30T23:59:59Z"),
            F.member("SLIMS", "88", F.dublinCoreBook(), datestamp: "2021-06-01"),
            F.member("INLIS", "12345", F.inlisliteBook(), datestamp: nil),
        ]
    }

    static func bytes(_ record: MARCRecord) throws -> [UInt8] {
        let (bytes, findings) = try writeISO([record])
        #expect(findings.isEmpty)
        return bytes
    }

    static func build(_ members: [ClusterMember]) -> MARCRecord {
        MergedRecordBuilder(unionAgency: "IdJaKAT").build(clusterID: "kat0000042", members: members)!
    }

    @Test func everyOrderOfTheMembersGivesTheSameBytes() throws {
        let members = Self.members
        let reference = try Self.bytes(Self.build(members))
        var orders: [[Int]] = []
        func permute(_ prefix: [Int], _ rest: [Int]) {
            if rest.isEmpty { orders.append(prefix) }
            for (i, x) in rest.enumerated() { permute(prefix + [x], rest.enumerated().filter { $0.offset != i }.map(\.element)) }
        }
        permute([], Array(members.indices))
        #expect(orders.count == 24)
        for order in orders {
            #expect(try Self.bytes(Self.build(order.map { members[$0] })) == reference, "order \(order)")
        }
    }

    @Test func controlFieldsNameTheClusterNotAMember() throws {
        let record = Self.build(Self.members)
        #expect(record.fields("001").map(\.value) == ["kat0000042"])
        #expect(record.fields("003").map(\.value) == ["IdJaKAT"])
        // 005 is the latest member datestamp (UGM's), never the clock and never the master's own 005.
        #expect(record.fields("005").map(\.value) == ["20241130235959.0"])
        #expect(Array(record.fields.prefix(3).map(\.tag)) == ["001", "003", "005"])
        // The members' 001 values appear only inside their 035s, and no member 003 survives.
        for field in record.fields where field.tag != "035" {
            for id in ["b1234567", "INLIS000000000012345", "192.168.1.20"] {
                #expect(!field.value.contains(id), "\(field.tag) \(field.value)")
            }
        }
    }

    @Test func theMastersDescriptionIsKeptFieldForField() throws {
        let members = Self.members
        let record = Self.build(members)
        let master = members[0].record  // UI: full level, 040, subjects, classification, 090
        let replaced: Set<Tag> = ["001", "003", "005", "020", "022", "035", "852"]
        let kept = record.fields.filter { !replaced.contains($0.tag) }.map { "\($0.tag) \($0.value)" }
        let expected = master.fields.filter { !replaced.contains($0.tag) }.map { "\($0.tag) \($0.value)" }
        #expect(kept == expected)
        #expect(record.leaderByte(17) == UInt8(ascii: " "))
        // Nothing of the Dublin Core record's description came along.
        #expect(record.fields("884").isEmpty)
    }

    @Test func identifiersAreTheUnionCountedOnceEach() throws {
        let record = Self.build(Self.members)
        // ISBN-10 9794071231 written three ways by three members, its ISBN-13 added by the isbn rule,
        // INLISLite's packed pair split by it: two distinct ISBNs in all.
        #expect(record.fields("020").map { $0.value("a") } == ["9794071234", "9789794071236"])
        #expect(record.fields("022").map { $0.value("a") } == ["0126-0537"])
        let systemNumbers = record.fields("035").map { $0.value("a")! }
        #expect(systemNumbers == [
            "(INLIS)12345", "(SLIMS)88", "(UGM)000123", "(UI)b1234567",
            "(OCoLC)12345", "(IdJaUI)b1234567", "(192.168.1.20)INLIS000000000012345",
        ])
        #expect(Set(systemNumbers).count == systemNumbers.count)
    }

    @Test func oneLinked035AndTheMembersOwn852sPerMemberRecord() throws {
        let record = Self.build(Self.members)
        let links = ["INLIS": "1\\u", "SLIMS": "2\\u", "UGM": "3\\u", "UI": "4\\u"]
        for (code, link) in links {
            let own035 = record.fields("035").filter { $0.value("a")?.hasPrefix("(\(code))") == true }
            #expect(own035.count == 1)
            #expect(own035.first?.values("8") == [link])
            let holdings = record.fields("852").filter { $0.value("a") == code }
            #expect(holdings.allSatisfy { $0.values("8") == [link] }, "\(code)")
            #expect(holdings.count == (code == "UGM" ? 2 : 1), "\(code)")
        }
        #expect(record.fields("852").count == 5)
        // UGM's own two 852s, its stray $8 replaced; UI's call number from 090 by the provenance rule.
        let ugm = record.fields("852").filter { $0.value("a") == "UGM" }
        #expect(ugm.map { $0.values("h") } == [["959.8 SOE s"], ["959.8 SOE s c.2"]])
        #expect(record.fields("852").first { $0.value("a") == "UI" }?.value("h") == "959.8 SOE s")
    }

    @Test func aMemberRecordWithout852GetsABareOne() throws {
        var bare = F.fullBook()
        bare.removeFields { $0.tag == "003" }
        let member = ClusterMember(memberCode: "ITB", localID: "x-9", record: bare, datestamp: "2020-01-01")
        let record = MergedRecordBuilder().build(clusterID: "k1", members: [member])!
        #expect(record.fields("852").map(\.value) == ["  $81\\u$aITB"])
        #expect(record.fields("035").map(\.value) == ["  $81\\u$a(ITB)x-9"])
        #expect(record.fields("003").map(\.value) == ["KATALOG"])
        #expect(record.fields("005").map(\.value) == ["20200101000000.0"])
    }

    @Test func datestampsInEitherFormGiveThe005() {
        func stamp(_ datestamps: [String?], own005: String? = nil) -> String? {
            let members = datestamps.enumerated().map { i, d in
                var r = F.record("00000nam a2200000   4500", [("245", "00$aT")])
                if let own005 { r.insertField("005", content: Array(own005.utf8), at: 0) }
                return ClusterMember(memberCode: "M", localID: "\(i)", record: r, datestamp: d)
            }
            return MergedRecordBuilder().build(clusterID: "c", members: members)?.firstField("005")?.value
        }
        #expect(stamp(["2024-01-05"]) == "20240105000000.0")
        #expect(stamp(["2024-01-05T10:20:30Z", "20240105102031.0"]) == "20240105102031.0")
        #expect(stamp(["2024-01-05T10:20+07:00"]) == "20240105102000.0")
        #expect(stamp([nil], own005: "19991231235959.0") == "19991231235959.0")
        #expect(stamp(["not a date", "2024-13-01"]) == nil)
    }

    @Test func theResultIsValidMARC21() throws {
        let record = Self.build(Self.members)
        let bytes = try Self.bytes(record)
        let leader = Array(bytes.prefix(24))
        #expect(String(decoding: leader[0..<5], as: UTF8.self) == format5(bytes.count))
        // The builder's own leader already says what the writer computes.
        #expect(record.leader.recordLength == bytes.count)
        #expect(record.leader.baseAddress == 24 + record.fieldCount * 12 + 1)
        #expect(String(decoding: leader[20..<24], as: UTF8.self) == "4500")
        let back = try readISO(bytes, mode: .strict)
        #expect(back.records == [record])
        #expect(back.findings.isEmpty)
        // Fields in tag order.
        let tags = record.fields.map(\.tag)
        #expect(tags == tags.sorted())
    }

    @Test func noMembersNoRecord() {
        #expect(MergedRecordBuilder().build(clusterID: "c", members: []) == nil)
    }
}

private func format5(_ n: Int) -> String {
    let digits = String(n)
    return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
}
