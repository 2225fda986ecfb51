/// OAI-PMH dates (`YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`, UTC) as seconds since 1970, and back at a
/// provider's granularity. Plain arithmetic on the proleptic Gregorian calendar: no locale, no time
/// zone database, the same answer everywhere.
public struct OAIDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var secondsSince1970: Int64

    public enum Granularity: String, Sendable, Hashable, Codable {
        case day = "YYYY-MM-DD"
        case seconds = "YYYY-MM-DDThh:mm:ssZ"
    }

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// Reads either granularity; also tolerates fractional seconds and a missing `Z` (both seen in the wild).
    public init?(_ text: String) {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), let y = number(0, 4),
            let m = number(5, 2), let d = number(8, 2), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var seconds = 0
        if b.count > 10 {
            guard b.count >= 19, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), let h = number(11, 2),
                let mi = number(14, 2), let s = number(17, 2), h < 24, mi < 60, s < 61
            else { return nil }
            seconds = h * 3600 + mi * 60 + s
        }
        secondsSince1970 = Int64(Self.daysFromCivil(y, m, d)) * 86_400 + Int64(seconds)
    }

    /// As sent in `from`/`until` for a provider of this granularity.
    public func formatted(_ granularity: Granularity) -> String {
        let days = Int(secondsSince1970.floorDiv(86_400))
        let (y, m, d) = Self.civilFromDays(days)
        let date = Self.pad(y, 4) + "-" + Self.pad(m, 2) + "-" + Self.pad(d, 2)
        guard granularity == .seconds else { return date }
        let s = Int(secondsSince1970 - Int64(days) * 86_400)
        return date + "T" + Self.pad(s / 3600, 2) + ":" + Self.pad(s % 3600 / 60, 2) + ":" + Self.pad(s % 60, 2) + "Z"
    }

    public var description: String { formatted(.seconds) }

    public static func < (a: OAIDate, b: OAIDate) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    public func adding(seconds: Int64) -> OAIDate { OAIDate(secondsSince1970: secondsSince1970 + seconds) }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Days since 1970-01-01 (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension Int64 {
    fileprivate func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
