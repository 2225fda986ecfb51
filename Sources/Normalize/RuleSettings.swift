package import KatalogIO

/// One rule's settings from `[normalize.NAME]`, read with types checked and unknown keys refused,
/// so that a typo in `katalog.toml` is an error rather than a setting silently ignored.
public struct RuleSettings: Sendable {
    let rule: String
    let table: TOMLTable

    package init(rule: String, table: TOMLTable = TOMLTable()) {
        self.rule = rule
        self.table = table
    }

    /// No settings: every key at its default.
    public static func defaults(_ rule: String) -> RuleSettings { RuleSettings(rule: rule) }

    /// The `[normalize.RULE]` table of a `katalog.toml` text.
    public static func from(_ toml: String, rule: String) throws(NormalizerConfigurationError) -> RuleSettings {
        try NormalizerConfiguration(toml: toml).settings(for: rule)
    }

    public func bool(_ key: String, default value: Bool) throws(NormalizerConfigurationError) -> Bool {
        guard let v = table[key] else { return value }
        guard let b = v.boolean else { throw mistyped(key, "true or false", v) }
        return b
    }

    public func string(_ key: String, default value: String?) throws(NormalizerConfigurationError) -> String? {
        guard let v = table[key] else { return value }
        guard let s = v.string else { throw mistyped(key, "a string", v) }
        return s
    }

    public func strings(_ key: String, default value: [String]) throws(NormalizerConfigurationError) -> [String] {
        guard let v = table[key] else { return value }
        guard let a = v.array, a.allSatisfy({ $0.string != nil }) else { throw mistyped(key, "an array of strings", v) }
        return a.compactMap(\.string)
    }

    /// Refuses keys the rule does not know.
    public func only(_ known: Set<String>) throws(NormalizerConfigurationError) {
        for key in table.keys where !known.contains(key) {
            let list = known.sorted().joined(separator: ", ")
            throw NormalizerConfigurationError(
                "[normalize.\(rule)] has no setting '\(key)'" + (known.isEmpty ? "" : " (known: \(list))"),
                line: table.lines[key])
        }
    }

    private func mistyped(_ key: String, _ expected: String, _ v: TOMLValue) -> NormalizerConfigurationError {
        NormalizerConfigurationError("[normalize.\(rule)] \(key) must be \(expected), not \(v.typeName)", line: table.lines[key])
    }
}

/// A problem in the `[normalize]` part of `katalog.toml`.
public struct NormalizerConfigurationError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let line: Int?

    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
