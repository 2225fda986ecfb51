import ISIS
import MARCRecord
import Testing

/// The master reader builds each record in the array the previous one used once that record has
/// been dropped: records kept by the caller must never change, and dropped ones must not leak
/// bytes into the next, whatever the mix of sizes (a huge record among small ones included).
struct RecordReuseTests {
    @Test func keptRecordsStayIntactAndReusedBuffersCarryNothingOver() throws {
        var writer = ISISMasterWriter(format: .init(layout: .isis20, byteOrder: .little, shift: 0))
        var written: [ISISRecord] = []
        for mfn in 1...60 {
            var fields = [field(24, "Title \(mfn)"), field(70, String(repeating: "a", count: mfn % 7))]
            if mfn % 10 == 0 { fields.append(.init(tag: 50, bytes: Array(repeating: 0x78, count: 20_000))) }
            if mfn % 4 == 0 { fields = [field(1, "\(mfn)")] }  // much smaller than the one before
            let record = ISISRecord(mfn: mfn, fields: .init(fields))
            written.append(record)
            writer.append(record)
        }
        var reader = try ISISMasterReader(path: try writeDatabase(writer))
        var kept: [ISISRecord] = []
        var index = 0
        while let record = try reader.next() {
            #expect(record == written[index], "MFN \(record.mfn) as read")
            if index % 3 == 0 { kept.append(record) }  // the rest are dropped, their arrays reused
            index += 1
        }
        #expect(index == written.count)
        for record in kept { #expect(record == written[record.mfn - 1], "MFN \(record.mfn) kept") }
    }
}
