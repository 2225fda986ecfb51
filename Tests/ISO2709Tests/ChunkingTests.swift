import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import Testing
import _KatalogTestSupport

/// The decoder must give identical records and findings whatever the chunking of its input.
@Suite struct ChunkingTests {
    static let fixtures: [String] = {
        let dir = Paths.root.appendingPathComponent("Fixtures/iso2709")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".mrc") }
            .sorted()
    }()

    @Test(arguments: fixtures)
    func sameResultForEveryChunkSize(fixture: String) throws {
        let whole = try readFixture(fixture, chunkSize: 1 << 20)
        #expect(whole.records.count > 0)
        for size in [1, 7, 4096] {
            let chunked = try readFixture(fixture, chunkSize: size)
            #expect(chunked.records == whole.records, "chunk size \(size)")
            #expect(chunked.findings == whole.findings, "chunk size \(size)")
        }
    }

    @Test func fixturesExist() {
        #expect(Self.fixtures.count >= 15)
    }
}
