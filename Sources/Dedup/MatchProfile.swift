public import MARCRecord

/// What the matcher knows about one normalized member record: its identifier keys, its content
/// signals and its format class. Computed once when a record is merged and stored beside it, so
/// that scoring a candidate never re-parses its MARC record.
///
/// SKELETON: the fields and `init(record:)` are filled in by the matcher work; the stored form is
/// `serialized()` / `init(serialized:)` and must round-trip exactly.
public struct MatchProfile: Sendable, Hashable {
    /// The keys this record is indexed under: identifier keys (OCLC incl. 019, ISBN-13, ISSN, LCCN,
    /// 015/016, typed 024) and content retrieval keys (title key + author + year, and variants).
    public var keys: [MatchKey]

    public init(record: MARCRecord) {
        keys = []
    }

    /// A compact, versioned byte form for the store.
    public func serialized() -> [UInt8] { [] }

    /// Nil when the bytes are not a profile this version can read (the store then recomputes it).
    public init?(serialized bytes: [UInt8]) {
        keys = []
    }
}
