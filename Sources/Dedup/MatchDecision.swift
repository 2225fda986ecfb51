/// The matcher's verdict on one pair of member records, with everything `katalog explain` prints.
public struct MatchDecision: Sendable, Hashable {
    public enum Verdict: String, Sendable { case match, nonMatch = "non-match" }

    public var verdict: Verdict
    /// The confirmation score (higher is more alike); compared with the configured threshold.
    public var score: Double
    /// The keys both records carry.
    public var sharedKeys: [MatchKey]
    /// Why the pair can never merge (e.g. "format: print vs electronic", "edition differs"); empty
    /// when no veto fired. Any veto makes the verdict `.nonMatch`.
    public var vetoes: [String]
    /// Each signal's contribution to the score, in a stable order, for explanations.
    public var contributions: [Contribution]

    public struct Contribution: Sendable, Hashable {
        public var signal: String
        public var weight: Double
        public init(signal: String, weight: Double) {
            self.signal = signal
            self.weight = weight
        }
    }

    public init(verdict: Verdict, score: Double, sharedKeys: [MatchKey], vetoes: [String], contributions: [Contribution]) {
        self.verdict = verdict
        self.score = score
        self.sharedKeys = sharedKeys
        self.vetoes = vetoes
        self.contributions = contributions
    }
}
