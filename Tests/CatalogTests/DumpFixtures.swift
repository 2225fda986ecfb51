import Catalog
import Dedup
import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import MARCText
import MARCXML
import Normalize
import _KatalogTestSupport

/// Dump entries for the dump tests: merged records of clusters built the way the catalogue builds
/// them (normalized members, `MergedRecordBuilder`), and deleted clusters.
enum DumpFixtures {
    static let normalizer = try! Normalizer()
    static let builder = MergedRecordBuilder(unionAgency: "IdJaKAT")

    static func record(_ leader: String, _ fields: [(String, String)]) -> MARCRecord {
        var record = MARCRecord(leader: Leader(leader)!)
        for (tag, text) in fields {
            let t = Tag(tag)!
            if t.isControlField {
                record.appendControlField(t, text)
                continue
            }
            let subfields = text.dropFirst(2).split(separator: "$").map { (code: $0.first!, value: String($0.dropFirst())) }
            record.appendDataField(t, indicators: String(text.prefix(2)), subfields: subfields)
        }
        return record
    }

    static func member(_ code: String, _ id: String, _ record: MARCRecord, _ datestamp: String) -> ClusterMember {
        let (normalized, _) = normalizer.normalized(record, memberCode: code, localID: id)
        return ClusterMember(memberCode: code, localID: id, record: normalized, datestamp: datestamp)
    }

    static func clusterID(_ n: Int) -> String { "kat" + String(repeating: "0", count: max(0, 7 - String(n).count)) + String(n) }

    /// `count` clusters in id order; every `deletedEvery`-th is a deleted one. The records carry what
    /// the writers must escape or encode: diacritics (NFC), CJK, `& < > "`, a long note. Cluster ids count
    /// from `firstID`.
    static func entries(_ count: Int, deletedEvery: Int? = nil, firstID: Int = 1) -> [DumpEntry] {
        (0..<count).map { i in
            let n = i + firstID
            if let every = deletedEvery, n % every == 0 { return DumpEntry(clusterID: clusterID(n), record: nil) }
            let title = ["Sejarah kebudayaan Indonesia", "Études & <essais> \"critiques\"", "Þjóðsögur Jóns Árnasonar",
                "中国文学史", "Pemikiran Soekarno tentang ekonomi"][n % 5]
            let book = record("00000nam a2200000 i 4500", [
                ("001", "b\(1000 + n)"),
                ("005", "2019030411223\(n % 10).0"),
                ("008", "190304s2018    io a          000 0 ind d"),
                ("020", "  $a979407123\(n % 10)"),
                ("040", "  $aIdJaUI$beng$cIdJaUI"),
                ("082", "04$a959.8$223"),
                ("100", "1 $aSoekmono, R.,$eauthor."),
                ("245", "10$a\(title) /$cR. Soekmono."),
                ("264", " 1$aJakarta :$bBalai Pustaka,$c\(1950 + n)."),
                ("300", "  $a\(100 + n) pages ;$c24 cm"),
                ("500", "  $a" + String(repeating: "Catatan panjang. ", count: n % 7 * 20 + 1)),
                ("650", " 0$aCivilization$zIndonesia."),
            ])
            var copy = book
            copy.setLeaderByte(UInt8(ascii: "7"), at: 17)
            let members = [
                member("UI", "b\(1000 + n)", book, "2024-01-\(10 + n % 18)T08:00:00Z"),
                member("UGM", "\(500 + n)", copy, "2023-05-01"),
            ]
            return DumpEntry(clusterID: clusterID(n), record: builder.build(clusterID: clusterID(n), members: members))
        }
    }

    /// `count` clusters made of Library of Congress records from the corpus (each merged with a
    /// second member's copy), and a few deleted clusters among them; nil without the corpus.
    static func lcEntries(_ count: Int) throws -> [DumpEntry]? {
        guard let path = Paths.corpusFile("marc/lc-books/lc-books-25k.mrc"),
              FileManager.default.fileExists(atPath: path) else { return nil }
        var reader = ISO2709Reader(source: try FileByteSource(path: path), fileName: path)
        var entries: [DumpEntry] = []
        var n = 0
        while entries.count < count, let lc = try reader.next() {
            n += 1
            _ = reader.drainFindings()
            if n % 9 == 0 {
                entries.append(DumpEntry(clusterID: clusterID(n), record: nil))
                continue
            }
            let id = lc.controlNumber ?? "\(n)"
            let members = [member("DLC", id, lc, "2022-02-0\(1 + n % 9)"), member("UI", "lc\(n)", lc, "2021-01-01")]
            entries.append(DumpEntry(clusterID: clusterID(n), record: builder.build(clusterID: clusterID(n), members: members)))
        }
        return entries
    }

    /// The records as our readers read a dump file back.
    static func readBack(_ bytes: [UInt8], _ format: DumpFormat) throws -> ReadOutcome {
        switch format {
        case .iso2709:
            var reader = ISO2709Reader(source: MemoryByteSource(bytes), fileName: "dump", mode: .strict)
            return try readAll(&reader)
        case .marcxml:
            var reader = MARCXMLReader(source: MemoryByteSource(bytes), fileName: "dump", mode: .strict)
            return try readAll(&reader)
        case .json:
            var reader = MARCJSONReader(source: MemoryByteSource(bytes), fileName: "dump", mode: .strict)
            return try readAll(&reader)
        }
    }

    /// What a dump of `entries` should read back as: the merged records, and each deleted cluster's
    /// deletion record.
    static func expected(_ entries: [DumpEntry], agency: String = "KATALOG") -> [MARCRecord] {
        entries.map { $0.record ?? DeletedRecord.make(clusterID: $0.clusterID, unionAgency: agency) }
    }

    static func temporaryDirectory() -> URL { Paths.temporaryDirectory() }

    /// Files in `dir`, sorted.
    static func files(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }
}
