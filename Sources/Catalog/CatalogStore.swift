internal import CSQLite

/// SKELETON: the catalogue store (one SQLite file, WAL, versioned migrations).
public final class CatalogStore {
    public init(path: String) throws {}
}
