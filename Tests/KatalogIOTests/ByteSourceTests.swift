#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KatalogIO
import Testing
import _KatalogTestSupport

/// Deterministic bytes covering every value, including the ISO 2709 separators.
private func sampleBytes(_ count: Int) -> [UInt8] {
    var state: UInt32 = 0x1234_5678
    return (0..<count).map { _ in
        state = state &* 1_664_525 &+ 1_013_904_223
        return UInt8(truncatingIfNeeded: state >> 24)
    }
}

/// Reads a source to its end with a buffer of `bufferSize`, returning the bytes and each read's size.
private func drain(_ source: inout some ByteSource, bufferSize: Int) throws -> (bytes: [UInt8], reads: [Int]) {
    var out: [UInt8] = []
    var reads: [Int] = []
    var buffer = [UInt8](repeating: 0, count: bufferSize)
    while true {
        let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if n == 0 { break }
        reads.append(n)
        out += buffer[0..<n]
    }
    return (out, reads)
}

@Suite struct MemoryByteSourceTests {
    @Test(arguments: [1, 7, 4096])
    func chunkingDoesNotChangeTheBytes(chunkSize: Int) throws {
        let data = sampleBytes(10_000)
        var source = MemoryByteSource(data, chunkSize: chunkSize)
        let (bytes, reads) = try drain(&source, bufferSize: 1000)
        #expect(bytes == data)
        #expect(reads.allSatisfy { $0 <= min(chunkSize, 1000) })
        #expect(reads.count == (data.count + min(chunkSize, 1000) - 1) / min(chunkSize, 1000))
    }

    @Test func readSizes() throws {
        var source = MemoryByteSource(sampleBytes(100), chunkSize: 7)
        let (_, reads) = try drain(&source, bufferSize: 64)
        #expect(reads == Array(repeating: 7, count: 14) + [2])

        var whole = MemoryByteSource(sampleBytes(100))
        let (_, wholeReads) = try drain(&whole, bufferSize: 64)
        #expect(wholeReads == [64, 36])
    }

    @Test func zeroChunkSizeActsAsOne() throws {
        var source = MemoryByteSource([1, 2, 3], chunkSize: 0)
        let (bytes, reads) = try drain(&source, bufferSize: 16)
        #expect(bytes == [1, 2, 3])
        #expect(reads == [1, 1, 1])
    }

    @Test func endOfInputRepeats() throws {
        var source = MemoryByteSource([9])
        var buffer = [UInt8](repeating: 0, count: 4)
        #expect(try buffer.withUnsafeMutableBytes { try source.read(into: $0) } == 1)
        #expect(buffer[0] == 9)
        #expect(try buffer.withUnsafeMutableBytes { try source.read(into: $0) } == 0)
        #expect(try buffer.withUnsafeMutableBytes { try source.read(into: $0) } == 0)

        var empty = MemoryByteSource([])
        #expect(try drain(&empty, bufferSize: 8).bytes.isEmpty)
    }
}

@Suite struct PrefixedByteSourceTests {
    @Test func replaysPrefixThenBase() throws {
        var source = PrefixedByteSource(prefix: [1, 2, 3, 4, 5], base: MemoryByteSource(Array(6...20)))
        let (bytes, reads) = try drain(&source, bufferSize: 3)
        #expect(bytes == Array(1...20))
        // The prefix is never mixed with base bytes in one read.
        #expect(reads == [3, 2, 3, 3, 3, 3, 3])
    }

    @Test func emptyPrefix() throws {
        var source = PrefixedByteSource(prefix: [], base: MemoryByteSource([7, 8, 9]))
        #expect(try drain(&source, bufferSize: 8).bytes == [7, 8, 9])
    }

    @Test func emptyBase() throws {
        var source = PrefixedByteSource(prefix: [7, 8, 9], base: MemoryByteSource([]))
        #expect(try drain(&source, bufferSize: 2).bytes == [7, 8, 9])
    }

    @Test(arguments: [1, 7, 4096])
    func sniffThenReplayGivesTheWholeInput(chunkSize: Int) throws {
        let data = sampleBytes(9_000)
        var base = MemoryByteSource(data, chunkSize: chunkSize)
        let head = try base.readPrefix(FormatSniffer.prefixLength)
        #expect(head == Array(data.prefix(4096)))
        var source = PrefixedByteSource(prefix: head, base: base)
        #expect(try drain(&source, bufferSize: 1000).bytes == data)
    }
}

@Suite struct ReadPrefixTests {
    @Test(arguments: [1, 3, 4096])
    func shortInputGivesWhatThereIs(chunkSize: Int) throws {
        var source = MemoryByteSource(Array(0..<10), chunkSize: chunkSize)
        #expect(try source.readPrefix(4096) == Array(0..<10))
        #expect(try source.readPrefix(4096) == [])
    }

    @Test func longInputGivesExactlyCountAndLeavesTheRest() throws {
        var source = MemoryByteSource(Array(0..<100), chunkSize: 1)
        #expect(try source.readPrefix(4) == [0, 1, 2, 3])
        #expect(try drain(&source, bufferSize: 50).bytes == Array(4..<100))
    }

    @Test func emptyAndZero() throws {
        var empty = MemoryByteSource([])
        #expect(try empty.readPrefix(10) == [])
        var some = MemoryByteSource([1, 2])
        #expect(try some.readPrefix(0) == [])
        #expect(try some.readPrefix(10) == [1, 2])
    }
}

@Suite struct FileByteSourceTests {
    @Test func readsATemporaryFile() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("data.bin")
        let data = sampleBytes(50_000)
        try Data(data).write(to: url)

        var source = try FileByteSource(path: url.path)
        #expect(source.path == url.path)
        #expect(try drain(&source, bufferSize: 4096).bytes == data)
    }

    @Test func readPrefixOnAFile() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("data.bin")
        let data = sampleBytes(10_000)
        try Data(data).write(to: url)

        var source = try FileByteSource(path: url.path)
        let head = try source.readPrefix(100)
        #expect(head == Array(data.prefix(100)))
        var replay = PrefixedByteSource(prefix: head, base: source)
        #expect(try drain(&replay, bufferSize: 333).bytes == data)
    }

    @Test func emptyFile() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("empty.mrc")
        try Data().write(to: url)
        var source = try FileByteSource(path: url.path)
        #expect(try source.readPrefix(4096) == [])
    }

    @Test func missingPathThrowsWithThePath() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("no-such-file.mrc").path
        let error = try #require(throws: IOError.self) { try FileByteSource(path: missing) }
        #expect(error.path == missing)
        #expect(error.errno == ENOENT)
        #expect(error.operation == "open for reading")
        #expect(error.description.hasPrefix("\(missing): cannot open for reading: "))
    }

    @Test func directoryThrows() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: IOError.self) { try FileByteSource(path: dir.path) }
        #expect(error.path == dir.path)
        #expect(error.errno == EISDIR)
        #expect(error.description.hasPrefix("\(dir.path): cannot "))
    }
}
