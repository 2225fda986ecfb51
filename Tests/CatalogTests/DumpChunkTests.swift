import Catalog
import Foundation
import MARCRecord
import Testing
import _KatalogTestSupport

@Suite struct DumpChunkTests {
    typealias F = DumpFixtures

    @Test func chunkNamesNumberTheFileBeforeItsExtension() {
        #expect(DumpChunkNaming.path(for: "out/union.xml", chunk: 1) == "out/union-0001.xml")
        #expect(DumpChunkNaming.path(for: "/data/union.mrc.gz", chunk: 12) == "/data/union-0012.mrc.gz")
        #expect(DumpChunkNaming.path(for: "union", chunk: 3) == "union-0003")
        #expect(DumpChunkNaming.path(for: "union.gz", chunk: 3) == "union-0003.gz")
        #expect(DumpChunkNaming.path(for: "a.b/union", chunk: 2) == "a.b/union-0002")
        #expect(DumpChunkNaming.path(for: ".union", chunk: 2) == ".union-0002")
        #expect(DumpChunkNaming.path(for: "u.json", chunk: 12_345) == "u-12345.json")
    }

    @Test(arguments: DumpFormat.allCases)
    func chunksHoldNRecordsEachAndTogetherTheWholeDump(format: DumpFormat) throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = F.entries(23, deletedEvery: 5)
        let summary = try DumpWriter.write(entries, to: dir.appendingPathComponent("union.dat").path,
            options: .init(format: format, chunkSize: 10))
        #expect(F.files(dir) == ["union-0001.dat", "union-0002.dat", "union-0003.dat"])
        #expect(summary.files == F.files(dir).map { dir.appendingPathComponent($0).path })
        var all: [MARCRecord] = []
        for (i, path) in summary.files.enumerated() {
            let back = try F.readBack(try Paths.bytes(path), format)
            #expect(back.findings.isEmpty)
            #expect(back.records.count == [10, 10, 3][i])
            all += back.records
        }
        #expect(all == F.expected(entries))
        if format == .marcxml {
            for path in summary.files {
                let text = String(decoding: try Paths.bytes(path), as: UTF8.self)
                #expect(text.hasPrefix("<?xml") && text.hasSuffix("</collection>\n"))
            }
        }
    }

    @Test func anExactMultipleMakesNoEmptyLastChunk() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = try DumpWriter.write(F.entries(20), to: dir.appendingPathComponent("u.mrc").path,
            options: .init(format: .iso2709, chunkSize: 10))
        #expect(summary.files.count == 2)
        #expect(F.files(dir) == ["u-0001.mrc", "u-0002.mrc"])
    }

    @Test func anEmptyChunkedDumpIsOneEmptyFirstChunk() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try DumpWriter.write([], to: dir.appendingPathComponent("u.xml").path,
            options: .init(format: .marcxml, chunkSize: 10))
        #expect(F.files(dir) == ["u-0001.xml"])
    }
}
