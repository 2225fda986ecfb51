import Catalog
import Dedup
import Foundation
import MARCRecord
import Normalize
import _KatalogTestSupport

/// Synthetic member records for the store's tests: work `n` is a book with its own valid ISBN-13,
/// title and year, so that records of different members describing the same work share an identifier.
enum Books {
    /// A valid ISBN-13 for work `n` (978 + 9 digits + check digit).
    static func isbn(_ n: Int) -> String {
        let body = "978" + String(format: "%09d", n % 1_000_000_000)
        let digits = body.compactMap { $0.wholeNumberValue }
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return body + String((10 - sum % 10) % 10)
    }

    /// One member's record of work `work` with local id `id`; `variant` changes a note so the record
    /// differs without describing another book.
    static func record(id: String, work: Int, variant: Int = 0, deleted: Bool = false, extraFields: Int = 0) -> MARCRecord {
        var leader = Leader()
        if deleted { leader = Leader("00000dam a2200000 a 4500")! }
        var r = MARCRecord(leader: leader)
        r.appendControlField("001", id)
        r.appendControlField("008", "230412s\(year(work))    io            000 0 eng d")
        r.appendDataField("020", subfields: [("a", isbn(work))])
        r.appendDataField("100", indicators: "1 ", subfields: [("a", "Author\(work % 97), A.")])
        r.appendDataField("245", indicators: "10", subfields: [("a", "Book number \(work) :"), ("b", "a synthetic title")])
        r.appendDataField("260", subfields: [("a", "Jakarta :"), ("b", "Publisher \(work % 13),"), ("c", year(work))])
        r.appendDataField("300", subfields: [("a", "\(100 + work % 200) p.")])
        for i in 0..<extraFields { r.appendDataField("650", indicators: " 0", subfields: [("a", "Subject \(i)")]) }
        if variant != 0 { r.appendDataField("500", subfields: [("a", "Note version \(variant)")]) }
        return r
    }

    static func year(_ work: Int) -> String { String(1950 + work % 70) }

    /// True once the matcher keys records by ISBN (before that the skeleton gives no keys and
    /// clustering tests have nothing to cluster).
    static var matcherKeysISBN: Bool {
        let profile = MatchProfile(record: Normalizer.catalogue.normalized(record(id: "x", work: 1), memberCode: "T").0)
        return profile.keys.contains { $0.kind == .isbn }
    }
}

extension Normalizer {
    static let catalogue = try! Normalizer()
}

/// A temporary store that removes itself.
final class TemporaryStore {
    let dir = Paths.temporaryDirectory()
    var path: String { dir.appendingPathComponent("catalog.sqlite").path }
    lazy var store: CatalogStore = try! CatalogStore(path: path)

    deinit { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    func merge(_ member: String, _ records: [MARCRecord], full: Bool = false, force: Bool = false,
        batchSize: Int = 1000, maxDeleteShare: Double = 0.2, prepareAhead: Bool = false) throws -> MergeReport
    {
        var settings = CatalogSettings()
        settings.batchSize = batchSize
        settings.maxDeleteShare = maxDeleteShare
        let engine = try MergeEngine(store: store,
            options: .init(member: member, full: full, force: force, settings: settings), inputs: ["test"])
        let builder = prepareAhead ? engine.options.builder : nil
        for r in records { try engine.add(PreparedRecord(r, memberCode: member, normalizer: .catalogue, builder: builder)) }
        return try engine.finish()
    }

    /// Live clusters as sorted lists of `member:localid`, keyed by cluster id.
    func clusters() throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for line in try store.logicalSnapshot(includeTombstones: false) where line.hasPrefix("cluster ") {
            let parts = line.split(separator: " ")
            guard let m = parts.firstIndex(of: "members") else { continue }
            var members: [String] = []
            var i = m + 1
            while i < parts.count && parts[i] != "merged" { members.append(String(parts[i])); i += 1 }
            out[String(parts[1])] = members
        }
        return out
    }
}
