/// The three families of checks `katalog validate --rules` chooses from.
public enum RuleFamily: String, Sendable, CaseIterable, Hashable {
    /// The record's frame: leader, directory against the data, terminators, lengths, declared vs detected
    /// encoding. For ISO 2709 most of it is what the reader met while framing (its repair findings).
    case structure
    /// MARC 21 Bibliographic content designation, from the rule tables in `Rules/`.
    case marc21
    /// MARCXML input against the MARCXML schema (libxml2, streaming).
    case schema

    /// Parses `structure,marc21,schema` (any order, any non-empty subset); the failure names the first word
    /// that is not a family.
    public static func parse(_ list: String) -> Result<Set<RuleFamily>, UnknownRuleFamily> {
        var families = Set<RuleFamily>()
        for word in list.split(separator: ",") {
            let name = word.trimmingCharacters(in: " ")
            guard let family = RuleFamily(rawValue: name) else { return .failure(UnknownRuleFamily(name: name)) }
            families.insert(family)
        }
        return families.isEmpty ? .failure(UnknownRuleFamily(name: list)) : .success(families)
    }
}

public struct UnknownRuleFamily: Error, Sendable, CustomStringConvertible {
    public let name: String
    public var description: String {
        "unknown rule family '\(name)'; use a comma list of \(RuleFamily.allCases.map(\.rawValue).joined(separator: ", "))"
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
