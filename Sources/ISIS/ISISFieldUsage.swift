#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which tags a database uses, how, and what they are called: what a librarian needs to write a
/// mapping profile (`katalog inspect DB.mst`). Memory grows with the number of distinct tags, not
/// with the records.
public struct ISISFieldUsage: Sendable {
    public struct Row: Sendable, Hashable, Codable {
        public var tag: Int
        /// The FDT's name for the tag, when there is an FDT.
        public var name: String?
        public var occurrences = 0
        public var records = 0
        /// Subfield codes seen (`^x`), sorted.
        public var subfieldCodes: String = ""
        /// The first non-empty value met, cut to 80 characters.
        public var sample: String = ""
        /// Occurrences the profile did not map (kept in its local field).
        public var unmapped = 0
    }

    private var rows: [Int: Row] = [:]
    private var codes: [Int: Set<UInt8>] = [:]
    private var samples: [Int: [UInt8]] = [:]
    private var lastRecord: [Int: Int] = [:]
    private var recordIndex = 0

    public init() {}

    /// Counts one record's fields.
    public mutating func add(_ record: ISISRecord, unmappedTags: [Int] = []) {
        recordIndex += 1
        for field in record.fields {
            let tag = field.tag
            var row = rows[tag] ?? Row(tag: tag)
            row.occurrences += 1
            if lastRecord[tag] != recordIndex {
                lastRecord[tag] = recordIndex
                row.records += 1
            }
            rows[tag] = row
            let bytes = Array(field.bytes)
            var i = 0
            while i + 1 < bytes.count {
                if bytes[i] == UInt8(ascii: "^"), bytes[i + 1] > 0x20, bytes[i + 1] < 0x7F {
                    codes[tag, default: []].insert(bytes[i + 1] | (bytes[i + 1] >= 0x41 && bytes[i + 1] <= 0x5A ? 0x20 : 0))
                    i += 2
                } else {
                    i += 1
                }
            }
            if samples[tag] == nil && !bytes.isEmpty { samples[tag] = Array(bytes.prefix(240)) }
        }
        for tag in unmappedTags { rows[tag]?.unmapped += 1 }
    }

    /// The table, by tag, with sample values and FDT names decoded by `decoder`.
    public func rows(decoder: ISISTextDecoder, fdt: ISISFieldDefinitionTable? = nil) -> [Row] {
        var names: [Int: [UInt8]] = [:]
        for d in fdt?.definitions ?? [] where names[d.tag] == nil { names[d.tag] = d.name }
        return rows.keys.sorted().map { tag in
            var row = rows[tag]!
            row.name = names[tag].map { decoder.decodeString($0) }
            row.subfieldCodes = String(decoding: (codes[tag] ?? []).sorted(), as: UTF8.self)
            let text = samples[tag].map { decoder.decodeString($0) } ?? ""
            row.sample = text.count > 80 ? String(text.prefix(79)) + "…" : text
            return row
        }
    }

    /// The file named like `path` with extension `ext`, in any letter case, in the same folder
    /// (the `.fdt` beside a `.mst`); the exact spelling wins.
    public static func siblingPath(of path: String, extension ext: String) -> String? {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        let wanted = stem + "." + ext
        guard let handle = opendir(dir.isEmpty ? "." : dir) else { return nil }
        defer { closedir(handle) }
        var found: String?
        while let entry = readdir(handle) {
            let candidate = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if candidate == wanted { return dir + candidate }
            if candidate.lowercased() == wanted.lowercased() { found = dir + candidate }
        }
        return found
    }
}
