public import MARCRecord

/// A field definition table (`.fdt`): what each tag of a database is called, its subfield codes and
/// whether it repeats — for field-usage tables in `inspect`. Two formats exist (isis-format.md §7):
/// WinISIS's fixed columns and ABCD's pipe-separated lines. Names are kept as raw bytes: the code
/// page is the database's, which the FDT does not declare.
public struct ISISFieldDefinitionTable: Sendable, Hashable {
    public enum Flavour: String, Sendable, Hashable { case winisis, abcd }

    public struct Definition: Sendable, Hashable {
        public var tag: Int
        public var name: [UInt8]
        /// Subfield codes as written (`abc`, `12abdi` in ABCD where 1 and 2 are the indicators).
        public var subfieldCodes: [UInt8]
        public var repeatable: Bool
        /// WinISIS: the maximum length.
        public var length: Int?
        /// WinISIS: 0 alphanumeric, 1 alphabetic, 2 numeric, 3 pattern. ABCD: the row type
        /// (`F` field, `T` field with subfields, `M` fixed-length …), as a number of the byte.
        public var type: Int?
    }

    public var flavour: Flavour
    public var definitions: [Definition]

    /// Parses an FDT's bytes; lines that cannot be read are findings, the rest is kept.
    public static func parse(_ bytes: [UInt8], fileName: String = "-") -> (ISISFieldDefinitionTable, [Finding]) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let header = lines.firstIndex { $0.elementsEqual("***".utf8) }
        var findings: [Finding] = []
        var definitions: [Definition] = []
        func bad(_ index: Int, _ why: String) {
            findings.append(Finding(.warning, .isisFDTBadLine, "FDT line \(index + 1) \(why)", action: "line skipped",
                file: fileName, recordNumber: nil))
        }
        if let header {
            // WinISIS: name in columns 0–29, subfield codes 30–49, then tag, length, type, repeatable.
            for (i, line) in lines.enumerated().dropFirst(header + 1) where !line.isEmpty {
                let chars = Array(line)
                let rest = chars.count > 50 ? chars[50...].split(separator: 0x20) : []
                guard rest.count >= 4, let tag = Int(ascii: rest[0]), let length = Int(ascii: rest[1]),
                    let type = Int(ascii: rest[2]), let repeatable = Int(ascii: rest[3])
                else { bad(i, "is not name (30 columns), subfields (20), tag, length, type, repeatable"); continue }
                definitions.append(Definition(tag: tag, name: trimmed(chars.prefix(30)),
                    subfieldCodes: trimmed(chars.dropFirst(30).prefix(20)), repeatable: repeatable != 0,
                    length: length, type: type))
            }
            return (ISISFieldDefinitionTable(flavour: .winisis, definitions: definitions), findings)
        }
        // ABCD: type|tag|name|…|repeatable|subfields|…; `S` rows describe the subfields of the
        // field above, `H` rows are headings and `LDR` the leader: none of them is a tag.
        for (i, line) in lines.enumerated() where !line.isEmpty {
            let cols = line.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
            guard cols.count >= 6 else { bad(i, "has fewer than 6 |-separated columns"); continue }
            guard let tag = Int(ascii: cols[1]) else { continue }
            definitions.append(Definition(tag: tag, name: Array(cols[2]), subfieldCodes: Array(cols[5]),
                repeatable: cols[4].elementsEqual("1".utf8), length: nil, type: cols[0].first.map(Int.init)))
        }
        return (ISISFieldDefinitionTable(flavour: .abcd, definitions: definitions), findings)
    }

    private static func trimmed(_ bytes: some Collection<UInt8>) -> [UInt8] {
        Array(bytes.reversed().drop { $0 == 0x20 }.reversed())
    }
}

extension Int {
    /// A non-negative decimal number written in ASCII digits, else `nil`.
    fileprivate init?(ascii bytes: some Collection<UInt8>) {
        guard !bytes.isEmpty, bytes.count < 10, bytes.allSatisfy({ $0 &- 0x30 <= 9 }) else { return nil }
        self = bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}
