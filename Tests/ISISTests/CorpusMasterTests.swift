import Foundation
import ISIS
import MARCRecord
import Testing
import _KatalogTestSupport

/// Acceptance 1: every sample database under ../shared/corpus/isis reads with the format, the
/// counts by status and the field bytes of its reference dumps. Skipped without the corpus.
@Suite(.enabled(if: Paths.hasCorpus, "../shared/corpus is absent"))
struct CorpusMasterTests {
    static let databases = [
        "abcd-marc-windows-isis18/marc.mst", "abcd-servers-windows-logdel/servers.mst",
        "biblio-isis-bibl-winisis/BIBL.mst", "cds-cisis-linux-isis20/CDS.mst", "cds-ffi-cisis/cdsffi.mst",
        "cds-winisis/winisis-cds.mst", "lilacs30/lilacs30.mst",
    ]

    /// What PROVENANCE.txt says the independent reader found.
    struct Provenance {
        var format: ISISMasterFormat
        var counts = ISISStatusCounts()

        init(_ text: String) throws {
            func value(_ key: String) throws -> Substring {
                let range = try #require(text.range(of: key))
                return text[range.upperBound...].prefix { $0 != "," && $0 != ";" && $0 != "\n" && $0 != " " }
            }
            let layout = try #require(ISISLayout(rawValue: String(try value("layout="))))
            let order = try #require(ISISByteOrder(rawValue: String(try value("byte order="))))
            format = ISISMasterFormat(layout: layout, byteOrder: order, shift: try #require(Int(try value("MSTXL(shift)="))))
            counts.active = try #require(Int(try value("via XRF: active=")))
            counts.logicallyDeleted = try #require(Int(try value("logically deleted=")))
            counts.physicallyDeleted = try #require(Int(try value("physically deleted=")))
            counts.neverAssigned = try #require(Int(try value("never-assigned=")))
        }
    }

    @Test(arguments: databases)
    func readsWithTheReferenceFormatAndCounts(_ relative: String) throws {
        let path = try #require(Paths.corpusFile("isis/" + relative))
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let expected = try Provenance(String(contentsOf: folder.appendingPathComponent("PROVENANCE.txt"), encoding: .utf8))
        var reader = try ISISMasterReader(path: path)
        #expect(reader.file.format == expected.format)
        let out = try readAllISIS(&reader)
        #expect(reader.counts == expected.counts)
        #expect(out.records.count == expected.counts.active)
        #expect(out.findings.filter { $0.severity > .info }.isEmpty, "\(out.findings.map(\.line))")
        #expect(out.records.allSatisfy { $0.status == .active })

        var withDeleted = try ISISMasterReader(path: path, includeLogicallyDeleted: true)
        let all = try readAllISIS(&withDeleted)
        #expect(all.records.count == expected.counts.active + expected.counts.logicallyDeleted)
        #expect(all.records.filter { $0.status == .logicallyDeleted }.count == expected.counts.logicallyDeleted)
    }

