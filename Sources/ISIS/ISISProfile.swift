public import MARCRecord
import KatalogIO

/// A declarative mapping from one kind of ISIS database to MARC 21, read from TOML (the shipped
/// profiles are in `ISISProfile+Shipped.swift`; the format is documented there and in the README).
public struct ISISProfile: Sendable {
    /// How fields without a rule of their own are treated.
    public enum Engine: String, Sendable, Hashable, CaseIterable {
        /// Only the `[[field]]` and `[[combine]]` rules map; every other field goes to the local field.
        case fields
        /// MARC kept inside ISIS: tags 1–9 are control fields, 10–999 data fields whose first two
        /// characters are the indicators (`#` = blank), leader positions in `leader-tag-base`+5…+19.
        case isismarc
        /// Every field goes to the local field: lossless, no interpretation.
        case raw
    }

    public var name: String
    public var description: String
    public var engine: Engine
    /// 001 is this prefix followed by the MFN.
    public var idPrefix: String
    /// The source code: 003, and `035 $a (SOURCE)001`.
    public var source: String
    /// Where fields without a rule go, in the documented local form (see `ISISMapper`).
    public var localTag: Tag
    /// The leader the record starts from (lengths, base address and leader/09 are computed).
    public var leader: [UInt8]
    /// The MARC subfield code for text before the first `^` when a rule does not name one.
    public var textCode: UInt8
    /// isismarc: the tag whose +5…+19 hold leader positions 5–19 (CISIS `isotag1`).
    public var leaderTagBase: Int
    public var fieldRules: [FieldRule]
    public var combineRules: [CombineRule]

    /// One ISIS tag to MARC.
    public struct FieldRule: Sendable {
        public var isisTag: Int
        /// The MARC tag; `nil` when the rule only sets a leader position.
        public var tag: Tag?
        /// The tag of the first occurrence, when it differs (first author 100, the others 700).
        public var firstTag: Tag?
        public var indicators: [UInt8]
        /// Indicators of the first occurrence when `firstTag` is set (245 `10`, then 246 `31`).
        public var firstIndicators: [UInt8]?
        /// Code for the text before the first `^`; `nil` = the profile's `textCode`.
        public var textCode: UInt8?
        /// ISIS subfield code (lowercase) → MARC code; codes not listed keep their own (lowercased).
        public var subfields: [UInt8: UInt8]
        /// Subfields appended to every field made (`$2 decs`).
        public var add: [(code: UInt8, value: String)]
        /// `<The> Title`: the brackets go, indicator 2 counts the non-filing characters.
        public var nonfiling: Bool
        /// `<term><term>`: one MARC field per bracketed term.
        public var splitTerms: Bool
        /// Put before the first subfield's value (`(LILACS)` before an id).
        public var prefix: String
        /// Whole-field value → replacement. A value not listed keeps the field in the local field.
        public var values: [String: String]?
        /// Sets this leader position from the field's value (through `values` when given).
        public var leaderPosition: Int?
        /// Only the first occurrence maps; later ones go to the local field.
        public var firstOnly: Bool
    }

    /// Several ISIS fields into one MARC field (journal title, volume, issue → 773).
    public struct CombineRule: Sendable {
        public var tag: Tag
        public var indicators: [UInt8]
        public var parts: [Part]

        public struct Part: Sendable {
            public var isisTag: Int
            public var code: UInt8
            public var prefix: String
            /// Take this ISIS subfield instead of the text before the first `^`.
            public var subfield: UInt8?
        }
    }

    /// The rules for each ISIS tag, in file order.
    public var rulesByTag: [Int: [FieldRule]] {
        Dictionary(grouping: fieldRules, by: \.isisTag)
    }

    /// ISIS tags some `[[combine]]` takes.
    public var combinedTags: Set<Int> { Set(combineRules.flatMap { $0.parts.map(\.isisTag) }) }
}

/// A profile that cannot be used, with where the problem is.
public struct ISISProfileError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "profile \(source): \(message)" }
}

// MARK: - Reading a profile

extension ISISProfile {
    static let defaultLeader = "     nam a22     uu 4500"

