import Catalog
import Foundation
import MARCRecord
import Testing

@Suite struct StoredRecordTests {
    @Test func roundTripsAsISO2709() throws {
        let record = Books.record(id: "b1", work: 7, extraFields: 3)
        let bytes = StoredRecord.encode(record)
        #expect(bytes.last == 0x1D)
        #expect(String(decoding: bytes[0..<5], as: UTF8.self) == String(format: "%05d", bytes.count))
        let back = try #require(StoredRecord.decode(bytes))
        #expect(back == record)
        #expect(StoredRecord.encode(back) == bytes)
    }

    @Test func keepsRecordsISO2709CannotStateWhole() throws {
        var record = Books.record(id: "big", work: 1)
        record.appendDataField("505", subfields: [("a", String(repeating: "long contents ", count: 1_000))])
        record.appendDataField("500", subfields: [("a", "terminator \u{1E} inside")])
        let bytes = StoredRecord.encode(record)
        #expect(bytes.first == 0)
        let back = try #require(StoredRecord.decode(bytes))
        #expect(back == record)
        #expect(back.firstField("505")?.value("a")?.count == 14_000)
    }

    @Test func rejectsBytesItDidNotWrite() {
        #expect(StoredRecord.decode([]) == nil)
        #expect(StoredRecord.decode(Array("00050nam a22000xx   4500".utf8) + [0x1E, 0x1D]) == nil)
    }

    @Test func clusterIDsAreDerivedFromTheRecordKeyAlone() {
        let id = ClusterID.derived(from: "UNAIR:b1")
        #expect(id.count == 15)
        #expect(id.hasPrefix("KTG"))
        #expect(id.dropFirst(3).allSatisfy { $0.isHexDigit })
        #expect(id == ClusterID.derived(from: "UNAIR:b1"))
        #expect(id != ClusterID.derived(from: "UNAIR:b2"))
        #expect(id != ClusterID.derived(from: "UNAIR:b1", attempt: 1))
        // Pinned: a stored id must never change with a new build.
        #expect(ClusterID.derived(from: "A:1") == "KTG8419A0E73CC9")  // FNV-1a 64 of "A:1", low 48 bits
    }
}

@Suite struct ChangeMarkTests {
    @Test(arguments: [
        ("2026-11-25T22:30:00Z", Int64(1_795_645_800_000)),
        ("2026-11-25T22:30:00.250Z", Int64(1_795_645_800_250)),
        ("2026-11-26T05:30:00+07:00", Int64(1_795_645_800_000)),
        ("2026-11-25", Int64(1_795_564_800_000)),
    ])
    func parsesISO8601(_ text: String, _ ms: Int64) throws {
        let mark = try #require(ChangeMark(since: text))
        #expect(mark.milliseconds == ms)
        #expect(mark.sequence == nil)
    }

    @Test(arguments: ["yesterday", "2026-13-01", "", "1795645800"])
    func refusesWhatIsNoTime(_ text: String) {
        #expect(ChangeMark(since: text) == nil)
    }

    @Test func formatsUTC() {
        #expect(ChangeMark.format(1_795_645_800_250) == "2026-11-25T22:30:00.250Z")
    }
}
