import Foundation
import Synchronization
import Testing
import _KatalogTestSupport

private let lcBooks25k: String? = Paths.corpusFile("marc/lc-books/lc-books-25k.mrc")
    .flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }

/// The union catalogue end to end on a realistic set: `lc-members` makes five members from 1,500
/// Library of Congress records (MARC-8 ISO 2709, MARCXML, MARC-in-JSON, .mrk and UTF-8 ISO 2709, each
/// member with its own 001s, 003, punctuation, case, ISBN forms, dropped identifiers and a few title
/// typos), plus planted e-book editions and later editions that must stay apart. Each member goes
/// through the real `katalog merge`; the `katalog dump --to json` is read back, cluster by cluster,
/// from the 001 (cluster id) and the `035 $a (MEMBER)localid` of each member record.
@Suite(.serialized, .enabled(if: lcBooks25k != nil, "../shared/corpus (lc-books-25k.mrc) is absent"))
struct MultiMemberLCCLITests {
    static let members = ["UNAIR", "UGM", "UI", "ITB", "IPB"]
    static let baseRecords = 1_500
    /// Expects `failures` to be empty. (Jacob Abbott's "Rollo" books, LC 00004534/36/37 and 00004644/46 —
    /// one author, year and publisher, titles differing in a place name — were merged until the matcher's
    /// title-word veto; they are in the first 1,500 records, so this test keeps that veto honest.)
    static func expectNone(_ failures: [(text: String, bases: Set<String>)], _ what: String) {
        #expect(failures.isEmpty, "\(failures.count) \(what):\n\(failures.prefix(15).map(\.text).joined(separator: "\n"))")
    }

    /// One generated set and its merge in member order, shared by the tests (a merge of ~4,600
    /// records is the slow part; made once).
    static let forward = Result { try MergedSet.make() }

    @Test func everyPlantedDuplicateGroupIsOneCluster() throws {
        let set = try Self.forward.get()
        let clusters = try set.clusters(order: Self.members)
        var split: [(text: String, bases: Set<String>)] = []
        for (group, rows) in set.groups {
            let ids = Set(rows.map { clusters.clusterOf[$0.key] ?? "(missing)" })
            if ids.count > 1 {
                split.append(("\(group) [\(rows[0].kind)] in \(ids.count) clusters: "
                    + rows.map { "\($0.key) {\($0.notes)} -> \(clusters.clusterOf[$0.key] ?? "missing")" }.joined(separator: "; "),
                    [rows[0].base]))
            }
        }
        let planted = set.groups.values.filter { $0.count > 1 }.count
        #expect(planted > 1_000, "the set should plant over a thousand duplicate groups, has \(planted)")
        Self.expectNone(split, "of \(planted) planted groups are split")
    }

    @Test func everyMemberRecordIsInTheDumpOnce() throws {
        let set = try Self.forward.get()
        let clusters = try set.clusters(order: Self.members)
        let expected = Set(set.rows.map(\.key))
        #expect(clusters.clusterOf.count == expected.count)
        #expect(Set(clusters.clusterOf.keys) == expected)
        #expect(clusters.duplicateKeys.isEmpty, "records named by two 035s: \(clusters.duplicateKeys.prefix(10))")
    }

    @Test func ebooksAndEditionsNeverShareAClusterWithTheirPrint() throws {
        let set = try Self.forward.get()
        let clusters = try set.clusters(order: Self.members)
        var byBase: [String: [String: Set<String>]] = [:]  // base -> kind -> cluster ids
        for row in set.rows {
            byBase[row.base, default: [:]][row.kind, default: []].insert(clusters.clusterOf[row.key] ?? "missing")
        }
        var wrong: [String] = []
        var negatives = 0
        for (base, kinds) in byBase {
            let print = kinds["copy"] ?? []
            for kind in ["ebook", "edition"] {
                guard let other = kinds[kind] else { continue }
                negatives += 1
                if !print.isDisjoint(with: other) { wrong.append("\(base): \(kind) merged with the print") }
            }
            if let e = kinds["ebook"], let d = kinds["edition"], !e.isDisjoint(with: d) {
                wrong.append("\(base): e-book merged with the later edition")
            }
        }
        #expect(negatives > 50, "the set should plant over fifty hard negatives, has \(negatives)")
        #expect(wrong.isEmpty, "\(wrong.count) hard negatives merged:\n\(wrong.prefix(15).joined(separator: "\n"))")
    }

