package import KatalogIO

/// Thresholds and weights of the matcher, from `[match]` in `katalog.toml`; the defaults are the
/// shipped, trained values.
///
/// ```toml
/// [match]
/// threshold = 6.5          # log-odds a content match must reach
/// years-apart = 3          # publication years further apart than this never merge
/// pages-apart = 10         # page counts further apart than this never merge
/// identifier-score = 20.0  # added to the score when an identifier key is shared
///
/// [match.weights]          # override single trained weights by feature name
/// publisher-jaccard = 0.5
/// ```
public struct MatchSettings: Sendable, Hashable {
    /// Pairs scoring at or above this merge. The score is the log-odds of the content model (plus
    /// `identifierScore` when an identifier is shared).
    public var threshold: Double = TrainedWeights.threshold
    /// Years of publication further apart than this veto the match.
    public var yearsApart: Int = 3
    /// Page counts further apart than this veto the match (RecordManager's 10).
    public var pagesApart: Int = 10
    /// What a shared identifier key adds to the score.
    public var identifierScore: Double = 20
    /// The content model's weights, one per `MatchFeatures.names` entry.
    public var weights: [Double] = TrainedWeights.values

    public init() {}

    /// Reads `[match]`; an unknown key or a value of the wrong type is an error naming its line.
    package init(table: TOMLTable?) throws {
        self.init()
        guard let table else { return }
        for key in table.keys {
            let value = table[key]!
            let line = table.lines[key]
            switch key {
            case "threshold": threshold = try Self.number(value, key, line)
            case "identifier-score": identifierScore = try Self.number(value, key, line)
            case "years-apart": yearsApart = try Self.count(value, key, line)
            case "pages-apart": pagesApart = try Self.count(value, key, line)
            case "weights":
                guard let sub = value.table else {
                    throw MatchSettingsError("[match] weights must be a table of feature = number", line: line)
                }
                for name in sub.keys {
                    guard let index = MatchFeatures.names.firstIndex(of: name) else {
                        throw MatchSettingsError(
                            "[match.weights] has no feature '\(name)' (known: \(MatchFeatures.names.joined(separator: ", ")))",
                            line: sub.lines[name])
                    }
                    weights[index] = try Self.number(sub[name]!, "weights.\(name)", sub.lines[name])
                }
            default:
                throw MatchSettingsError(
                    "[match] has no setting '\(key)' (known: threshold, years-apart, pages-apart, identifier-score, weights)",
                    line: line)
            }
        }
    }

    /// A float, or an integer where a float is expected (`threshold = 7`).
    private static func number(_ value: TOMLValue, _ key: String, _ line: Int?) throws(MatchSettingsError) -> Double {
        if let d = value.float { return d }
        if let i = value.integer { return Double(i) }
        throw MatchSettingsError("[match] \(key) must be a number, not a \(value.typeName)", line: line)
    }

    private static func count(_ value: TOMLValue, _ key: String, _ line: Int?) throws(MatchSettingsError) -> Int {
        guard let i = value.integer, i >= 0 else {
            throw MatchSettingsError("[match] \(key) must be a whole number of at least 0", line: line)
        }
        return i
    }
}

/// A `[match]` setting that cannot be used, with the line of `katalog.toml` it is on.
public struct MatchSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int?

    public init(_ message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
