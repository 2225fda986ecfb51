/// What `dedup-tune` needs from the matcher's internals: the feature vector, the vetoes and the
/// shipped weights. Package access: not part of the library's API.
package enum MatchFeatureAccess {
    package static var names: [String] { MatchFeatures.names }
    package static var count: Int { MatchFeatures.count }

    package static func features(_ a: MatchProfile, _ b: MatchProfile) -> [Double] {
        var x = [Double](repeating: 0, count: MatchFeatures.count)
        MatchFeatures.compute(a, b, into: &x)
        return x
    }

    package static func vetoes(_ a: MatchProfile, _ b: MatchProfile, settings: MatchSettings = MatchSettings()) -> [String] {
        Vetoes.reasons(a, b, settings: settings)
    }

    package static var shippedWeights: [Double] {
        let w = TrainedWeights.values
        return w.count == MatchFeatures.count ? w : [Double](repeating: 0, count: MatchFeatures.count)
    }

    package static var shippedThreshold: Double { TrainedWeights.threshold }
}