    @Test func noClusterHoldsTwoRecordsOfOneMember() throws {
        let set = try Self.forward.get()
        let clusters = try set.clusters(order: Self.members)
        var offending: [String] = []
        for (cluster, keys) in clusters.members {
            let codes = keys.map { $0.split(separator: ":")[0] }
            if Set(codes).count != codes.count { offending.append("\(cluster): \(keys.sorted())") }
        }
        #expect(offending.isEmpty, "\(offending.count) clusters:\n\(offending.prefix(10).joined(separator: "\n"))")
    }

    /// Clusters that join records of different base records: not planted, so wrong unless the LC file
    /// itself holds two records of one book (it should not among its first 1,500).
    @Test func noClusterJoinsDifferentBooks() throws {
        let set = try Self.forward.get()
        let clusters = try set.clusters(order: Self.members)
        let rowOf = Dictionary(set.rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var mixed: [(text: String, bases: Set<String>)] = []
        for (cluster, keys) in clusters.members {
            let groups = Set(keys.compactMap { rowOf[$0]?.group })
            if groups.count > 1 {
                mixed.append(("\(cluster): \(groups.sorted())", Set(keys.compactMap { rowOf[$0]?.base })))
            }
        }
        Self.expectNone(mixed, "clusters join different groups")
    }

    @Test func mergingInAnotherOrderGivesTheSameDump() throws {
        let set = try Self.forward.get()
        let forward = try set.dump(order: Self.members)
        let reversed = try set.dump(order: Self.members.reversed())
        #expect(forward.count > 100_000)
        #expect(forward == reversed, "the dump after merging \(Self.members.reversed()) differs from \(Self.members)")
        let rotated = try set.dump(order: Array(Self.members[2...] + Self.members[..<2]))
        #expect(forward == rotated)
    }
}

/// The generated members, their manifest, and the dumps made from them (one per merge order).
final class MergedSet: Sendable {
    struct Row: Sendable {
        var member, localID, group, kind, base, notes: String
        var key: String { "\(member):\(localID)" }
    }

    struct Clusters {
        /// `MEMBER:localid` -> cluster id (the dump's 001).
        var clusterOf: [String: String] = [:]
        var members: [String: [String]] = [:]
        var duplicateKeys: [String] = []
    }

    let directory: URL
    let files: [String: String]
    let rows: [Row]
    let groups: [String: [Row]]
    private let dumps = Mutex<[String: [UInt8]]>([:])

    private init(directory: URL, files: [String: String], rows: [Row]) {
        self.directory = directory
        self.files = files
        self.rows = rows
        groups = Dictionary(grouping: rows, by: \.group)
    }

    static func make() throws -> MergedSet {
        let dir = Paths.temporaryDirectory()
        let out = dir.appendingPathComponent("members")
        let result = try run(Paths.lcMembersBinary, [
            "--input", lcBooks25k!, "--out", out.path,
            "--base", String(MultiMemberLCCLITests.baseRecords),
            "--members", MultiMemberLCCLITests.members.joined(separator: ","), "--quiet",
        ])
        guard result.status == 0 else { throw SetFailure("lc-members exited \(result.status): \(result.stderr)") }
        var files: [String: String] = [:]
        for line in try tsv(out.appendingPathComponent("members.tsv")) {
            files[line[0]] = out.appendingPathComponent(line[1]).path
        }
        let rows = try tsv(out.appendingPathComponent("manifest.tsv")).map {
            Row(member: $0[0], localID: $0[1], group: $0[2], kind: $0[3], base: $0[4], notes: $0.count > 5 ? $0[5] : "")
        }
        return MergedSet(directory: dir, files: files, rows: rows)
    }

    /// Merges every member, in `order`, into a fresh catalogue and returns its JSON dump.
    func dump(order: [String]) throws -> [UInt8] {
        let name = order.joined(separator: "-")
        if let done = dumps.withLock({ $0[name] }) { return done }
        let katalog = Paths.katalogBinary
        let catalog = directory.appendingPathComponent("\(name).katalog").path
        for member in order {
            let r = try run(katalog, ["merge", "--catalog", catalog, "--member", member, files[member]!])
            guard r.status == 0 else { throw SetFailure("katalog merge \(member) exited \(r.status): \(r.stderr.suffix(2_000))") }
        }
        let path = directory.appendingPathComponent("\(name).json").path
        let r = try run(katalog, ["dump", "--catalog", catalog, "--to", "json", "-o", path])
        guard r.status == 0 else { throw SetFailure("katalog dump exited \(r.status): \(r.stderr.suffix(2_000))") }
        let bytes = try Paths.bytes(path)
        dumps.withLock { $0[name] = bytes }
        return bytes
    }

