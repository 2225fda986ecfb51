/// A TOML value, as far as Katalog's files need TOML: strings, integers, floats, booleans, arrays
/// and tables. Dates are refused with a clear error rather than misread.
///
/// Our own small parser (not TOMLKit): the files are simple, it keeps the build free of a
/// C++ dependency, and its errors carry line and column. ISIS mapping profiles and `katalog.toml`
/// (normalizer, catalogue, harvester) both read it.
package enum TOMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    package var string: String? { if case .string(let s) = self { s } else { nil } }
    package var integer: Int? { if case .integer(let i) = self { i } else { nil } }
    /// Only a float: callers that take either write `value.float ?? value.integer.map(Double.init)`.
    package var float: Double? { if case .float(let d) = self { d } else { nil } }
    package var boolean: Bool? { if case .boolean(let b) = self { b } else { nil } }
    package var array: [TOMLValue]? { if case .array(let a) = self { a } else { nil } }
    package var table: TOMLTable? { if case .table(let t) = self { t } else { nil } }

    package var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A table whose keys keep the order they were written in (profiles are read top to bottom).
package struct TOMLTable: Sendable, Hashable {
    package private(set) var keys: [String] = []
    package private(set) var values: [String: TOMLValue] = [:]
    /// The line each key was defined on, for error messages.
    package private(set) var lines: [String: Int] = [:]

    package init() {}

    package subscript(key: String) -> TOMLValue? { values[key] }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
        lines[key] = line
    }
}

package struct TOMLError: Error, Sendable, Hashable, CustomStringConvertible {
    package var line: Int
    package var column: Int
    package var message: String

    package var description: String { "line \(line), column \(column): \(message)" }
}

package enum TOML {
    /// Parses a whole document.
    package static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(bytes: Array(text.utf8))
        return try parser.document()
    }
}

