#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization
import KatalogIO
import MARCRecord
import MARCXML

/// A `HarvestSink` on plain files (`katalog harvest --to-dir PATH`), for tests and for looking at what a
/// provider sends:
///
/// ```
/// PATH/MEMBER/state.json               the harvest state (the commit point)
/// PATH/MEMBER/pages/000001.xml         the page's records as MARCXML
/// PATH/MEMBER/pages/000001.tsv         one line per record or deletion: R|D <tab> identifier <tab> datestamp
/// PATH/MEMBER/raw/000001.xml.gz        the response as received, gzip'd
/// PATH/MEMBER/reconcile/identifiers.txt  the identifiers of the last complete reconciliation
/// ```
///
/// Every file is written under a temporary name and renamed into place; `state.json` last. A crash
/// before that rename leaves page files that the page fetched again overwrites (same number).
public final class DirectorySink: HarvestSink {
    public let root: String
    private let reconcileFiles = Mutex<[String: OutputFile]>([:])

    public init(root: String) throws {
        self.root = root
        try Self.makeDirectory(root)
    }

    private func memberDirectory(_ member: String) -> String { root + "/" + member }

    public func state(member: String) async throws -> HarvestState? {
        let path = memberDirectory(member) + "/state.json"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try JSONDecoder().decode(HarvestState.self, from: data)
    }

    public func beginPage(member: String) async throws -> any HarvestPageTransaction {
        let dir = memberDirectory(member)
        try Self.makeDirectory(dir + "/pages")
        let next = (try await state(member: member)?.pageSequence ?? 0) + 1
        return try DirectoryPage(directory: dir, name: String(format: "%06d", next))
    }

    public func reconcileStarted(member: String) async throws {}

    /// Returns nothing to fetch: the directory keeps pages, not a record set to compare with.
    public func reconcileIdentifiers(member: String, identifiers: [String], deleted: [String]) async throws -> [String] {
        let dir = memberDirectory(member) + "/reconcile"
        try Self.makeDirectory(dir)
        let file = try reconcileFiles.withLock { files in
            if let file = files[member] { return file }
            let file = try OutputFile(path: dir + "/identifiers.txt")
            files[member] = file
            return file
        }
        for id in identifiers { try file.write(id + "\n") }
        return []
    }

    public func reconcileFinished(member: String, complete: Bool, seen: Int) async throws {
        let file = reconcileFiles.withLock { $0.removeValue(forKey: member) }
        if complete {
            if let file { try file.commit() } else {
                try Self.makeDirectory(memberDirectory(member) + "/reconcile")
                let empty = try OutputFile(path: memberDirectory(member) + "/reconcile/identifiers.txt")
                try empty.commit()
            }
        } else {
            file?.discard()
        }
    }

    /// What the directory holds for a member now: each identifier's last line over all pages, in order.
    public func currentItems(member: String) throws -> [String: (deleted: Bool, datestamp: String)] {
        let dir = memberDirectory(member) + "/pages"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".tsv") }
            .sorted()
        var items: [String: (deleted: Bool, datestamp: String)] = [:]
        for name in names {
            let text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard parts.count == 3 else { continue }
                items[String(parts[1])] = (parts[0] == "D", String(parts[2]))
            }
        }
        return items
    }

    static func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}

/// A page of the directory sink: records and index lines go to temporary files as they come; `commit`
/// renames them into place, then the state (the commit point).
final class DirectoryPage: HarvestPageTransaction {
    private let directory: String
    private let name: String
    private let xml: OutputFile
    private var writer: MARCXMLWriter
    private let index: OutputFile
    private var items = 0

    init(directory: String, name: String) throws {
        self.directory = directory
        self.name = name
        xml = try OutputFile(path: directory + "/pages/\(name).xml")
        writer = MARCXMLWriter(output: xml)
        index = try OutputFile(path: directory + "/pages/\(name).tsv")
    }

    func add(_ item: HarvestedRecord) throws {
        _ = try writer.write(item.record)
        try index.write("R\t\(item.identifier)\t\(item.datestamp ?? "")\n")
        items += 1
    }

    func delete(_ deletion: HarvestedDeletion) throws {
        try index.write("D\t\(deletion.identifier)\t\(deletion.datestamp ?? "")\n")
        items += 1
    }

    func commit(state: HarvestState, rawPath: String?, findings: [Finding]) async throws {
        if items > 0 {
            try writer.finish()
            try xml.commit()
            try index.commit()
        } else {
            xml.discard()
            index.discard()
        }
        if let rawPath {
            try DirectorySink.makeDirectory(directory + "/raw")
            let target = directory + "/raw/\(name).xml.gz"
            try Gzip.compress(file: rawPath, to: target + ".tmp-raw")
            guard rename(target + ".tmp-raw", target) == 0 else {
                throw IOError(path: target, operation: "rename", errno: errno)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let file = try OutputFile(path: directory + "/state.json")
        try file.write(Array(try encoder.encode(state)))
        try file.commit()
    }

    func rollback() async {
        xml.discard()
        index.discard()
    }
}
