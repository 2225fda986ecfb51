import Catalog
import Foundation
import MARCRecord
import Testing
import _KatalogTestSupport

/// A dump that fails never leaves a partial file under a final name, nor its temporary file, and a
/// previous dump at that name stays as it was.
@Suite struct DumpAtomicityTests {
    typealias F = DumpFixtures

    @Test(arguments: [false, true])
    func abandonedDumpLeavesThePreviousFileUntouched(gzip: Bool) throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("union.xml").path
        try Data("previous dump\n".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try DumpWriter(path: path, options: .init(format: .marcxml, gzip: gzip))
        for entry in F.entries(30) { _ = try writer.write(entry) }
        // Bytes were written (to the temporary file), but nothing is in place yet.
        #expect(F.files(dir).count == 2)
        #expect(String(decoding: try Paths.bytes(path), as: UTF8.self) == "previous dump\n")
        // What `katalog dump` does when the store's sequence ends in a read failure.
        writer.discard()
        #expect(F.files(dir) == ["union.xml"])
        #expect(String(decoding: try Paths.bytes(path), as: UTF8.self) == "previous dump\n")
    }

    @Test func aWriterDroppedWithoutFinishingLeavesNothing() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let writer = try DumpWriter(path: dir.appendingPathComponent("u.mrc.gz").path,
                options: .init(format: .iso2709, gzip: true))
            for entry in F.entries(5) { _ = try writer.write(entry) }
        }
        #expect(F.files(dir).isEmpty)
    }

    /// The third chunk cannot be created (a directory holds its name): the writer throws, the two
    /// finished chunks are whole files, and nothing of the third exists, temporary or final.
    @Test func aFailedChunkLeavesNoFileAndTheFinishedChunksWhole() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("u-0003.json"),
            withIntermediateDirectories: false)
        let writer = try DumpWriter(path: dir.appendingPathComponent("u.json").path,
            options: .init(format: .json, chunkSize: 4))
        let entries = F.entries(12)
        var failedAt: Int?
        for (i, entry) in entries.enumerated() {
            do { _ = try writer.write(entry) } catch {
                failedAt = i
                break
            }
        }
        #expect(failedAt == 8)
        // Abandoned: no later record can start a fourth file, and finishing says so.
        #expect(throws: DumpError.self) { try writer.write(entries[9]) }
        #expect(throws: DumpError.self) { try writer.finish() }
        #expect(F.files(dir) == ["u-0001.json", "u-0002.json", "u-0003.json"])
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("u-0003.json").path,
            isDirectory: &isDirectory) && isDirectory.boolValue)
        for name in ["u-0001.json", "u-0002.json"] {
            let back = try F.readBack(try Paths.bytes(dir.appendingPathComponent(name).path), .json)
            #expect(back.records.count == 4)
        }
    }

    /// The rename into place fails (the folder is gone by then): the writer throws instead of
    /// reporting success.
    @Test func aFailedRenameIsAnError() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
        let writer = try DumpWriter(path: sub.appendingPathComponent("u.mrc").path, options: .init(format: .iso2709))
        for entry in F.entries(3) { _ = try writer.write(entry) }
        try FileManager.default.removeItem(at: sub)
        #expect(throws: (any Error).self) { try writer.finish() }
        #expect(!FileManager.default.fileExists(atPath: sub.path))
    }

    /// A full disk (`/dev/full`) under a gzip dump: the pump thread's writes fail half-way; it keeps
    /// draining the pipe so the writer does not block, and the failure comes out of `finish()`.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "no /dev/full"), arguments: [false, true])
    func aFullDiskIsAnErrorNotAHang(gzip: Bool) throws {
        let some = F.entries(50)
        let writer = try DumpWriter(path: "/dev/full", options: .init(format: .marcxml, gzip: gzip, compressionLevel: 1))
        var failed = false
        for i in 0..<2_000 {
            do { _ = try writer.write(some[i % some.count]) } catch {
                failed = true
                break
            }
        }
        if !failed { #expect(throws: (any Error).self) { try writer.finish() } }
    }
}
