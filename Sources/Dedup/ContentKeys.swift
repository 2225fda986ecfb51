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
        // Built as bytes: each piece is what `String(decoding:as:)` makes of it (a prefix that cuts a
        // character in two ends in U+FFFD), and the key is one string made at the end.
        let prefix = decoded(compact.prefix(20))
        let authorText = decoded(author.filter { $0 != 0x20 }.prefix(20))
        var yearText: [UInt8] = []
        if year > 0 { yearText = Array(String(year).utf8) }
        func key(_ parts: [UInt8]...) -> MatchKey {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            for part in parts { bytes.append(contentsOf: part) }
            return MatchKey(.content, String(decoding: bytes, as: UTF8.self))
        }
        let t: [UInt8] = [UInt8(ascii: "t"), UInt8(ascii: ":")], a: [UInt8] = [UInt8(ascii: "a"), UInt8(ascii: ":")]
        let slash: [UInt8] = [UInt8(ascii: "/")]
        var keys = [key(t, prefix, slash, authorText)]
        if year > 0 { keys.append(key(t, prefix, slash, yearText)) }
        if year > 0 && !authorText.isEmpty {
            keys.append(key(a, authorText, slash, yearText, slash, decoded(compact.prefix(4))))
        }
        return keys
    }

    /// The UTF-8 of `String(decoding: bytes, as: UTF8.self)`: the bytes themselves when they are ASCII.
    static func decoded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        if bytes.allSatisfy({ $0 < 0x80 }) { return Array(bytes) }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
}
