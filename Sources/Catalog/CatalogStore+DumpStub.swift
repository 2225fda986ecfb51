// TEMPORARY — delete this file on integration.
//
// Stand-ins for what the store (clone h-store) provides, with the same names and shapes, so that
// `katalog dump` compiles and runs against the skeleton store: `ChangeMark(since:)` parses
// `--since`, `CatalogStore.dumpEntries(since:)` streams the clusters in id order and keeps a read
// failure in `failure`. Here the store is always empty.

/// TEMPORARY stand-in for the store's `ChangeMark`.
public struct ChangeMark: Sendable, Hashable {
    public var text: String

    /// TEMPORARY: accepts any text starting with a `YYYY-MM-DD` date.
    public init?(since text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        self.text = text
    }
}

/// TEMPORARY stand-in for the store's `DumpEntries`.
public final class DumpEntries: Sequence {
    public private(set) var failure: (any Error)?
    public func makeIterator() -> IndexingIterator<[DumpEntry]> { [].makeIterator() }
}

extension CatalogStore {
    /// TEMPORARY: the real one reads the store.
    public func dumpEntries(since mark: ChangeMark?) -> DumpEntries { DumpEntries() }
}
