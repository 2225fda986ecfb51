public import MARCRecord

/// The normalization pipeline: named rules run in order over each record.
///
/// `katalog convert --normalize` runs it on request; the catalogue runs it on every member record
/// before computing the content hash and the match keys.
public struct Normalizer: Sendable {
    public let rules: [any NormalizationRule]

    /// Every rule Katalog has, in the default order. The order matters: whitespace before the
    /// identifier rules (they read trimmed values), ISSN before ISBN (an ISSN left in 020 must move
    /// before the ISBN rule would call it an invalid ISBN), leader last (it counts the final bytes).
    public static let available: [any NormalizationRule.Type] = [
        UnicodeNFC.self, Whitespace.self, ISSNRule.self, ISBNRule.self, LCCNRule.self, OCLCRule.self,
        FixedFields.self, Provenance.self, LeaderRule.self,
    ]

    public static var defaultOrder: [String] { available.map { $0.name } }

    /// The pipeline `configuration` describes.
    public init(_ configuration: NormalizerConfiguration = NormalizerConfiguration()) throws(NormalizerConfigurationError) {
        var rules: [any NormalizationRule] = []
        for name in configuration.order {
            guard let type = Self.available.first(where: { $0.name == name }) else {
                let known = Self.defaultOrder.joined(separator: ", ")
                throw NormalizerConfigurationError("[normalize] rules: no rule named '\(name)' (known: \(known))",
                                                   line: configuration.orderLine)
            }
            rules.append(try type.init(settings: configuration.settings(for: name)))
        }
        self.rules = rules
    }

    /// Runs every rule over `record`; the changes are in `context.changes`.
    public func normalize(_ record: inout MARCRecord, _ context: inout NormalizationContext) {
        // By index: `for rule in rules` copies each rule out of the array (an existential copy per rule
        // per record); calling through the element borrows it.
        for i in rules.indices { rules[i].apply(to: &record, &context) }
    }

    /// The normalized copy of `record` and the changes made.
    public func normalized(
        _ record: MARCRecord, memberCode: String? = nil, localID: String? = nil
    ) -> (MARCRecord, [NormalizationChange]) {
        var copy = record
        var context = NormalizationContext(memberCode: memberCode, localID: localID)
        normalize(&copy, &context)
        return (copy, context.changes)
    }
}
