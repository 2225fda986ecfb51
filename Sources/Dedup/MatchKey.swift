/// A key under which member records are looked up as candidates for each other.
public struct MatchKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case oclc, isbn, issn, lccn, nbn, standard, content
        /// Alphabetical by raw value (the order of stored keys), without comparing strings.
        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }

        var rank: Int {
            switch self {
            case .content: 0
            case .isbn: 1
            case .issn: 2
            case .lccn: 3
            case .nbn: 4
            case .oclc: 5
            case .standard: 6
            }
        }
    }
    public var kind: Kind
    public var value: String

    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    /// Identifier keys are strong evidence; content keys only bring candidates.
    public var isIdentifier: Bool { kind != .content }

    /// The form stored in the catalogue's key table: `kind:value`.
    public var description: String { "\(kind.rawValue):\(value)" }

    public static func < (a: MatchKey, b: MatchKey) -> Bool { (a.kind, a.value) < (b.kind, b.value) }
}
