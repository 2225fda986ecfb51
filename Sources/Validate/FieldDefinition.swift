/// One row of `bib-fields.tsv`: what the format allows in a field.
final class FieldDefinition: Sendable {
    let tag: String
    let repeatable: Bool
    let obsolete: Bool
    /// Allowed indicator values; nil when any value is allowed (880, checked by its linked tag).
    let indicator1: ByteSet?
    let indicator2: ByteSet?
    /// Allowed subfield codes, and those of them that may repeat; `anyCode` for fields that take any code
    /// besides the listed ones (886 carries a foreign field's codes).
    let codes: ByteSet
    let repeatableCodes: ByteSet
    let anyCode: Bool
    let name: String

    init?(row: [Substring]) {
        guard row[0].utf8.count == 3 else { return nil }
        tag = String(row[0])
        repeatable = row[1] != "NR"
        obsolete = row[1] == "OB"
        indicator1 = Self.indicators(row[2])
        indicator2 = Self.indicators(row[3])
        var codes = ByteSet()
        var repeatableCodes = ByteSet()
        var anyCode = false
        for token in row[4].split(separator: " ") {
            if token == "*" { anyCode = true; continue }
            if token == "-" { continue }
            guard let code = token.utf8.first else { continue }
            codes.insert(code)
            if token.hasSuffix("+") { repeatableCodes.insert(code) }
        }
        self.codes = codes
        self.repeatableCodes = repeatableCodes
        self.anyCode = anyCode
        name = String(row[5])
    }

    private static func indicators(_ cell: Substring) -> ByteSet? {
        cell == "*" || cell == "-" ? nil : ByteSet(tableCell: cell)
    }

    var isControlField: Bool { tag.hasPrefix("00") }
}

/// 007 category of material: the lengths the format defines and the 007/01 values.
struct Category007: Sendable {
    let lengths: [Int]
    let specific: ByteSet
    let name: String
}
