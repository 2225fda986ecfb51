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
