public import MARCRecord

/// Checks records against the chosen rule families. A value type with no mutable state: one validator is
/// shared by every worker thread.
public struct Validator: Sendable {
    public let families: Set<RuleFamily>
    private let structureRules: [any RecordRule]
    private let marc21Rules: [any RecordRule]

    /// - Parameter numericLengths: whether leader/00-04 and 12-16 must be digits (ISO 2709 input).
    public init(families: Set<RuleFamily>, numericLengths: Bool) {
        self.families = families
        let tables = RuleTables.shared
        structureRules = [LeaderRule(numericLengths: numericLengths), EncodingRule()]
        marc21Rules = [
            RequiredFieldsRule(), FieldDefinitionRule(tables: tables), IndicatorRule(tables: tables),
            SubfieldRule(tables: tables), FixedField008Rule(tables: tables), FixedField006Rule(tables: tables),
            FixedField007Rule(tables: tables), ISBNRule(), ISSNRule(), LanguageCodeRule(tables: tables),
            CountryCodeRule(tables: tables), NonFilingRule(tables: tables),
        ]
    }

    /// The problems of one record, in rule order. MARC 21 Bibliographic rules apply to bibliographic
    /// records only (leader/06); authority and holdings records get the structure checks.
    public func check(_ record: MARCRecord, site: RecordSite) -> [Problem] {
        var c = RecordCheck(record: record, site: site)
        if families.contains(.structure) { for rule in structureRules { rule.check(&c) } }
        if families.contains(.marc21) && BibliographicRecord.isBibliographic(record) {
            for rule in marc21Rules { rule.check(&c) }
        }
        return c.problems
    }

    /// A reader's finding (framing, repairs, character set) as a structure problem; nil for notes
    /// (`info`) and when the structure family is off. The reader's code becomes the rule id under
    /// `structure.` (`iso2709.length-mismatch` → `structure.length-mismatch`).
    public func problem(from finding: Finding) -> Problem? {
        guard families.contains(.structure), finding.severity > .info else { return nil }
        let code = finding.code.rawValue
        let name = code.split(separator: ".", maxSplits: 1).last.map(String.init) ?? code
        let rule = code.hasPrefix("charset.leader-mismatch") ? "structure.encoding" : "structure.\(name)"
        var message = finding.message
        if let action = finding.action { message += " (reader: \(action))" }
        return Problem(finding.severity, rule: rule, message, file: finding.file ?? "-",
            recordNumber: finding.recordNumber, controlNumber: finding.controlNumber, offset: finding.streamOffset,
            line: Self.line(in: finding.message), tag: finding.tag)
    }

    /// MARCXML reader findings name their line in the message (`line 12, column 3: …`).
    private static func line(in message: String) -> Int? {
        guard message.hasPrefix("line ") else { return nil }
        return Int(message.dropFirst(5).prefix { $0.isNumber })
    }
}
