#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KatalogIO
import Testing
import _KatalogTestSupport

private func contents(_ path: String) throws -> [UInt8] { try Paths.bytes(path) }

private func names(in dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
}

private func temporaryFiles(in dir: URL) throws -> [String] {
    try names(in: dir).filter { $0.contains(".tmp-") }
}

/// Deterministic bytes covering every value.
private func sampleBytes(_ count: Int, seed: UInt32 = 7) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 1_664_525 &+ 1_013_904_223
        return UInt8(truncatingIfNeeded: state >> 24)
    }
}

@Suite struct OutputFileTests {
    @Test func commitMovesTheFileIntoPlace() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.mrc").path

        let out = try OutputFile(path: target)
        #expect(out.path == target)
        try out.write(Array("hello ".utf8))
        try out.write("wörld")
        try out.flush()
        // Bytes so far are in a temporary file beside the target, not in the target.
        #expect(!FileManager.default.fileExists(atPath: target))
        let temps = try temporaryFiles(in: dir)
        #expect(temps.count == 1)
        #expect(temps.first?.hasPrefix("out.mrc.tmp-") == true)
        if let temp = temps.first {
            #expect(try contents(dir.appendingPathComponent(temp).path) == Array("hello wörld".utf8))
        }

        try out.commit()
        #expect(try contents(target) == Array("hello wörld".utf8))
        #expect(out.bytesWritten == Int64("hello wörld".utf8.count))
        #expect(try names(in: dir) == ["out.mrc"])
        // A second commit changes nothing.
        try out.commit()
        #expect(try contents(target) == Array("hello wörld".utf8))
    }

    @Test func oldContentStaysUntilCommit() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.mrc").path
        try Data("old content".utf8).write(to: URL(fileURLWithPath: target))

        let out = try OutputFile(path: target)
        try out.write("new")
        try out.flush()
        try out.write(" content, longer")
        #expect(try contents(target) == Array("old content".utf8))
        try out.commit()
        #expect(try contents(target) == Array("new content, longer".utf8))
        #expect(try temporaryFiles(in: dir).isEmpty)
    }

    @Test func commitReplacesALongerOldFileCompletely() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.mrc").path
        try Data(sampleBytes(10_000)).write(to: URL(fileURLWithPath: target))

        let out = try OutputFile(path: target)
        try out.write([1, 2, 3])
        try out.commit()
        #expect(try contents(target) == [1, 2, 3])
    }

    @Test func emptyOutputCommitsAnEmptyFile() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("empty.mrc").path
        let out = try OutputFile(path: target)
        try out.commit()
        #expect(try contents(target) == [])
        #expect(out.bytesWritten == 0)
    }

    @Test func discardLeavesTheOldFile() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.mrc").path
        try Data("old content".utf8).write(to: URL(fileURLWithPath: target))

        let out = try OutputFile(path: target)
        try out.write(sampleBytes(20_000))
        try out.flush()
        #expect(try temporaryFiles(in: dir).count == 1)
        out.discard()
        #expect(try contents(target) == Array("old content".utf8))
        #expect(try names(in: dir) == ["out.mrc"])
        // Committing after discarding does not bring the new bytes back.
        try out.commit()
        #expect(try contents(target) == Array("old content".utf8))
        #expect(try names(in: dir) == ["out.mrc"])
    }

    @Test func discardWithoutAnOldFileLeavesNothing() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.mrc").path
        let out = try OutputFile(path: target)
        try out.write("abc")
        out.discard()
        #expect(try names(in: dir).isEmpty)
    }

    @Test func droppingWithoutCommitDiscards() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out.mrc").path
        func writeAndForget() throws {
            let out = try OutputFile(path: target)
            try out.write(sampleBytes(5_000))
            try out.flush()
            #expect(try temporaryFiles(in: dir).count == 1)
        }
        try writeAndForget()
        #expect(try names(in: dir).isEmpty)
    }

    @Test func largeWritesThroughASmallBuffer() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("big.mrc").path
        let data = sampleBytes(100 * 1024)

        let out = try OutputFile(path: target, bufferSize: 4096)
        // Pieces smaller than, equal to and larger than the buffer, in a mixed order.
        let sizes = [1, 100, 4095, 4096, 4097, 10_000, 3, 2048, 2049, 30_000, 1, 4094]
        var offset = 0
        var i = 0
        while offset < data.count {
            let n = min(sizes[i % sizes.count], data.count - offset)
            try out.write(Array(data[offset..<(offset + n)]))
            offset += n
            i += 1
        }
        try out.commit()
        #expect(try contents(target) == data)
        #expect(out.bytesWritten == Int64(data.count))
    }

    @Test func oneWriteLargerThanTheBuffer() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("big.mrc").path
        let data = sampleBytes(100 * 1024, seed: 99)
        let out = try OutputFile(path: target, bufferSize: 4096)
        try out.write("head")
        try out.write(data)
        try out.write("tail")
        try out.commit()
        #expect(try contents(target) == Array("head".utf8) + data + Array("tail".utf8))
    }

    @Test func writeExactly() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("exact.mrc").path
        let big = sampleBytes(10_000, seed: 3)

        let out = try OutputFile(path: target, bufferSize: 4096)
        try out.write("AB")
        try out.write(exactly: 3) { buffer in
            #expect(buffer.count == 3)
            buffer.copyBytes(from: Array("CDE".utf8))
        }
        // Larger than the buffer: formatted in a temporary buffer of its own.
        try out.write(exactly: big.count) { buffer in
            #expect(buffer.count == big.count)
            buffer.copyBytes(from: big)
        }
        // Fills the buffer exactly after a few bytes are pending, forcing a flush first.
        try out.write("F")
        let filler = sampleBytes(4096, seed: 4)
        try out.write(exactly: 4096) { buffer in buffer.copyBytes(from: filler) }
        try out.write(exactly: 0) { buffer in #expect(buffer.isEmpty) }
        try out.write("Z")
        try out.commit()

        let expected = Array("ABCDE".utf8) + big + Array("F".utf8) + filler + Array("Z".utf8)
        #expect(try contents(target) == expected)
        #expect(out.bytesWritten == Int64(expected.count))
    }

    @Test func missingDirectoryThrowsWithThePath() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("no-such-dir/out.mrc").path
        let error = try #require(throws: IOError.self) { try OutputFile(path: target) }
        #expect(error.path == target)
        #expect(error.operation == "create")
        #expect(error.errno == ENOENT)
    }
}
