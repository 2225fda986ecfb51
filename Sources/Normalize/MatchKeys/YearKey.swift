public import MARCRecord

/// The year of publication: 008/07–10 when it is four digits, else the first year (1000–2099) in
/// 264 $c of a publication statement (ind2 `1`), else in 260 $c, else in a 264 copyright date
/// (ind2 `4`).
public enum YearKey {
    public static func key(for record: MARCRecord) -> Int? {
        let entries = record.entries
        if let i = entries.firstIndex(where: { $0.tag.rawValue == Tags.fixed }),
            let year = year(in: record.fields[i].content.dropFirst(7).prefix(4))
        {
            return year
        }
        // Tags compared as integers: a `Tag` string literal is parsed each time it is met.
        var imprint: Int?
        var copyright: Int?
        for (i, entry) in entries.enumerated() {
            switch entry.tag.rawValue {
            case Tags.production:
                let field = record.fields[i]
                if field.indicator2 == UInt8(ascii: "1") {
                    if let year = firstYear(inSubfield: UInt8(ascii: "c"), of: field) { return year }
                } else if field.indicator2 == UInt8(ascii: "4"), copyright == nil {
                    copyright = i
                }
            case Tags.imprint:
                if imprint == nil { imprint = i }
            default:
                continue
            }
        }
        for i in [imprint, copyright].compactMap({ $0 }) {
            if let year = firstYear(inSubfield: UInt8(ascii: "c"), of: record.fields[i]) { return year }
        }
        return nil
    }

    private enum Tags {
        static let fixed = Tag(0x30, 0x30, 0x38).rawValue
        static let imprint = Tag(0x32, 0x36, 0x30).rawValue
        static let production = Tag(0x32, 0x36, 0x34).rawValue
    }

    /// The first run of exactly four digits in `text` that is a year from 1000 to 2099:
    /// `c2019.` → 2019, `[199-?]` → nil, `1998, c1997` → 1998, `1441 H/2020 M` → 2020 (a year
    /// marked `H` is Hijri).
    public static func year(in text: String) -> Int? {
        firstYear(Array(text.utf8)[...])
    }

    private static func firstYear(inSubfield code: UInt8, of field: Field) -> Int? {
        for subfield in field.subfields where subfield.code == code {
            if let year = firstYear(subfield.value) { return year }
        }
        return nil
    }

    /// Exactly four digits, all of them.
    private static func year(in bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count == 4, bytes.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        return plausible(bytes.reduce(0) { $0 * 10 + Int($1 &- 0x30) })
    }

    private static func firstYear(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard bytes[i] &- 0x30 < 10 else {
                i += 1
                continue
            }
            var j = i
            var value = 0
            while j < bytes.endIndex, bytes[j] &- 0x30 < 10 {
                value = value &* 10 &+ Int(bytes[j] &- 0x30)
                j += 1
            }
            if j - i == 4, let year = plausible(value), !isHijri(bytes[j...]) { return year }
            i = j
        }
        return nil
    }

    /// `1441 H/2020 M`: Indonesian Islamic books give the Hijri year first, marked `H`.
    private static func isHijri(_ rest: ArraySlice<UInt8>) -> Bool {
        let after = rest.drop(while: { $0 == 0x20 })
        guard let mark = after.first, mark | 0x20 == UInt8(ascii: "h") else { return false }
        guard let next = after.dropFirst().first else { return true }
        return !(next | 0x20 &- 0x61 < 26)
    }

    private static func plausible(_ year: Int) -> Int? { (1000...2099).contains(year) ? year : nil }
}
