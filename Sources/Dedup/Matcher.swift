/// Decides whether two member records describe the same manifestation: vetoes first, then a shared
/// identifier confirms, else a scored content comparison against the threshold.
///
/// `compare` is a pure function and symmetric: compare(a, b) and compare(b, a) give the same verdict
/// and score, which keeps clustering independent of input order.
///
/// The content score is the log-odds of a logistic model over `MatchFeatures` (a Fellegi–Sunter
/// style sum of agreement weights, learned from the first half of Goldfinch's val pairs by
/// `dedup-tune`); each feature's weight × value is one contribution, so the contributions add up
/// to the score.
public struct Matcher: Sendable {
    public var settings: MatchSettings

    public init(settings: MatchSettings = MatchSettings()) {
        self.settings = settings
    }

    public func compare(_ a: MatchProfile, _ b: MatchProfile) -> MatchDecision {
        let shared = Self.sharedKeys(a.keys, b.keys)
        let vetoes = Vetoes.reasons(a, b, settings: settings)
        var x = [Double](repeating: 0, count: MatchFeatures.count)
        MatchFeatures.compute(a, b, into: &x)
        var contributions: [MatchDecision.Contribution] = []
        contributions.reserveCapacity(24)
        var score = 0.0
        let weights = settings.weights
        for k in 0..<x.count where x[k] != 0 {
            let w = k < weights.count ? weights[k] : 0
            let c = w * x[k]
            if c != 0 {
                score += c
                contributions.append(.init(signal: MatchFeatures.names[k], weight: c))
            }
        }
        var confirming = shared.filter { Self.confirms($0, a, b) }
        if let first = confirming.first {
            if Self.titlesDisagree(a, b) {
                // Publishers reuse ISBNs and systems copy numbers into the wrong record: an identifier
                // shared by two unrelated titles proves nothing, and the content score decides.
                contributions.append(.init(signal: "identifier \(first.kind.rawValue) (titles disagree: not trusted)", weight: 0))
                confirming = []
            } else {
                score += settings.identifierScore
                contributions.append(.init(signal: "identifier \(first.kind.rawValue)", weight: settings.identifierScore))
            }
        }
        let verdict: MatchDecision.Verdict =
            vetoes.isEmpty && (!confirming.isEmpty || score >= settings.threshold) ? .match : .nonMatch
        return MatchDecision(verdict: verdict, score: score, sharedKeys: shared, vetoes: vetoes, contributions: contributions)
    }

    /// Whether a shared key is proof on its own. Content keys never are; an ISSN is for serials
    /// only (monographs in a series often carry the series' ISSN in 022).
    static func confirms(_ key: MatchKey, _ a: MatchProfile, _ b: MatchProfile) -> Bool {
        switch key.kind {
        case .content: false
        case .issn: a.format.level == UInt8(ascii: "s") && b.format.level == UInt8(ascii: "s")
        default: true
        }
    }

    /// Both records have a title and the titles have little in common: Jaro–Winkler below 0.7 and
    /// fewer than a third of the shorter title's words shared.
    static func titlesDisagree(_ a: MatchProfile, _ b: MatchProfile) -> Bool {
        guard !a.title.isEmpty, !b.title.isEmpty, a.title != b.title else { return false }
        return Similarity.jaroWinkler(a.title, b.title) < 0.7 && Similarity.containment(a.titleWords, b.titleWords) < 0.34
    }

    /// The keys both sorted key lists hold, sorted.
    static func sharedKeys(_ a: [MatchKey], _ b: [MatchKey]) -> [MatchKey] {
        var out: [MatchKey] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                out.append(a[i])
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return out
    }
}
