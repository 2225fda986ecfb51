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
