/// One change a rule made to a record: which rule, where, and the text before and after. Reports
/// and `katalog explain` show these so that nobody has to guess why a member's record looks different
/// in the union catalogue.
public struct NormalizationChange: Sendable, Hashable, Codable {
    /// The rule's name as written in `katalog.toml` (`isbn`, `whitespace`…).
    public var rule: String
    /// The field's tag, `LDR` for the leader; nil for a change to the whole record.
    public var tag: String?
    /// The field (or leader) before the change, with subfield delimiters shown as `$`; nil when the
    /// rule added the field.
    public var before: String?
    /// The field after the change; nil when the rule removed it.
    public var after: String?

    public init(rule: String, tag: String?, before: String?, after: String?) {
        self.rule = rule
        self.tag = tag
        self.before = before
        self.after = after
    }

    /// `isbn 020: $a9799791234567 → $a9789791234561` for logs and text reports.
    public var line: String {
        var s = rule
        if let tag { s += " \(tag)" }
        s += ": \(before ?? "(none)") → \(after ?? "(removed)")"
        return s
    }
}
