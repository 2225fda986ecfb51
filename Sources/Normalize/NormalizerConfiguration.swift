package import KatalogIO

/// The `[normalize]` part of `katalog.toml`:
///
/// ```toml
/// [normalize]
/// rules = ["nfc", "whitespace", "issn", "isbn", "lccn", "oclc", "fixed-fields", "provenance", "leader"]
///
/// [normalize.isbn]
/// add-isbn13 = true
///
/// [normalize.provenance]
/// call-number-from = ["090", "092"]
/// ```
///
/// Without `rules` every rule runs in the default order; a rule's table sets only what it names.
public struct NormalizerConfiguration: Sendable {
    public var order: [String]
    var tables: [String: TOMLTable] = [:]
    var orderLine: Int?

    /// The defaults: every rule, default settings.
    public init() { order = Normalizer.defaultOrder }

    /// From the text of a `katalog.toml` (other sections are not this type's business).
    public init(toml text: String) throws(NormalizerConfigurationError) {
        let root: TOMLTable
        do { root = try TOML.parse(text) } catch { throw NormalizerConfigurationError(error.message, line: error.line) }
        try self.init(root: root)
    }

    /// From a parsed document, for callers that read the rest of `katalog.toml` too.
    package init(root: TOMLTable) throws(NormalizerConfigurationError) {
        order = Normalizer.defaultOrder
        guard let value = root["normalize"] else { return }
        guard let table = value.table else { throw NormalizerConfigurationError("[normalize] must be a table") }
        for key in table.keys {
            let v = table[key]!
            if key == "rules" {
                guard let names = v.array?.compactMap(\.string), names.count == v.array?.count else {
                    throw NormalizerConfigurationError("[normalize] rules must be an array of rule names", line: table.lines[key])
                }
                order = names
                orderLine = table.lines[key]
            } else if let sub = v.table {
                guard Normalizer.available.contains(where: { $0.name == key }) else {
                    throw NormalizerConfigurationError("[normalize.\(key)]: no rule named '\(key)'", line: table.lines[key])
                }
                tables[key] = sub
            } else {
                throw NormalizerConfigurationError("[normalize] has no setting '\(key)'", line: table.lines[key])
            }
        }
    }

    func settings(for rule: String) -> RuleSettings { RuleSettings(rule: rule, table: tables[rule] ?? TOMLTable()) }
}
