internal import CSQLite

/// A failed SQLite call: the result code, SQLite's message and the statement (or step) that failed.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let context: String

    public init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    public var description: String { "\(context): \(message) (SQLite code \(code))" }
}

/// `SQLITE_TRANSIENT`: SQLite copies bound bytes before the call returns (the macro is not imported).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One SQLite connection. Not shared between threads: the merge engine owns it on one thread.
final class Database {
    let handle: OpaquePointer
    let path: String

    init(path: String) throws(CatalogError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw CatalogError(code: rc, message: message, context: path)
        }
        handle = db
        self.path = path
        sqlite3_busy_timeout(db, 10_000)
    }

    deinit { sqlite3_close_v2(handle) }

    func error(_ rc: Int32, _ context: String) -> CatalogError {
        CatalogError(code: rc, message: String(cString: sqlite3_errmsg(handle)), context: "\(path): \(context)")
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(CatalogError) {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql) }
    }

    func prepare(_ sql: String) throws(CatalogError) -> Statement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, sql) }
        return Statement(db: self, handle: stmt, sql: sql)
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`): committed when it returns, rolled back
    /// when it throws, so a batch is either all in the store or not at all.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }
}

/// A prepared statement, reset before each use so that it can be kept for the whole run.
final class Statement {
    unowned let db: Database
    let handle: OpaquePointer
    let sql: String

    init(db: Database, handle: OpaquePointer, sql: String) {
        self.db = db
        self.handle = handle
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement and binds `values` to its parameters 1…n.
    @discardableResult
    func bind(_ values: SQLValue...) throws(CatalogError) -> Statement {
        try bind(values)
    }

    @discardableResult
    func bind(_ values: [SQLValue]) throws(CatalogError) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v): rc = sqlite3_bind_double(handle, index, v)
            case .text(let v): rc = sqlite3_bind_text(handle, index, v, -1, transient)
            case .blob(let v):
                rc = v.withUnsafeBytes { raw in
                    // An empty blob is still a blob, not NULL: SQLite needs a non-null pointer for that.
                    sqlite3_bind_blob(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), transient)
                }
            }
            guard rc == SQLITE_OK else { throw db.error(rc, "binding parameter \(index) of \(sql)") }
        }
        return self
    }

    /// Steps once: true when a row is ready.
    func step() throws(CatalogError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        let failure = db.error(rc, sql)
        sqlite3_reset(handle)
        throw failure
    }

    /// Runs a statement that returns no rows.
    func run() throws(CatalogError) {
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Calls `body` for each row; stops early when it returns false.
    func forEach(_ body: (Row) throws -> Bool) throws {
        defer { sqlite3_reset(handle) }
        while try step() {
            if try !body(Row(handle: handle)) { break }
        }
    }

    /// The rows mapped by `body`.
    func rows<T>(_ body: (Row) throws -> T) throws -> [T] {
        var out: [T] = []
        try forEach { out.append(try body($0)); return true }
        return out
    }

    /// The first row mapped by `body`, or nil.
    func first<T>(_ body: (Row) throws -> T) throws -> T? {
        var out: T?
        try forEach { out = try body($0); return false }
        return out
    }
}

/// A value bound to a statement parameter.
enum SQLValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    static func int(_ v: Int) -> SQLValue { .integer(Int64(v)) }
    static func optionalText(_ v: String?) -> SQLValue { v.map { .text($0) } ?? .null }
}

/// The current row of a stepping statement; valid only inside the callback.
struct Row {
    let handle: OpaquePointer

    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    func int(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }
    func text(_ i: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, i) else { return nil }
        return String(cString: p)
    }
    func blob(_ i: Int32) -> [UInt8]? {
        let count = Int(sqlite3_column_bytes(handle, i))
        guard let p = sqlite3_column_blob(handle, i) else { return isNull(i) ? nil : [] }
        return Array(UnsafeRawBufferPointer(start: p, count: count))
    }
}
