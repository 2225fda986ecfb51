import Foundation
import ISIS
import Testing
import _KatalogTestSupport

/// A speed check, run only when KATALOG_ISIS_BENCH is set (use a release build):
/// `KATALOG_ISIS_BENCH=1 swift test -c release --filter MasterReaderSpeedTests`.
/// Writes a 200,000-record isis18/LE database (CDS-like records, ~8 fields, ~330 bytes) to
/// KATALOG_ISIS_BENCH_DIR (or a temporary folder, kept for peers such as Biblio::Isis) and reads it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["KATALOG_ISIS_BENCH"] != nil, "KATALOG_ISIS_BENCH not set"))
struct MasterReaderSpeedTests {
    @Test func reads200kRecords() throws {
        let count = 200_000
        let env = ProcessInfo.processInfo.environment
        let dir = env["KATALOG_ISIS_BENCH_DIR"].map { URL(fileURLWithPath: $0) } ?? Paths.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let mstPath = dir.appendingPathComponent("bench.mst").path
        var writer = ISISMasterWriter(format: .init(layout: .isis18, byteOrder: .little, shift: 0))
        for mfn in 1...count {
            writer.append(ISISRecord(mfn: mfn, fields: [
                field(44, "Methodology of plant eco-physiology: proceedings of the Montpellier Symposium"),
                field(50, "Incl. bibl."), field(69, "Paper on: <plant physiology><plant transpiration>"),
                field(26, "^aParis^bUnesco^c-19\(mfn % 100)"), field(30, "^ap. 211-224^billus."),
                field(70, "Magalhaes, A.C."), field(70, "Franco, C.M. \(mfn)"),
                field(24, "Techniques for the measurement of transpiration of individual plants"),
            ]))
        }
        let (mst, xrf) = writer.files()
        try Data(mst).write(to: URL(fileURLWithPath: mstPath))
        try Data(xrf).write(to: dir.appendingPathComponent("bench.xrf"))

        var best = Double.infinity
        var fieldBytes = 0
        for _ in 0..<3 {
            let clock = ContinuousClock()
            var n = 0
            var bytes = 0
            let elapsed = try clock.measure {
                var reader = try ISISMasterReader(path: mstPath)
                while let record = try reader.next() {
                    n += 1
                    for f in record.fields { bytes &+= f.bytes.count }
                }
                #expect(reader.drainFindings().isEmpty)
            }
            #expect(n == count)
            fieldBytes = bytes
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            best = min(best, seconds)
        }
        print("ISIS bench: \(count) records, \(mst.count) MST bytes, \(fieldBytes) field bytes, best of 3 "
            + "\(String(format: "%.3f", best)) s = \(Int(Double(count) / best)) records/s; files in \(dir.path)")
    }
}
