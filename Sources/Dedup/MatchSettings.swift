package import KatalogIO

/// Thresholds and weights of the matcher, from `[match]` in `katalog.toml`; the defaults are the
/// shipped, trained values.
///
/// SKELETON: the matcher work adds the weights and the TOML keys.
public struct MatchSettings: Sendable, Hashable {
    /// Pairs scoring at or above this merge.
    public var threshold: Double = 0

    public init() {}

    /// Reads `[match]`; an unknown key or a value of the wrong type is an error naming its line.
    package init(table: TOMLTable?) throws {
        self.init()
    }
}
