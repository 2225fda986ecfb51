public import MARCRecord

/// The normalized title key: 245 $a $b $n $p without the non-filing characters 245 ind2 counts,
/// folded by `MatchKeyText` (ISBD punctuation gone, case folded, diacritics removed, non-Latin
/// scripts transliterated). `The Count of Monte Cristo : a novel` with ind2 4 →
/// `count of monte cristo a novel`.
///
/// The key is for finding candidates and comparing them, never proof of a match on its own.
public enum TitleKey {
    /// The key of the record's first 245, or nil when it has none or nothing in it folds to a letter
    /// or digit.
    public static func key(for record: MARCRecord) -> String? {
        guard let field = record.firstField(titleTag) else { return nil }
        let ind2 = field.indicator2
        let nonfiling = ind2 &- 0x30 < 10 ? Int(ind2 &- 0x30) : 0
        var text: [UInt8] = []
        text.reserveCapacity(field.content.count)
        var firstA = true
        for subfield in field.subfields {
            switch subfield.code {
            case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "n"), UInt8(ascii: "p"):
                if !text.isEmpty { text.append(0x20) }
                if subfield.code == UInt8(ascii: "a") && firstA {
                    firstA = false
                    text.append(contentsOf: dropScalars(nonfiling, from: subfield.value))
                } else {
                    text.append(contentsOf: subfield.value)
                }
            default:
                continue
            }
        }
        let key = text.withUnsafeBufferPointer { MatchKeyText.fold($0) }
        return key.isEmpty ? nil : key
    }

    /// The key of a title given as text, `nonfiling` characters skipped first.
    public static func key(_ title: String, nonfilingCharacters nonfiling: Int = 0) -> String {
        MatchKeyText.fold(String(title.unicodeScalars.dropFirst(max(0, nonfiling))))
    }

    /// The record's key with a leading article removed when 245 ind2 did not already skip one:
    /// members' records often have ind2 `0` (or blank) under `The …`, `Les …`, `Die …`, so the
    /// merger looks candidates up under both keys. Equal to `key(for:)` when there is nothing to
    /// remove; nil when the record has no title key.
    public static func keyWithoutLeadingArticle(for record: MARCRecord) -> String? {
        guard let key = key(for: record) else { return nil }
        guard let ind2 = record.firstField(titleTag)?.indicator2, ind2 == UInt8(ascii: "0") || ind2 == 0x20 else {
            return key
        }
        return removingLeadingArticle(key)
    }

    /// A folded key without its first word when that word is a definite or indefinite article of
    /// English, French, German, Dutch, Spanish or Italian — and something follows it.
    public static func removingLeadingArticle(_ key: String) -> String {
        guard let space = key.utf8.firstIndex(of: 0x20) else { return key }
        let first = String(key[..<space])
        guard articles.contains(first) else { return key }
        return String(key[key.index(after: space)...])
    }

    /// `removingLeadingArticle` on the bytes of a folded key (the match profile keeps keys as bytes).
    /// Folded text is lower case, and no other string is canonically equivalent to a lower-case ASCII
    /// word, so comparing bytes finds exactly the articles the string version finds.
    package static func removingLeadingArticle(_ key: [UInt8]) -> [UInt8] {
        guard let space = key.firstIndex(of: 0x20) else { return key }
        let first = key[..<space]
        guard articleBytes.contains(where: { $0.elementsEqual(first) }) else { return key }
        return Array(key[(space + 1)...])
    }

    private static let articleBytes: [[UInt8]] = articles.map { Array($0.utf8) }

    /// Built once: a `Tag` string literal is parsed each time it is met.
    private static let titleTag = Tag(0x32, 0x34, 0x35)

    /// Articles that begin titles in the languages union catalogues in Indonesia hold besides
    /// Indonesian and Malay, which have none. Elided forms (`l'`, `dell'`) are joined to their word
    /// by the folding and cannot be taken off.
    static let articles: Set<String> = [
        "the", "a", "an", "le", "la", "les", "un", "une", "der", "die", "das", "ein", "eine", "de", "het",
        "een", "el", "los", "las", "il", "lo", "gli",
    ]

    /// `bytes` without its first `count` Unicode scalars (MARC counts non-filing characters, and a
    /// combining diacritic is one).
    package static func dropScalars(_ count: Int, from bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard count > 0 else { return bytes }
        var seen = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] & 0xC0 != 0x80 {
                if seen == count { return bytes[i...] }
                seen += 1
            }
            i += 1
        }
        return bytes[bytes.endIndex...]
    }
}