    /// Reads a profile from TOML text; `source` names it in errors (a path or a shipped name).
    public init(toml text: String, source: String) throws(ISISProfileError) {
        let root: TOMLTable
        do { root = try TOML.parse(text) } catch { throw ISISProfileError(source: source, message: "\(error)") }
        let reader = Reader(source: source)
        try reader.allow(root, ["name", "description", "engine", "id-prefix", "source", "local-tag", "leader",
            "text-code", "leader-tag-base", "field", "combine"], in: "the top level")
        name = try reader.string(root, "name") ?? source
        description = try reader.string(root, "description") ?? ""
        let engineName = try reader.string(root, "engine") ?? "fields"
        guard let engine = Engine(rawValue: engineName) else {
            throw reader.fail(root, "engine", "engine '\(engineName)': use fields, isismarc or raw")
        }
        self.engine = engine
        idPrefix = try reader.string(root, "id-prefix") ?? ""
        self.source = try reader.string(root, "source") ?? "ISIS"
        localTag = try reader.tag(root, "local-tag") ?? "886"
        let leaderText = try reader.string(root, "leader") ?? Self.defaultLeader
        guard leaderText.utf8.count == 24, leaderText.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw reader.fail(root, "leader", "leader must be 24 ASCII characters")
        }
        leader = Array(leaderText.utf8)
        textCode = try reader.code(root, "text-code") ?? UInt8(ascii: "a")
        leaderTagBase = try reader.integer(root, "leader-tag-base") ?? 3000
        fieldRules = []
        for table in try reader.tables(root, "field") { fieldRules.append(try reader.fieldRule(table)) }
        combineRules = []
        for table in try reader.tables(root, "combine") { combineRules.append(try reader.combineRule(table)) }
    }
}

/// Reads typed values and says which key of which rule is wrong.
private struct Reader {
    let source: String

    func fail(_ table: TOMLTable, _ key: String, _ message: String) -> ISISProfileError {
        let line = table.lines[key].map { "line \($0): " } ?? ""
        return ISISProfileError(source: source, message: line + message)
    }

    func allow(_ table: TOMLTable, _ keys: [String], in place: String) throws(ISISProfileError) {
        for key in table.keys where !keys.contains(key) {
            throw fail(table, key, "unknown key '\(key)' in \(place) (known: \(keys.joined(separator: ", ")))")
        }
    }

    func string(_ t: TOMLTable, _ key: String) throws(ISISProfileError) -> String? {
        guard let v = t[key] else { return nil }
        guard let s = v.string else { throw fail(t, key, "'\(key)' must be a string, not \(v.typeName)") }
        return s
    }

    func integer(_ t: TOMLTable, _ key: String) throws(ISISProfileError) -> Int? {
        guard let v = t[key] else { return nil }
        guard let i = v.integer else { throw fail(t, key, "'\(key)' must be an integer, not \(v.typeName)") }
        return i
    }

    func boolean(_ t: TOMLTable, _ key: String) throws(ISISProfileError) -> Bool? {
        guard let v = t[key] else { return nil }
        guard let b = v.boolean else { throw fail(t, key, "'\(key)' must be true or false, not \(v.typeName)") }
        return b
    }

    func tag(_ t: TOMLTable, _ key: String) throws(ISISProfileError) -> Tag? {
        guard let s = try string(t, key) else { return nil }
        guard s.utf8.count == 3, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let tag = Tag(s) else {
            throw fail(t, key, "'\(key)' must be a MARC tag of three digits, not '\(s)'")
        }
        return tag
    }

    func code(_ t: TOMLTable, _ key: String) throws(ISISProfileError) -> UInt8? {
        guard let s = try string(t, key) else { return nil }
        guard let c = Self.code(s) else { throw fail(t, key, "'\(key)' must be one ASCII character, not '\(s)'") }
        return c
    }

    static func code(_ s: String) -> UInt8? {
        let u = Array(s.utf8)
        return u.count == 1 && u[0] > 0x20 && u[0] < 0x7F ? u[0] : nil
    }

    func indicators(_ t: TOMLTable, _ key: String = "indicators") throws(ISISProfileError) -> [UInt8]? {
        guard let s = try string(t, key) else { return nil }
        let u = Array(s.utf8)
        guard u.count == 2, u.allSatisfy({ $0 == 0x20 || $0 == 0x23 || (0x30...0x39).contains($0)
            || (0x61...0x7A).contains($0) })
        else { throw fail(t, key, "indicators must be two characters (0–9, a–z, blank or #), not '\(s)'") }
        return u.map { $0 == 0x23 ? 0x20 : $0 }
    }