private struct TOMLParser {
    let bytes: [UInt8]
    var i = 0
    var line = 1
    var lineStart = 0
    var root = TOMLTable()
    /// The table `key = value` lines go to: a path of keys from the root; `[[x]]` ends in the last
    /// element of array `x`.
    var current: [String] = []
    /// Tables named by a `[header]` (redefining one is an error).
    var defined: Set<[String]> = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ message: String) -> TOMLError { TOMLError(line: line, column: i - lineStart + 1, message: message) }

    /// Where the parser is, for errors raised while building the tree.
    var here: Position { Position(line: line, column: i - lineStart + 1) }

    var atEnd: Bool { i >= bytes.count }
    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func skipBlanks() { while let b = peek, b == 0x20 || b == 0x09 { i += 1 } }

    mutating func skipComment() { if peek == UInt8(ascii: "#") { while let b = peek, b != 0x0A { i += 1 } } }

    /// Blanks, comments and newlines (inside arrays, between lines).
    mutating func skipAll() {
        while true {
            skipBlanks()
            skipComment()
            guard let b = peek, b == 0x0A || b == 0x0D else { return }
            newline()
        }
    }

    mutating func newline() {
        if peek == 0x0D { i += 1 }
        if peek == 0x0A { i += 1 }
        line += 1
        lineStart = i
    }

    mutating func endOfLine() throws(TOMLError) {
        skipBlanks()
        skipComment()
        guard let b = peek else { return }
        guard b == 0x0A || b == 0x0D else { throw here.fail("unexpected \(describe(b)) after the value") }
        newline()
    }

    func describe(_ b: UInt8) -> String { b >= 0x21 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))" }

    mutating func document() throws(TOMLError) -> TOMLTable {
        while true {
            skipAll()
            guard let b = peek else { return root }
            if b == UInt8(ascii: "[") {
                try header()
            } else {
                let keyLine = line
                let path = try key()
                skipBlanks()
                guard peek == UInt8(ascii: "=") else { throw here.fail("expected '=' after the key") }
                i += 1
                skipBlanks()
                let value = try self.value()
                try assign(current + path, value, line: keyLine)
                try endOfLine()
            }
        }
    }

    mutating func header() throws(TOMLError) {
        i += 1
        let arrayOfTables = peek == UInt8(ascii: "[")
        if arrayOfTables { i += 1 }
        skipBlanks()
        let path = try key()
        skipBlanks()
        for _ in 0..<(arrayOfTables ? 2 : 1) {
            guard peek == UInt8(ascii: "]") else { throw here.fail("expected ']' to close the table header") }
            i += 1
        }
        try endOfLine()
        if arrayOfTables {
            try appendTable(path, line: line - 1)
            // A new element: its sub-tables (`[member.oai]` after each `[[member]]`) are defined afresh.
            defined = defined.filter { !($0.count > path.count && Array($0.prefix(path.count)) == path) }
            current = path
        } else {
            guard !defined.contains(path) else { throw here.fail("table [\(path.joined(separator: "."))] defined twice") }
            defined.insert(path)
            try ensureTable(path, line: line - 1)
            current = path
        }
    }

    /// A bare, quoted or dotted key.
    mutating func key() throws(TOMLError) -> [String] {
        var parts: [String] = []
        while true {
            skipBlanks()
            guard let b = peek else { throw here.fail("expected a key") }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                parts.append(try quoted(multiline: false))
            } else {
                let start = i
                while let c = peek, isBareKey(c) { i += 1 }
                guard i > start else { throw here.fail("expected a key, found \(describe(b))") }
                parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
            }
            skipBlanks()
            guard peek == UInt8(ascii: ".") else { return parts }
            i += 1
        }
    }

    func isBareKey(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
    }

    mutating func value() throws(TOMLError) -> TOMLValue {
        guard let b = peek else { throw here.fail("expected a value") }
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let triple = i + 2 < bytes.count && bytes[i + 1] == b && bytes[i + 2] == b
            return .string(try quoted(multiline: triple))
        case UInt8(ascii: "["):
            i += 1
            var items: [TOMLValue] = []
            while true {
                skipAll()
                if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
                items.append(try value())
                skipAll()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                guard peek == UInt8(ascii: "]") else { throw here.fail("expected ',' or ']' in the array") }
            }
        case UInt8(ascii: "{"):
            i += 1
            var table = TOMLTable()
            skipBlanks()
            if peek == UInt8(ascii: "}") { i += 1; return .table(table) }
            while true {
                skipBlanks()
                let path = try key()
                skipBlanks()
                guard peek == UInt8(ascii: "=") else { throw here.fail("expected '=' in the inline table") }
                i += 1
                skipBlanks()
                let v = try value()
                try Self.assign(&table, path, v, line: line, at: here)
                skipBlanks()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                guard peek == UInt8(ascii: "}") else { throw here.fail("expected ',' or '}' in the inline table") }
                i += 1
                return .table(table)
            }
        default:
            let start = i
            while let c = peek, isBareKey(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                || c == UInt8(ascii: ":")
            {
                i += 1
            }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            if word == "true" { return .boolean(true) }
            if word == "false" { return .boolean(false) }
            let digits = word.filter { $0 != "_" }
            if let n = Int(digits) { return .integer(n) }
            if digits.hasPrefix("0x"), let n = Int(digits.dropFirst(2), radix: 16) { return .integer(n) }
            if let d = TOMLParser.float(word) { return .float(d) }
            i = start
            if word.isEmpty { throw here.fail("expected a value, found \(describe(b))") }
            throw here.fail("'\(word)' is not a value this reader takes (strings, integers, floats, booleans, arrays, tables)")
        }
    }

    /// A TOML float: `3.14`, `-0.01`, `5e+22`, `1E6`, `6.626e-34`, `1_000.5`, `inf`, `+inf`, `-inf`,
    /// `nan`. TOML's rules, which are stricter than `Double.init`: digits on both sides of the point,
    /// underscores only between digits, no leading zeros in the integer part, no hexadecimal.
    static func float(_ word: String) -> Double? {
        switch word {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: break
        }
        let b = Array(word.utf8)
        var i = 0
        func digits() -> Int? {
            let start = i
            var last: UInt8 = 0
            while i < b.count, b[i] &- 0x30 < 10 || b[i] == UInt8(ascii: "_") {
                if b[i] == UInt8(ascii: "_") && !(last &- 0x30 < 10) { return nil }
                last = b[i]
                i += 1
            }
            guard i > start, last != UInt8(ascii: "_") else { return nil }
            return i - start
        }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        guard let intLength = digits() else { return nil }
        if intLength > 1 && b[intStart] == UInt8(ascii: "0") { return nil }
        var isFloat = false
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() != nil else { return nil }
            isFloat = true
        }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() != nil else { return nil }
            isFloat = true
        }
        guard isFloat, i == b.count else { return nil }
        return Double(word.filter { $0 != "_" })
    }

    /// A basic ("…", with escapes) or literal ('…') string, single-line or triple-quoted.
    mutating func quoted(multiline: Bool) throws(TOMLError) -> String {
        let quote = bytes[i]
        let literal = quote == UInt8(ascii: "'")
        i += multiline ? 3 : 1
        if multiline, peek == 0x0A || peek == 0x0D { newline() }  // a newline right after """ is trimmed
        var out: [UInt8] = []
        while true {
            guard let b = peek else { throw here.fail("unterminated string") }
            if b == quote {
                if !multiline { i += 1; break }
                if i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote {
                    i += 3
                    break
                }
            }
            if b == 0x0A || b == 0x0D {
                guard multiline else { throw here.fail("newline inside a single-line string") }
                newline()
                out.append(0x0A)
                continue
            }
            if b == UInt8(ascii: "\\") && !literal {
                i += 1
                guard let e = peek else { throw here.fail("unterminated escape") }
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(e)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let n = e == UInt8(ascii: "u") ? 4 : 8
                    guard i + n <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + n)], as: UTF8.self),
                        radix: 16), let scalar = Unicode.Scalar(v)
                    else { throw here.fail("bad \\\(Character(Unicode.Scalar(e))) escape") }
                    i += n
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                case 0x0A, 0x0D, 0x20, 0x09:
                    // Line-ending backslash: the newline and the blanks after it are dropped.
                    guard multiline else { throw here.fail("backslash at the end of a single-line string") }
                    i -= 1
                    while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                        if c == 0x0A || c == 0x0D { newline() } else { i += 1 }
                    }
                default: throw here.fail("unknown escape \\\(Character(Unicode.Scalar(e)))")
                }
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Building the tree

    mutating func assign(_ path: [String], _ value: TOMLValue, line: Int) throws(TOMLError) {
        try Self.assign(&root, path, value, line: line, at: here)
    }

    static func assign(_ table: inout TOMLTable, _ path: [String], _ value: TOMLValue, line: Int,
        at here: Position) throws(TOMLError)
    {
        let key = path[0]
        if path.count == 1 {
            guard table[key] == nil else { throw here.fail("key '\(key)' defined twice") }
            table.set(key, value, line: line)
            return
        }
        let rest = Array(path.dropFirst())
        switch table[key] {
        case nil:
            var sub = TOMLTable()
            try assign(&sub, rest, value, line: line, at: here)
            table.set(key, .table(sub), line: line)
        case .table(var sub):
            try assign(&sub, rest, value, line: line, at: here)
            table.set(key, .table(sub), line: line)
        case .array(var items):
            // Inside `[[x]]`: the path goes on in the last table of the array.
            guard case .table(var last)? = items.last else { throw here.fail("'\(key)' is not a table") }
            try assign(&last, rest, value, line: line, at: here)
            items[items.count - 1] = .table(last)
            table.set(key, .array(items), line: table.lines[key] ?? line)
        default:
            throw here.fail("'\(key)' is not a table")
        }
    }

    mutating func ensureTable(_ path: [String], line: Int) throws(TOMLError) {
        // Assigning an empty table through `assign` would clash with a table made earlier by a
        // dotted key; walk instead and create what is missing.
        try Self.walk(&root, path, line: line, at: here) { table, key, here throws(TOMLError) in
            if table[key] == nil { table.set(key, .table(TOMLTable()), line: line) }
            guard table[key]?.table != nil else { throw here.fail("'\(key)' is already a value, not a table") }
        }
    }

    mutating func appendTable(_ path: [String], line: Int) throws(TOMLError) {
        try Self.walk(&root, path, line: line, at: here) { table, key, here throws(TOMLError) in
            switch table[key] {
            case nil: table.set(key, .array([.table(TOMLTable())]), line: line)
            case .array(let items) where items.allSatisfy({ $0.table != nil }):
                table.set(key, .array(items + [.table(TOMLTable())]), line: table.lines[key] ?? line)
            default: throw here.fail("'\(key)' is already defined and is not an array of tables")
            }
        }
    }

    /// Walks to the table holding the last key of `path`, creating intermediate tables, and applies
    /// `body` to it.
    static func walk(_ table: inout TOMLTable, _ path: [String], line: Int, at here: Position,
        _ body: (inout TOMLTable, String, Position) throws(TOMLError) -> Void) throws(TOMLError)
    {
        let key = path[0]
        if path.count == 1 { return try body(&table, key, here) }
        let rest = Array(path.dropFirst())
        switch table[key] {
        case nil:
            var sub = TOMLTable()
            try walk(&sub, rest, line: line, at: here, body)
            table.set(key, .table(sub), line: line)
        case .table(var sub):
            try walk(&sub, rest, line: line, at: here, body)
            table.set(key, .table(sub), line: table.lines[key] ?? line)
        case .array(var items):
            guard case .table(var last)? = items.last else { throw here.fail("'\(key)' is not a table") }
            try walk(&last, rest, line: line, at: here, body)
            items[items.count - 1] = .table(last)
            table.set(key, .array(items), line: table.lines[key] ?? line)
        default:
            throw here.fail("'\(key)' is not a table")
        }
    }
}

private struct Position {
    var line: Int
    var column: Int

    func fail(_ message: String) -> TOMLError { TOMLError(line: line, column: column, message: message) }
}
