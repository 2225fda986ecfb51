/// Decides whether two member records describe the same manifestation: vetoes first, then a shared
/// identifier confirms, else a scored content comparison against the threshold.
///
/// `compare` is a pure function and symmetric: compare(a, b) and compare(b, a) give the same verdict
/// and score, which keeps clustering independent of input order.
///
/// SKELETON: the scoring is filled in by the matcher work.
public struct Matcher: Sendable {
    public var settings: MatchSettings

    public init(settings: MatchSettings = MatchSettings()) {
        self.settings = settings
    }

    public func compare(_ a: MatchProfile, _ b: MatchProfile) -> MatchDecision {
        let shared = Set(a.keys).intersection(b.keys).sorted()
        return MatchDecision(verdict: .nonMatch, score: 0, sharedKeys: shared, vetoes: [], contributions: [])
    }
}
