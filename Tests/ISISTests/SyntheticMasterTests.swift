import Foundation
import ISIS
import MARCRecord
import Testing
import _KatalogTestSupport

/// Acceptance 2: databases written in every layout × byte order × MSTXL shift, with locks, logical
/// and physical deletes, never-assigned MFNs, superseded copies, junk and stale padding between
/// records, read back exactly as written, with the format detected rather than given.
@Suite struct SyntheticMasterTests {
    static let formats: [ISISMasterFormat] = ISISLayout.allCases.flatMap { layout in
        ISISByteOrder.allCases.flatMap { order in
            [0, 3, 6].map { ISISMasterFormat(layout: layout, byteOrder: order, shift: $0) }
        }
    }

    /// A database of 300 MFNs (three XRF blocks) exercising every status, and what reading it must give.
    struct Sample {
        var writer: ISISMasterWriter
        var live: [ISISRecord] = []
        var deleted: [ISISRecord] = []
        var straddling = 0
        var lockedMFN = 5

        init(_ format: ISISMasterFormat) {
            writer = ISISMasterWriter(format: format)
            writer.markNew = format.shift == 3
            let ffi = format.layout.isFFI
            for mfn in 1...290 {
                if mfn == 11 || mfn == 200 { continue }  // never assigned
                var fields = [field(24, "Title of record \(mfn)"), field(70, "Author, \(mfn)")]
                if mfn % 3 == 0 { fields.append(field(26, "^aParis^bUnesco^c19\(mfn % 100)")) }
                if mfn % 17 == 0 {  // long records straddle several blocks
                    fields.append(.init(tag: 50, bytes: Array(repeating: UInt8(ascii: "x"), count: ffi ? 40_000 : 1_500 + mfn)))
                }
                if mfn % 23 == 0 { fields.append(.init(tag: 69, bytes: [])) }  // zero-length field
                if mfn % 29 == 0 { fields.insert(field(3000 + mfn % 10, "a"), at: 0) }  // unsorted, 4-digit tags
                fields.append(.init(tag: 90, bytes: [0x82, 0xA1, 0x87, 0x00, 0x5E]))  // CP850 bytes, NUL, ^
                var record = ISISRecord(mfn: mfn, fields: fields)
                if mfn == 13 {
                    // A superseded copy first, then junk; the pointer ends on the newer copy.
                    writer.append(ISISRecord(mfn: 13, fields: [field(24, "old version")]))
                    writer.appendJunk(Array("\u{1A}junk!".utf8))
                }
                if mfn == 7 || mfn == 150 { record.status = .logicallyDeleted }
                let padding: [UInt8] = mfn % 5 == 0 ? Array("stale".utf8) : mfn % 7 == 0 ? [0, 0, 0] : []
                let start = writer.append(record, locked: mfn == lockedMFN, padding: padding,
                    fillerJunk: mfn % 2 == 0)
                if (start / 512) != Int64(writer.masterSize - 1) / 512 { straddling += 1 }
                if mfn % 41 == 0 { writer.appendJunk([0xDE, 0xAD, 0xBE, 0xEF, 0x20, 0x20, 0x00]) }
                if record.status == .logicallyDeleted { deleted.append(record) } else { live.append(record) }
            }
            writer.deletePhysically(mfn: 9)
            live.removeAll { $0.mfn == 9 }
            writer.reserve(upTo: 300)
        }
    }

    @Test(arguments: formats)
    func readsBackWhatWasWritten(_ format: ISISMasterFormat) throws {
        let sample = Sample(format)
        #expect(sample.straddling > 20)
        let path = try writeDatabase(sample.writer)
        var reader = try ISISMasterReader(path: path)
        #expect(reader.file.format == format)
        let out = try readAllISIS(&reader)
        #expect(out.records == sample.live)
        #expect(out.findings.filter { $0.severity > .info }.isEmpty, "\(out.findings.map(\.line))")
        #expect(out.findings.map(\.code) == [.isisLockedRecord])
        #expect(out.findings.first?.recordNumber == sample.lockedMFN)
        var expected = ISISStatusCounts()
        expected.active = sample.live.count
        expected.logicallyDeleted = 2
        expected.physicallyDeleted = 1
        expected.neverAssigned = 2 + 10
        expected.locked = 1
        #expect(reader.counts == expected)
        #expect(reader.counts.total == 300)

        var withDeleted = try ISISMasterReader(path: path, includeLogicallyDeleted: true)
        let all = try readAllISIS(&withDeleted)
        #expect(all.records == (sample.live + sample.deleted).sorted { $0.mfn < $1.mfn })
    }

    @Test(arguments: [formats[0], formats[11], formats[23]])
    func overridesGiveTheSameRecords(_ format: ISISMasterFormat) throws {
        let sample = Sample(format)
        let path = try writeDatabase(sample.writer)
        var reader = try ISISMasterReader(path: path, layout: format.layout, byteOrder: format.byteOrder,
            shift: format.shift)
        let out = try readAllISIS(&reader)
        #expect(out.records == sample.live)
        #expect(out.findings.first?.code == .isisFormatOverridden)
    }

    @Test func findsTheXRFInAnyLetterCase() throws {
        var writer = ISISMasterWriter(format: .init(layout: .isis18, byteOrder: .little, shift: 0))
        writer.append(ISISRecord(mfn: 1, fields: [field(24, "one")]))
        let path = try writeDatabase(writer, name: "Bibl", xrfName: "BIBL.XRF")
        var reader = try ISISMasterReader(path: path)
        #expect(try readAllISIS(&reader).records.map(\.mfn) == [1])
    }

    @Test func emptyDatabaseHasNoRecords() throws {
        let path = try writeDatabase(ISISMasterWriter(format: .init(layout: .ffi22, byteOrder: .big, shift: 3)))
        var reader = try ISISMasterReader(path: path)
        let out = try readAllISIS(&reader)
        #expect(out.records.isEmpty && out.findings.isEmpty)
        #expect(reader.counts.total == 0)
    }
}