    func tables(_ t: TOMLTable, _ key: String) throws(ISISProfileError) -> [TOMLTable] {
        guard let v = t[key] else { return [] }
        guard let items = v.array, items.allSatisfy({ $0.table != nil }) else {
            throw fail(t, key, "'\(key)' must be an array of tables ([[\(key)]])")
        }
        return items.compactMap(\.table)
    }

    func stringTable(_ t: TOMLTable, _ key: String) throws(ISISProfileError) -> [(String, String)]? {
        guard let v = t[key] else { return nil }
        guard let table = v.table else { throw fail(t, key, "'\(key)' must be a table ({ a = \"b\" })") }
        var out: [(String, String)] = []
        for k in table.keys {
            guard let s = table[k]?.string else { throw fail(t, key, "'\(key).\(k)' must be a string") }
            out.append((k, s))
        }
        return out
    }

    func fieldRule(_ t: TOMLTable) throws(ISISProfileError) -> ISISProfile.FieldRule {
        try allow(t, ["isis", "tag", "first-tag", "indicators", "first-indicators", "text", "subfields", "add", "nonfiling", "split-terms",
            "prefix", "values", "leader", "first-only"], in: "a [[field]] rule")
        guard let isis = try integer(t, "isis"), isis >= 0 else {
            throw ISISProfileError(source: source, message: "a [[field]] rule has no 'isis' tag number")
        }
        let tag = try self.tag(t, "tag")
        let leaderPosition = try integer(t, "leader")
        if let p = leaderPosition, !(5...19).contains(p) || (9...16).contains(p) {
            throw fail(t, "leader", "leader position \(p) is computed, not mapped (use 5–8 or 17–19)")
        }
        guard tag != nil || leaderPosition != nil else {
            throw fail(t, "isis", "the [[field]] rule for ISIS tag \(isis) has neither 'tag' nor 'leader'")
        }
        var subfields: [UInt8: UInt8] = [:]
        for (from, to) in try stringTable(t, "subfields") ?? [] {
            guard let f = Self.code(from), let c = Self.code(to) else {
                throw fail(t, "subfields", "subfield codes must be one ASCII character ('\(from)' = '\(to)')")
            }
            subfields[Self.lower(f)] = c
        }
        var add: [(code: UInt8, value: String)] = []
        for (code, value) in try stringTable(t, "add") ?? [] {
            guard let c = Self.code(code) else { throw fail(t, "add", "'\(code)' is not a subfield code") }
            add.append((c, value))
        }
        let values = try stringTable(t, "values").map { Dictionary($0, uniquingKeysWith: { a, _ in a }) }
        return ISISProfile.FieldRule(isisTag: isis, tag: tag, firstTag: try self.tag(t, "first-tag"),
            indicators: try indicators(t) ?? [0x20, 0x20],
            firstIndicators: try indicators(t, "first-indicators"), textCode: try code(t, "text"), subfields: subfields, add: add,
            nonfiling: try boolean(t, "nonfiling") ?? false, splitTerms: try boolean(t, "split-terms") ?? false,
            prefix: try string(t, "prefix") ?? "", values: values, leaderPosition: leaderPosition,
            firstOnly: try boolean(t, "first-only") ?? false)
    }

    func combineRule(_ t: TOMLTable) throws(ISISProfileError) -> ISISProfile.CombineRule {
        try allow(t, ["tag", "indicators", "parts"], in: "a [[combine]] rule")
        guard let tag = try self.tag(t, "tag") else {
            throw ISISProfileError(source: source, message: "a [[combine]] rule has no 'tag'")
        }
        guard let parts = t["parts"]?.array, !parts.isEmpty else { throw fail(t, "tag", "[[combine]] needs 'parts'") }
        var out: [ISISProfile.CombineRule.Part] = []
        for part in parts {
            guard let p = part.table else { throw fail(t, "parts", "each part is a table { isis = N, code = \"x\" }") }
            try allow(p, ["isis", "code", "prefix", "subfield"], in: "a [[combine]] part")
            guard let isis = try integer(p, "isis"), let code = try code(p, "code") else {
                throw fail(t, "parts", "each part needs 'isis' and 'code'")
            }
            out.append(.init(isisTag: isis, code: code, prefix: try string(p, "prefix") ?? "",
                subfield: try self.code(p, "subfield").map(Self.lower)))
        }
        return ISISProfile.CombineRule(tag: tag, indicators: try indicators(t) ?? [0x20, 0x20], parts: out)
    }

    static func lower(_ c: UInt8) -> UInt8 { (0x41...0x5A).contains(c) ? c | 0x20 : c }
}