    /// Cluster membership read from a dump: 001 = cluster id, one `035 $a (MEMBER)localid` per member record.
    func clusters(order: [String]) throws -> Clusters {
        let codes = Set(MultiMemberLCCLITests.members)
        var result = Clusters()
        let bytes = try dump(order: order)
        for line in bytes.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let fields = try #require(object["fields"] as? [[String: Any]])
            var cluster: String?
            var keys: [String] = []
            for field in fields {
                if let id = field["001"] as? String { cluster = id }
                guard let f035 = field["035"] as? [String: Any], let subfields = f035["subfields"] as? [[String: String]] else {
                    continue
                }
                for a in subfields.compactMap({ $0["a"] }) where a.hasPrefix("(") {
                    guard let close = a.firstIndex(of: ")") else { continue }
                    let code = String(a[a.index(after: a.startIndex)..<close])
                    if codes.contains(code) { keys.append("\(code):\(a[a.index(after: close)...])") }
                }
            }
            let id = try #require(cluster, "a dumped record without 001")
            for key in keys {
                if result.clusterOf[key] != nil { result.duplicateKeys.append(key) }
                result.clusterOf[key] = id
                result.members[id, default: []].append(key)
            }
        }
        return result
    }

    private static func tsv(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}

struct SetFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The generator's own checks, which hold before any merging exists: same arguments give the same
/// bytes, the manifest names exactly the records in the member files, every format reads back with
/// katalog, the MARC-8 member is MARC-8, copies keep the base record's ISBN (in another form) and the
/// planted negatives carry what tells them apart.
@Suite(.serialized, .enabled(if: lcBooks25k != nil, "../shared/corpus (lc-books-25k.mrc) is absent"))
struct LCMembersGeneratorTests {
    static let members = ["UNAIR", "UGM", "UI", "ITB", "IPB"]

