/// The comparable parts of an edition statement (250), from its folded text: the edition number in
/// any of the ways it is written (`2nd ed.`, `2d ed.`, `second edition`, `2. Aufl.`, `edisi ke-2`,
/// `edisi kedua`, `2e éd.`) and the remaining words, with numbers and ordinals written as digits so
/// that `2nd ed.` and `Second edition` have equal words.
///
/// A printing (`cetakan ke-3`, `3rd printing`, `reprinted`) is not an edition: its number is not
/// the edition number, since a union catalogue keeps printings of one edition together.
enum EditionStatement {
    static func number(_ folded: [UInt8]) -> Int? {
        let words = ProfileText.words(folded).map { String(decoding: $0, as: UTF8.self) }
        for (i, w) in words.enumerated() {
            let next = i + 1 < words.count ? words[i + 1] : ""
            if printingWords.contains(next) { continue }
            if i > 0 && printingWords.contains(words[i - 1]) { continue }
            if let n = ordinal(w) { return n }
            if let n = Int(w.prefix(6)), w.allSatisfy(\.isNumber) {
                let previous = i > 0 ? words[i - 1] : ""
                if editionWords.contains(next) || editionWords.contains(previous) || previous == "ke" { return n }
            }
        }
        return nil
    }

    /// The words of the statement: generic words dropped, ordinals as digits, abbreviations spelled out.
    static func words(_ folded: [UInt8]) -> [UInt32] {
        var out: [UInt32] = []
        for word in ProfileText.words(folded) {
            let w = String(decoding: word, as: UTF8.self)
            if editionWords.contains(w) || w == "ke" || w == "the" { continue }
            let canonical: String
            if let n = ordinal(w) { canonical = String(n) } else { canonical = spelled[w] ?? w }
            out.append(ProfileText.hash(Array(canonical.utf8)[...]))
        }
        return ProfileText.sortedUnique(out)
    }

    /// `2nd`, `3d`, `21st`, `2e`, `2a`, `second`, `kedua` → the number.
    static func ordinal(_ w: String) -> Int? {
        if let n = ordinalWords[w] { return n }
        let digits = w.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 4, let n = Int(digits) else { return nil }
        let suffix = w.dropFirst(digits.count)
        return ordinalSuffixes.contains(String(suffix)) ? n : nil
    }

    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "d", "e", "er", "re", "eme", "a", "o", "te", "ste", "de"]
    static let editionWords: Set<String> = [
        "ed", "edn", "edition", "editions", "edisi", "aufl", "auflage", "uitg", "uitgave", "edicion", "edizione", "ed.",
    ]
    static let printingWords: Set<String> = [
        "printing", "print", "impression", "impr", "cetakan", "cet", "reprint", "reprinted", "druk", "tirage",
    ]
    static let spelled: [String: String] = [
        "rev": "revised", "enl": "enlarged", "corr": "corrected", "augm": "augmented", "expanded": "enlarged",
        "updated": "revised", "revisi": "revised", "rev'd": "revised",
    ]
    static let ordinalWords: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
        "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6, "ketujuh": 7,
        "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10,
        "premiere": 1, "deuxieme": 2, "seconde": 2, "troisieme": 3, "erste": 1, "zweite": 2, "dritte": 3,
        "segunda": 2, "tercera": 3, "seconda": 2, "terza": 3,
    ]
}

/// The part designation of 245 $n $p reduced to what identifies the part: numbers (roman ones
/// converted) and significant words. `v. II` and `Vol. 2` both give {2}.
enum PartDesignation {
    static func tokens(_ folded: [UInt8]) -> [UInt32] {
        var out: [UInt32] = []
        for word in ProfileText.words(folded) {
            let w = String(decoding: word, as: UTF8.self)
            if generic.contains(w) { continue }
            if word.allSatisfy(ProfileText.isDigit) {
                out.append(ProfileText.hash(Array(String(ProfileText.number(word)).utf8)[...]))
            } else if let r = ProfileText.roman(word) {
                out.append(ProfileText.hash(Array(String(r).utf8)[...]))
            } else if let n = EditionStatement.ordinal(w) {
                out.append(ProfileText.hash(Array(String(n).utf8)[...]))
            } else {
                out.append(ProfileText.hash(word))
            }
        }
        return ProfileText.sortedUnique(out)
    }

    static let generic: Set<String> = [
        "v", "vol", "vols", "volume", "pt", "part", "no", "nr", "number", "bk", "book", "tome", "t", "jil", "jilid",
        "bagian", "bag", "band", "bd", "heft", "teil", "section", "sect", "sec", "ser", "series", "the", "and", "of",
    ]
}

/// The content keys a record is retrieved under. Keys only bring candidates; the matcher decides.
/// Three keys, chosen so that two descriptions of one book that differ in one place still share
/// one: a typo in the title's later words, in the author, or a different year each break at most
/// two of them.
///
/// - `t:<title prefix>/<author>`: the first 20 letters and digits of the title (article removed,
///   blanks dropped) and the author's surname key;
/// - `t:<title prefix>/<year>`;
/// - `a:<author>/<year>/<first 4 letters of the title>` (only with an author and a year).
enum ContentKeys {
    static func keys(title: [UInt8], author: [UInt8], year: Int) -> [MatchKey] {
        let compact = title.filter { $0 != 0x20 }
        guard !compact.isEmpty else { return [] }
        let prefix = String(decoding: compact.prefix(20), as: UTF8.self)
        let authorText = String(decoding: author.filter { $0 != 0x20 }.prefix(20), as: UTF8.self)
        var keys = [MatchKey(.content, "t:\(prefix)/\(authorText)")]
        if year > 0 { keys.append(MatchKey(.content, "t:\(prefix)/\(year)")) }
        if year > 0 && !authorText.isEmpty {
            keys.append(MatchKey(.content, "a:\(authorText)/\(year)/\(String(decoding: compact.prefix(4), as: UTF8.self))"))
        }
        return keys
    }
}
