import Foundation
import Testing
import _KatalogTestSupport

/// `katalog dump` as a user runs it. (Dumps with records need a store with clusters: see the merge
/// tests; the writer itself is tested in CatalogTests.)
@Suite(.serialized) struct DumpCLITests {
    let katalog = Paths.katalogBinary

    /// An empty file is an empty SQLite database: a catalogue with no clusters.
    func emptyCatalogue(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("union.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        return path
    }

    @Test func anEmptyCatalogueDumpsToOneEmptyCollection() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try emptyCatalogue(in: dir)
        let out = dir.appendingPathComponent("union.xml").path
        let result = try run(katalog, ["dump", "--catalog", catalog, "--to", "marcxml", "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(String(decoding: try Paths.bytes(out), as: UTF8.self)
            == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n</collection>\n")
        #expect(result.stderr.contains("0 records (0 deleted)"))
    }

    @Test func gzipToStandardOutput() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try emptyCatalogue(in: dir)
        let result = try run(katalog, ["dump", "--catalog", catalog, "--to", "json", "--gzip", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.prefix(2) == [0x1F, 0x8B])
    }

    @Test(arguments: [
        ["--to", "marcxml", "--chunk", "10"],                 // chunks need a file name
        ["--to", "marcxml", "--chunk", "0", "-o", "x.xml"],   // at least one record per chunk
        ["--to", "marc", "-o", "x.mrc"],                       // no such format
        ["--to", "json", "--since", "yesterday", "-o", "x"],   // not a time
        ["-o", "x.mrc"],                                       // --to is required
    ])
    func usageErrorsExitWithStatus2(arguments: [String]) throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = try emptyCatalogue(in: dir)
        let result = try run(katalog, ["dump", "--catalog", catalog] + arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["union.sqlite"])
    }

    @Test func aMissingCatalogueIsNotCreated() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = dir.appendingPathComponent("nothing.sqlite").path
        let result = try run(katalog, ["dump", "--catalog", catalog, "--to", "iso2709", "-o",
            dir.appendingPathComponent("u.mrc").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such catalogue"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
