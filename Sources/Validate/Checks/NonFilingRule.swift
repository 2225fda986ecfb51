import MARCRecord

/// Non-filing indicators (130/630/730 ind1; 240/242/243/245/440/830 ind2) against the title's first word:
/// a leading article from Appendix E must be skipped with the blank after it (and any quote or bracket
/// before or after it), and a title that starts with no article skips nothing. Only a warning: the article
/// table cannot know every language, and "A" is sometimes a letter, not an article.
struct NonFilingRule: RecordRule {
    fileprivate static let rule = "marc21.non-filing"
    fileprivate static let firstIndicator: Set<Tag> = ["130", "630", "730"]
    fileprivate static let secondIndicator: Set<Tag> = ["240", "242", "243", "245", "440", "830"]
    /// Marks that may come before the first word and are counted as skipped.
    fileprivate static let leading = ByteSet(tableCell: "\"'[(*")
    /// Bytes that end the first word.
    fileprivate static let separators = ByteSet(tableCell: " ()[]'\"")
    let tables: RuleTables

    func check(_ c: inout RecordCheck) {
        for (i, field) in c.fields.enumerated() where !field.isControlField {
            guard let (tag, _) = FieldLookup.governing(field, tables: tables) else { continue }
            let indicator: UInt8
            let which: String
            if Self.firstIndicator.contains(tag) { indicator = field.indicator1; which = "ind1" }
            else if Self.secondIndicator.contains(tag) { indicator = field.indicator2; which = "ind2" }
            else { continue }
            guard ASCII.isDigit(indicator) else { continue }
            let declared = Int(indicator) - 48
            guard let title = field.subfields.first(where: { $0.code == UInt8(ascii: "a") })?.value else {
                if declared != 0 {
                    c.add(.warning, Self.rule, "the indicator skips \(declared) characters but the field has no $a",
                        tag: field.tag.shown(linkedTo: tag), position: which,
                        at: Int(c.record.entries[i].start) + (which == "ind1" ? 0 : 1))
                }
                continue
            }
            let expected = expectedSkip(title)
            let at = Int(c.record.entries[i].start) + (which == "ind1" ? 0 : 1)
            if let (article, count) = expected, count != declared {
                c.add(.warning, Self.rule, "title begins with the article '\(article)': \(count) non-filing "
                    + "characters expected, the indicator says \(declared)", tag: field.tag.shown(linkedTo: tag), position: which, at: at)
            } else if expected == nil && declared != 0 {
                let word = title.drop(while: Self.leading.contains).prefix { !Self.separators.contains($0) }
                c.add(.warning, Self.rule, "the indicator skips \(declared) characters but the first word "
                    + "'\(word.shown)' is not a leading article", tag: field.tag.shown(linkedTo: tag), position: which, at: at)
            }
        }
    }

    /// The article the title starts with and the characters a filing indicator should skip; nil when the
    /// title starts with no article.
    func expectedSkip(_ title: ArraySlice<UInt8>) -> (String, Int)? {
        var rest = title[...]
        var count = 0
        while let b = rest.first, Self.leading.contains(b) { count += 1; rest = rest.dropFirst() }
        let word = rest.prefix { !Self.separators.contains($0) }
        let after = rest.dropFirst(word.count)
        guard let separator = after.first else { return nil }
        let lower = String(decoding: word, as: UTF8.self).lowercased()
        let lowerTitle = String(decoding: rest.prefix(40), as: UTF8.self).lowercased()
        // An exception is a whole phrase: "a la" must not hold back "A land between".
        if tables.articleExceptions.contains(where: { e in
            lowerTitle.hasPrefix(e) && !(lowerTitle.dropFirst(e.count).first?.isLetter ?? false)
        }) { return nil }
        let article: String
        if separator == UInt8(ascii: "'"), tables.articles[lower + "'"] != nil {
            article = lower + "'"
        } else if separator == UInt8(ascii: " "), tables.articles[lower] != nil {
            article = lower
        } else {
            return nil
        }
        count += word.count + 1
        // Blanks, quotes and brackets right after the article are skipped too (`The  salt-box` skips 5,
        // `The "Ring"` 5).
        for b in after.dropFirst() {
            guard b == UInt8(ascii: " ") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
                || b == UInt8(ascii: "[") || b == UInt8(ascii: "(")
            else { break }
            count += 1
        }
        return (article, count)
    }
}
