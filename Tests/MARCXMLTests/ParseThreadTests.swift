import Foundation
import KatalogIO
import MARCRecord
import MARCXML
import Synchronization
import Testing
import _KatalogTestSupport

/// The reader parses on a thread of its own and hands records over in batches: these tests cover
/// what that must not change (order, findings, strict stops, I/O failures) and that the thread
/// stops when the reader goes away early.
@Suite struct ParseThreadTests {
    /// A collection of `count` records numbered from 1; record `bad` (if any) has a bad indicator.
    static func collection(_ count: Int, badIndicatorIn bad: Int? = nil) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n"
        for n in 1...count {
            xml += """
                <record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">n\(n)</controlfield>\
                <datafield tag="245" ind1="\(n == bad ? "#" : "1")" ind2="0"><subfield code="a">Title \(n)</subfield>\
                </datafield></record>

                """
        }
        return Array((xml + "</collection>\n").utf8)
    }

    @Test func recordsAndFindingsKeepTheirOrderAcrossBatches() throws {
        let out = try readXML(Self.collection(5_000, badIndicatorIn: 4_321), chunkSize: 1000)
        #expect(out.controlNumbers == (1...5_000).map { "n\($0)" })
        #expect(out.codes == ["marcxml.bad-indicator"])
        #expect(out.findings.first?.recordNumber == 4_321 && out.findings.first?.controlNumber == "n4321")
        #expect(out.findings.first?.message.hasPrefix("line 4323, column") == true)
    }

    @Test func strictModeStopsAtALateProblem() throws {
        var reader = MARCXMLReader(source: MemoryByteSource(Self.collection(5_000, badIndicatorIn: 3_000)),
            fileName: "late.xml", mode: .strict)
        var read = 0
        do {
            while try reader.next() != nil { read += 1 }
            Issue.record("strict mode did not stop")
        } catch {
            #expect(error.kind == .strictStop && error.finding.recordNumber == 3_000)
        }
        #expect(read == 2_999)
    }

    @Test func droppingTheReaderStopsTheParse() throws {
        let bytes = Self.collection(20_000)
        let source = CountingSource(bytes)
        do {
            var reader = MARCXMLReader(source: source, fileName: "big.xml", chunkSize: 4096)
            #expect(try reader.next()?.controlNumber == "n1")
        }
        // The reader's deinit joined the thread: nothing reads any more, and far from all was read.
        let after = source.bytesRead
        Thread.sleep(forTimeInterval: 0.05)
        #expect(source.bytesRead == after)
        #expect(after < bytes.count / 2)
    }

    @Test func aReaderNeverReadStartsNoParse() {
        let source = CountingSource(Self.collection(10))
        _ = MARCXMLReader(source: source, fileName: "unread.xml")
        #expect(source.bytesRead == 0)
    }

    @Test func aReadFailureComesAfterTheRecordsBeforeIt() throws {
        let bytes = Self.collection(2_000)
        var reader = MARCXMLReader(source: FailingSource(bytes, failAt: bytes.count / 2), fileName: "fails.xml",
            chunkSize: 4096)
        var numbers: [String?] = []
        do {
            while let record = try reader.next() { numbers.append(record.controlNumber) }
            Issue.record("the read failure was not reported")
        } catch {
            #expect(error.kind == .unreadable && error.finding.code.rawValue == "io.read-failed")
        }
        #expect(numbers.count > 900 && numbers.count < 1_000)
        #expect(numbers == (1...numbers.count).map { "n\($0)" })
        #expect(reader.drainFindings().isEmpty)
    }
}

/// Counts what the parser has read. `@unchecked Sendable`: the counter is atomic.
final class CountingSource: ByteSource, @unchecked Sendable {
    private var inner: MemoryByteSource
    private let count = Atomic<Int>(0)

    init(_ bytes: [UInt8]) { inner = MemoryByteSource(bytes, chunkSize: 4096) }

    var bytesRead: Int { count.load(ordering: .sequentiallyConsistent) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try inner.read(into: buffer)
        count.add(n, ordering: .sequentiallyConsistent)
        return n
    }
}

/// Fails once `failAt` bytes have been read.
struct FailingSource: ByteSource {
    struct Failure: Error {}
    private var inner: MemoryByteSource
    private var position = 0
    private let failAt: Int

    init(_ bytes: [UInt8], failAt: Int) {
        inner = MemoryByteSource(bytes, chunkSize: 4096)
        self.failAt = failAt
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard position < failAt else { throw Failure() }
        let n = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(failAt - position)))
        position += n
        return n
    }
}
