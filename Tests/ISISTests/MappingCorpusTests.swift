import Foundation
import ISIS
import MARCRecord
import Testing
import _KatalogTestSupport

/// Every corpus database converts with its right code page, and the decoded text of its first
/// records is the reference dump's bytes read with that page (`ReferenceCodePage`, independent
/// of Charsets).
@Suite(.enabled(if: Paths.hasCorpus, "../shared/corpus is absent"))
struct MappingCorpusTests {
    static let databases = [
        ("abcd-marc-windows-isis18/marc.mst", "latin1"), ("abcd-servers-windows-logdel/servers.mst", "cp850"),
        ("biblio-isis-bibl-winisis/BIBL.mst", "cp852"), ("cds-winisis/winisis-cds.mst", "cp850"),
        ("lilacs30/lilacs30.mst", "latin1"),
    ]

    /// The reference dump: per record, the values of each tag in order, as bytes.
    static func expectedRecords(_ path: String) throws -> [[Int: [[UInt8]]]] {
        let bytes = try Paths.bytes(path)
        var records: [[Int: [[UInt8]]]] = []
        var current: [Int: [[UInt8]]]?
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if line.first == UInt8(ascii: "#") { continue }
            guard let tab = line.firstIndex(of: 0x09), let tag = Int(String(decoding: line[..<tab], as: UTF8.self)) else {
                if let c = current { records.append(c) }
                current = nil
                continue
            }
            if tag == 0 {
                if let c = current { records.append(c) }
                current = [:]
                continue
            }
            current?[tag, default: []].append(Array(line[(tab + 1)...]))
        }
        if let c = current { records.append(c) }
        return records
    }

    static func decodeReference(_ bytes: [UInt8], _ page: String) -> String {
        var s = String.UnicodeScalarView()
        for b in bytes {
            if b < 0x80 { s.append(Unicode.Scalar(b)) }
            else if page == "latin1" { s.append(Unicode.Scalar(b)) }
            else { s.append((page == "cp852" ? ReferenceCodePage.cp852 : ReferenceCodePage.cp850)[Int(b) - 0x80]) }
        }
        return String(s)
    }

    @Test(arguments: databases)
    func firstRecordsDecodeAsTheReferenceDump(_ relative: String, _ page: String) throws {
        let path = try #require(Paths.corpusFile("isis/" + relative))
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let expected = try Self.expectedRecords(folder.appendingPathComponent("expected-first-records.txt").path)
        #expect(expected.count == 2)
        let fdt = ISISFieldUsage.siblingPath(of: path, extension: "fdt").flatMap { try? Paths.bytes($0) }
        var reader = ISISMARCReader(source: try ISISMasterReader(path: path), fileName: path, fieldDefinitionBytes: fdt)
        for want in expected {
            let record = try #require(try reader.nextISIS())
            let decoder = try #require(reader.mapper?.decoder)
            #expect("\(decoder.encoding)" == page)
            var got: [Int: [String]] = [:]
            for field in record.fields { got[field.tag, default: []].append(decoder.decodeString(field.bytes)) }
            #expect(got == want.mapValues { $0.map { Self.decodeReference($0, page) } }, "MFN \(record.mfn)")
        }
    }

    /// Every database maps with every shipped profile without a warning or error, and every
    /// record carries its provenance (001 first, 035).
    @Test(arguments: databases.map(\.0))
    func everyProfileMapsEveryDatabase(_ relative: String) throws {
        let path = try #require(Paths.corpusFile("isis/" + relative))
        for name in ISISProfile.shippedNames {
            var reader = ISISMARCReader(source: try ISISMasterReader(path: path), fileName: path,
                profile: ISISProfile.shipped(name))
            var count = 0
            while let (_, mapped) = try reader.nextMapped() {
                count += 1
                #expect(mapped.record.controlNumber == mapped.record.fields.first?.value)
                #expect(mapped.record.fields.contains { $0.tag == "035" })
            }
            let problems = reader.drainFindings().filter { $0.severity > .info }
            #expect(problems.isEmpty, "\(name): \(problems.map(\.line))")
            #expect(count > 0)
        }
    }
}
