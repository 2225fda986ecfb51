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