    func generate(_ dir: URL, base: Int = 400) throws {
        let result = try run(Paths.lcMembersBinary, [
            "--input", lcBooks25k!, "--out", dir.path, "--base", String(base),
            "--members", Self.members.joined(separator: ","), "--ebooks", "0.2", "--editions", "0.2", "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A member file (any format) as MARC-in-JSON records, read by katalog itself.
    func records(_ path: String) throws -> [SimpleRecord] {
        let r = try run(Paths.katalogBinary, ["convert", path, "--to", "json", "-o", "-", "--quiet", "--unicode-form", "keep"])
        #expect(r.status == 0, "\(r.stderr)")
        return try r.stdout.split(separator: UInt8(ascii: "\n")).map { try SimpleRecord(json: Array($0)) }
    }

    @Test func sameArgumentsGiveTheSameBytes() throws {
        let a = Paths.temporaryDirectory(), b = Paths.temporaryDirectory()
        try generate(a, base: 200)
        try generate(b, base: 200)
        let names = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        #expect(names == ["IPB.mrc", "ITB.mrk", "UGM.xml", "UI.json", "UNAIR.marc8.mrc", "manifest.tsv", "members.tsv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: b.path).sorted() == names)
        for name in names {
            #expect(try Paths.bytes(a.appendingPathComponent(name).path) == Paths.bytes(b.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func manifestNamesExactlyTheRecordsOfEachMemberAndTheNegativesLookTheirPart() throws {
        let dir = Paths.temporaryDirectory()
        try generate(dir)
        let manifest = try String(contentsOf: dir.appendingPathComponent("manifest.tsv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        // The first 400 LC records, cut from the file at their terminators.
        let lc = try Paths.bytes(lcBooks25k!)
        var end = lc.startIndex
        for _ in 0..<400 { end = lc[end...].firstIndex(of: 0x1D)! + 1 }
        let basePath = dir.appendingPathComponent("base.mrc")
        try Data(lc[..<end]).write(to: basePath)
        let base = Dictionary(try records(basePath.path).map { ($0.control("001")!.trimmingCharacters(in: .whitespaces), $0) },
                              uniquingKeysWith: { a, _ in a })
        var kinds: [String: Int] = [:]
        for (code, file) in zip(Self.members, ["UNAIR.marc8.mrc", "UGM.xml", "UI.json", "ITB.mrk", "IPB.mrc"]) {
            let path = dir.appendingPathComponent(file).path
            let rows = manifest.filter { $0[0] == code }
            let recs = try records(path)
            #expect(recs.map { $0.control("001") ?? "" } == rows.map { $0[1] }, "\(code): 001s vs manifest")
            #expect(recs.allSatisfy { $0.control("003") == code })
            #expect(recs.count > 150)
            for (rec, row) in zip(recs, rows) {
                let kind = row[3]
                kinds[kind, default: 0] += 1
                let print = try #require(base[row[4]], "base \(row[4])")
                let printISBNs = Set(print.values("020", "a").compactMap(isbn13))
                let isbns = Set(rec.values("020", "a").compactMap(isbn13))
                switch kind {
                case "copy":
                    #expect(row[2] == row[4])
                    #expect(isbns.isSubset(of: printISBNs), "\(code):\(row[1]) ISBNs \(isbns) vs \(printISBNs)")
                    #expect(rec.control("008") == print.control("008"))
                case "ebook":
                    #expect(row[2] == row[4] + "/ebook")
                    #expect(rec.control("007")?.hasPrefix("cr") == true)
                    #expect(rec.control("008").map { Array($0)[23] } == "o")
                    #expect(rec.values("338", "b") == ["cr"])
                    #expect(rec.values("300", "a").first?.hasPrefix("1 online resource") == true)
                    #expect(isbns.isDisjoint(with: printISBNs))
                    #expect(rec.values("010", "a").isEmpty)
                    // The print ISBN (the first, when the print has several) is in 776 $z.
                    let linked = Set(rec.values("776", "z"))
                    #expect(linked.isSubset(of: printISBNs) && linked.isEmpty == printISBNs.isEmpty)
                case "edition":
                    #expect(row[2] == row[4] + "/edition")
                    #expect(rec.values("250", "a").count == 1)
                    #expect(rec.values("250", "a") != print.values("250", "a"))
                    #expect(rec.control("008")?.dropFirst(7).prefix(4) != print.control("008")?.dropFirst(7).prefix(4))
                    #expect(isbns.isDisjoint(with: printISBNs))
                    #expect(rec.values("010", "a").isEmpty)
                default:
                    Issue.record("unknown kind \(kind)")
                }
            }
        }
        #expect(kinds["copy", default: 0] > 1_000)
        #expect(kinds["ebook", default: 0] > 30)
        #expect(kinds["edition", default: 0] > 30)
        // The MARC-8 member really is MARC-8: leader/09 blank in every record, and non-ASCII text as
        // MARC-8 bytes, not UTF-8 (LC's UTF-8 é is C3 A9; MARC-8 writes E2 65).
        let marc8 = try Paths.bytes(dir.appendingPathComponent("UNAIR.marc8.mrc").path)
        let frames = marc8.split(separator: 0x1D)
        #expect(frames.count == manifest.filter { $0[0] == "UNAIR" }.count)
        #expect(frames.allSatisfy { $0[$0.startIndex + 9] == UInt8(ascii: " ") })
        #expect(String(decoding: marc8, as: UTF8.self).utf8.count != marc8.count || !marc8.contains(where: { $0 >= 0x80 }),
                "the MARC-8 member should not be valid UTF-8")
    }

    /// ISBN-13 digits of a 020 $a ("0-394-56789-0 (pbk.)" → "9780394567890").
    func isbn13(_ text: String) -> String? {
        let digits = String(text.prefix { $0.isNumber || $0 == "X" || $0 == "x" || $0 == "-" }.filter { $0 != "-" }).uppercased()
        if digits.count == 13 { return digits }
        guard digits.count == 10 else { return nil }
        let twelve = "978" + digits.prefix(9)
        let sum = twelve.compactMap(\.wholeNumberValue).enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return twelve + String((10 - sum % 10) % 10)
    }
}

/// A MARC-in-JSON record as katalog writes it, for reading values in tests.
struct SimpleRecord {
    var leader: String
    var fields: [(tag: String, value: Any)]

    init(json: [UInt8]) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        leader = object["leader"] as? String ?? ""
        fields = (object["fields"] as? [[String: Any]] ?? []).compactMap { $0.first.map { ($0.key, $0.value) } }
    }

    func control(_ tag: String) -> String? { fields.first { $0.tag == tag }?.value as? String }

    func values(_ tag: String, _ code: String) -> [String] {
        fields.filter { $0.tag == tag }.flatMap { field -> [String] in
            let subfields = (field.value as? [String: Any])?["subfields"] as? [[String: String]] ?? []
            return subfields.compactMap { $0[code] }
        }
    }
}
