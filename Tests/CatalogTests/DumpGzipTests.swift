import Catalog
import Foundation
import MARCRecord
import Testing
import _KatalogTestSupport

@Suite struct DumpGzipTests {
    typealias F = DumpFixtures

    static let gunzip = "/usr/bin/gunzip"

    static func dump(_ entries: [DumpEntry], _ options: DumpWriter.Options, in dir: URL, name: String) throws -> DumpSummary {
        try DumpWriter.write(entries, to: dir.appendingPathComponent(name).path, options: options)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: gunzip), "gunzip is not installed"),
          arguments: DumpFormat.allCases)
    func gunzipGivesBackTheUncompressedDump(format: DumpFormat) throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = F.entries(40, deletedEvery: 9)
        let plain = try Self.dump(entries, .init(format: format), in: dir, name: "plain")
        let zipped = try Self.dump(entries, .init(format: format, gzip: true), in: dir, name: "zipped.gz")
        let compressed = try Paths.bytes(zipped.files[0])
        #expect(compressed.prefix(3) == [0x1F, 0x8B, 0x08])  // gzip magic, deflate
        #expect(compressed[4..<8] == [0, 0, 0, 0])  // no modification time: same bytes every run
        let result = try run(Self.gunzip, ["-c", "-t", zipped.files[0]])
        #expect(result.status == 0 && result.stderr.isEmpty)
        let unzipped = try run(Self.gunzip, ["-c", zipped.files[0]])
        #expect(unzipped.status == 0)
        #expect(unzipped.stdout == (try Paths.bytes(plain.files[0])))
        #expect(compressed.count < unzipped.stdout.count / 2)
    }

    /// Megabytes through the pipe: many pipe buffers, many deflate buffers, the pump and the writer
    /// taking turns; the result must still be exactly the plain dump.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: gunzip), "gunzip is not installed"))
    func aLargeDumpStreamsThroughWhole() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let some = F.entries(50, deletedEvery: 11)
        let entries = (0..<2_000).map { i in
            var e = some[i % some.count]
            e.clusterID = F.clusterID(i + 1)
            return e
        }
        let plain = try Self.dump(entries, .init(format: .marcxml), in: dir, name: "plain.xml")
        let zipped = try Self.dump(entries, .init(format: .marcxml, gzip: true, compressionLevel: 1), in: dir,
            name: "zipped.xml.gz")
        let plainBytes = try Paths.bytes(plain.files[0])
        #expect(plainBytes.count > 4_000_000)
        let unzipped = try run(Self.gunzip, ["-c", zipped.files[0]])
        #expect(unzipped.status == 0)
        #expect(unzipped.stdout == plainBytes)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: gunzip), "gunzip is not installed"))
    func anEmptyGzipDumpIsAValidEmptyStream() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zipped = try Self.dump([], .init(format: .iso2709, gzip: true), in: dir, name: "empty.mrc.gz")
        let unzipped = try run(Self.gunzip, ["-c", zipped.files[0]])
        #expect(unzipped.status == 0 && unzipped.stdout.isEmpty)
    }

    @Test func eachChunkIsAGzipFileOfItsOwn() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = try Self.dump(F.entries(25), .init(format: .json, gzip: true, chunkSize: 10), in: dir,
            name: "union.json.gz")
        #expect(F.files(dir) == ["union-0001.json.gz", "union-0002.json.gz", "union-0003.json.gz"])
        for path in summary.files { #expect(try Paths.bytes(path).prefix(2) == [0x1F, 0x8B]) }
        if FileManager.default.isExecutableFile(atPath: Self.gunzip) {
            let lines = try summary.files.map { try run(Self.gunzip, ["-c", $0]).stdoutText.split(separator: "\n").count }
            #expect(lines == [10, 10, 5])
        }
    }
}
