import MARCRecord

/// The 005 of a union record: the latest of its members' datestamps, in 005's own form.
///
/// Taken from the members and never from the clock, so that the same members give the same bytes
/// however often, and in whatever order, the dump is written.
enum UnionDatestamp {
    /// The latest member datestamp (the member's record's 005 when the store kept none), as
    /// `yyyymmddhhmmss.f`; nil when no member has a readable one.
    static func latest(of members: [ClusterMember]) -> String? {
        var latest: String?
        for member in members {
            let text = member.datestamp ?? member.record.firstField(latestTransaction).map(\.value)
            guard let text, let stamp = transactionTime(text) else { continue }
            if latest.map({ stamp > $0 }) ?? true { latest = stamp }
        }
        return latest
    }

    /// Built once: a `Tag` string literal is parsed each time it is met.
    private static let latestTransaction = Tag(0x30, 0x30, 0x35)

    /// An OAI-PMH datestamp (`2024-01-05`, `2024-01-05T10:20:30Z`) or a 005 (`20240105102030.0`)
    /// as a 005 value. Digits are read in order up to the fourteen of date and time, and reading
    /// stops at a fraction, a zone (`Z`, `+07:00`, a `-` after the time began) or a blank; a date
    /// alone gets midnight. Fewer than eight digits, or a month or day out of range, is no date.
    static func transactionTime(_ text: String) -> String? {
        var digits: [UInt8] = []
        var sawTime = false
        scan: for b in text.utf8.drop(while: { $0 == 0x20 }) {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(b)
                if digits.count == 14 { break scan }
            case UInt8(ascii: "T"), UInt8(ascii: "t"): sawTime = true
            case UInt8(ascii: ":"): continue
            case UInt8(ascii: "-"): if sawTime { break scan }
            default: break scan
            }
        }
        guard digits.count >= 8 else { return nil }
        if digits.count < 14 { digits += [UInt8](repeating: UInt8(ascii: "0"), count: 14 - digits.count) }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        guard (1...12).contains(number(4..<6)), (1...31).contains(number(6..<8)),
              number(8..<10) < 24, number(10..<12) < 60, number(12..<14) < 61
        else { return nil }
        return String(decoding: digits, as: UTF8.self) + ".0"
    }
}
