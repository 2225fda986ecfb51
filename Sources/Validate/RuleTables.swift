import MARCRecord

/// The MARC 21 rule tables, parsed once from the `.tsv` files under `Rules/` that the build embeds in the
/// binary. Everything a rule knows about the format comes from here, so a MARC update is an edit of a table.
final class RuleTables: Sendable {
    static let shared = RuleTables()

    /// Field definitions by numeric tag (000-999); nil for tags the format does not define.
    let fields: [FieldDefinition?]
    /// 008 positions by material; `common` holds 00-17 and 35-39.
    let fixed008: [Material: [FixedPosition]]
    let fixed008Common: [FixedPosition]
    /// 007 categories by their 007/00 byte.
    let categories007: [UInt8: Category007]
    let languages: [String: CodeStatus]
    let countries: [String: CodeStatus]
    /// Leading articles, lowercased, with the languages they are articles in.
    let articles: [String: [String]]
    /// Lowercased title beginnings that look like an article but are not one (`los angeles`).
    let articleExceptions: [String]

    init() {
        var fields = [FieldDefinition?](repeating: nil, count: 1000)
        for row in TSV.rows(PackageResources.bib_fields_tsv) where row.count >= 6 {
            guard let definition = FieldDefinition(row: row), let n = Int(row[0]) else { continue }
            fields[n] = definition
        }
        self.fields = fields
        var fixed: [Material: [FixedPosition]] = [:]
        var common: [FixedPosition] = []
        for row in TSV.rows(PackageResources.bib_008_tsv) where row.count >= 5 {
            guard let position = FixedPosition(row: row) else { continue }
            if row[0] == "ALL" { common.append(position) } else if let m = Material(rawValue: String(row[0])) {
                fixed[m, default: []].append(position)
            }
        }
        fixed008 = fixed
        fixed008Common = common
        var categories: [UInt8: Category007] = [:]
        for row in TSV.rows(PackageResources.bib_007_tsv) where row.count >= 4 {
            guard let byte = row[0].utf8.first else { continue }
            categories[byte] = Category007(
                lengths: row[1].split(separator: ",").compactMap { Int($0) }, specific: ByteSet(tableCell: row[2]),
                name: String(row[3]))
        }
        categories007 = categories
        languages = Self.codes(PackageResources.languages_tsv)
        countries = Self.codes(PackageResources.countries_tsv)
        var articles: [String: [String]] = [:]
        var exceptions: [String] = []
        for row in TSV.rows(PackageResources.articles_tsv) where row.count >= 2 {
            if row[0] == "-" { exceptions.append(row[1].lowercased()); continue }
            articles[String(row[0])] = row[1].split(separator: " ").map(String.init)
        }
        self.articles = articles
        articleExceptions = exceptions
    }

    private static func codes(_ bytes: [UInt8]) -> [String: CodeStatus] {
        var codes: [String: CodeStatus] = [:]
        for row in TSV.rows(bytes) where row.count >= 2 {
            codes[String(row[0])] = row[1] == "obsolete" ? .obsolete : .current
        }
        return codes
    }

    /// The definition of a tag, or nil when it is not numeric or not defined.
    @inline(__always)
    func field(_ tag: Tag) -> FieldDefinition? {
        let a = Int(tag.byte(0)) &- 48, b = Int(tag.byte(1)) &- 48, c = Int(tag.byte(2)) &- 48
        guard a >= 0, a < 10, b >= 0, b < 10, c >= 0, c < 10 else { return nil }
        return fields[a * 100 + b * 10 + c]
    }
}

enum CodeStatus: Sendable { case current, obsolete }

/// Tab-separated rows of a table; lines starting with `#` and blank lines are comments.
enum TSV {
    static func rows(_ bytes: [UInt8]) -> [[Substring]] {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            guard !line.hasPrefix("#"), !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else { return nil }
            return line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? $0.dropLast() : $0
            }
        }
    }
}
