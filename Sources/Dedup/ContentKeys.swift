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
        // character in two ends in U+FFFD), and each key is one string made at the end.
        let prefix = decoded(compact.prefix(20))
        let authorText = decoded(author.filter { $0 != 0x20 }.prefix(20))
        let yearText: String.UTF8View = String(year).utf8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        func key() -> MatchKey {
            defer { bytes.removeAll(keepingCapacity: true) }
            return MatchKey(.content, String(decoding: bytes, as: UTF8.self))
        }
        bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: ":")])
        bytes.append(contentsOf: prefix)
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: authorText)
        var keys = [key()]
        if year > 0 {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: ":")])
            bytes.append(contentsOf: prefix)
            bytes.append(UInt8(ascii: "/"))
            bytes.append(contentsOf: yearText)
            keys.append(key())
        }
        if year > 0 && !authorText.isEmpty {
            bytes.append(contentsOf: [UInt8(ascii: "a"), UInt8(ascii: ":")])
            bytes.append(contentsOf: authorText)
            bytes.append(UInt8(ascii: "/"))
            bytes.append(contentsOf: yearText)
            bytes.append(UInt8(ascii: "/"))
            bytes.append(contentsOf: decoded(compact.prefix(4)))
            keys.append(key())
        }
        return keys
    }

    /// The UTF-8 of `String(decoding: bytes, as: UTF8.self)`: the bytes themselves when they are ASCII.
    static func decoded(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if bytes.allSatisfy({ $0 < 0x80 }) { return bytes }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)[...]
    }
}