    /// `first-records.xrf-probe.txt`: the pointer, leader and fields (in directory order, as text
    /// in the named code page) of the first two live MFNs.
    @Test(arguments: databases)
    func firstRecordsMatchTheXRFProbe(_ relative: String) throws {
        let path = try #require(Paths.corpusFile("isis/" + relative))
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let probe = try String(contentsOf: folder.appendingPathComponent("first-records.xrf-probe.txt"), encoding: .utf8)
        let marker = try #require(probe.range(of: "field bytes decoded as "))
        let codePage = String(probe[marker.upperBound...].prefix { $0 != " " })
        let file = try ISISMasterFile(path: path)
        let blocks = probe.components(separatedBy: "\nMFN ").dropFirst()
        #expect(blocks.count == 2)
        for block in blocks {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
            let header = lines[0]
            let mfn = try #require(Int(header.prefix { $0 != " " }))
            func number(_ key: String) throws -> Int {
                let r = try #require(header.range(of: " " + key + "="))
                let text = header[r.upperBound...].prefix { $0 != " " && $0 != ";" && $0 != ")" }
                return text.hasPrefix("0x") ? try #require(Int(text.dropFirst(2), radix: 16)) : try #require(Int(text))
            }
            let lookup = try file.lookup(mfn: mfn)
            let entry = try #require(lookup.entry)
            let leader = try #require(lookup.leader)
            #expect(Int(UInt32(bitPattern: entry.pointer)) == (try number("ptr")))
            #expect(entry.block == (try number("block")))
            #expect(entry.blockOffset == (try number("offset")))
            #expect(entry.isNew == ((try number("new")) == 1))
            #expect(entry.isPending == ((try number("modified")) == 1))
            #expect(leader.storedLength == (try number("MFRL")))
            #expect(leader.base == (try number("BASE")))
            #expect(leader.fieldCount == (try number("NVF")))
            #expect(leader.status == (try number("STATUS")))
            let expectedFields = try lines.dropFirst().filter { !$0.isEmpty }.map { line in
                let tab = try #require(line.firstIndex(of: "\t"))
                let bytes = try #require(ReferenceCodePage.encode(line[line.index(after: tab)...], as: codePage))
                return ISISRecord.Field(tag: try #require(Int(line[..<tab])), bytes: bytes)
            }
            let record = try #require(lookup.record)
            #expect(Array(record.fields) == expectedFields, "MFN \(mfn)")
        }
    }

    /// `expected-first-records.txt`: Biblio::Isis `to_ascii()` of the first two live MFNs — raw
    /// bytes, `0<TAB>MFN` first, tags sorted as strings — plus its `count=` (the highest MFN).
    @Test(arguments: databases)
    func firstRecordsMatchBiblioIsis(_ relative: String) throws {
        let path = try #require(Paths.corpusFile("isis/" + relative))
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let dumpURL = folder.appendingPathComponent("expected-first-records.txt")
        // Biblio::Isis cannot read the CISIS Unix and FFI samples: they have no such dump.
        guard FileManager.default.fileExists(atPath: dumpURL.path) else { return }
        let dump = try Paths.bytes(dumpURL.path)
        let lines = dump.split(separator: 0x0A, omittingEmptySubsequences: false)
        let countLine = try #require(lines.first { $0.starts(with: Array("# count=".utf8)) })
        let count = try #require(Int(String(decoding: countLine.dropFirst(8), as: UTF8.self)))
        var reader = try ISISMasterReader(path: path)
        #expect(reader.file.highestMFN == count)
        let body = lines.filter { $0.first != UInt8(ascii: "#") }
        let expectedBlocks = body.split(whereSeparator: \.isEmpty).map { $0.map(Array.init) }
        var produced: [[[UInt8]]] = []
        while produced.count < expectedBlocks.count, let record = try reader.next() {
            var block = [Array("0\t\(record.mfn)".utf8)]
            let sorted = record.fields.enumerated().sorted { a, b in
                let (ta, tb) = (String(a.element.tag), String(b.element.tag))
                return ta == tb ? a.offset < b.offset : ta < tb
            }
            block += sorted.map { Array("\($0.element.tag)\t".utf8) + $0.element.bytes }
            produced.append(block)
        }
        #expect(produced.count == 2)
        #expect(produced == expectedBlocks)
    }

    /// isis-format.md §11: re-lay real databases in every layout, byte order and shift (a BE copy of
    /// the Linux CDS, an FFI 22 copy of the FFI one …) and read back the same field bytes.
    @Test(arguments: ["cds-ffi-cisis/cdsffi.mst", "biblio-isis-bibl-winisis/BIBL.mst"])
    func reLaidCopiesReadTheSame(_ relative: String) throws {
        var original = try ISISMasterReader(path: try #require(Paths.corpusFile("isis/" + relative)),
            includeLogicallyDeleted: true)
        let records = try readAllISIS(&original).records
        for format in SyntheticMasterTests.formats {
            var writer = ISISMasterWriter(format: format)
            for record in records { writer.append(record, fillerJunk: true) }
            var copy = try ISISMasterReader(path: try writeDatabase(writer), includeLogicallyDeleted: true)
            let out = try readAllISIS(&copy)
            #expect(copy.file.format == format)
            #expect(out.records == records, "\(format)")
            #expect(out.findings.isEmpty)
        }
    }
}
