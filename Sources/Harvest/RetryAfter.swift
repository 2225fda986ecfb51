/// A `Retry-After` header value (RFC 9110 §10.2.3): delta-seconds or an HTTP-date, turned into a wait
/// that is never negative and never over the cap. Sickle 0.7.0 crashes on the date form and HTTP::OAI
/// errors on it; both are common on real 503s.
public enum RetryAfter {
    /// The wait in seconds, or nil when the value is neither form.
    public static func seconds(_ value: String, now: Int64, cap: Int64) -> Int64? {
        let text = value.trimmingBlanks
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return min(cap, Int64(text.prefix(12)) ?? cap)
        }
        guard let date = httpDate(text) else { return nil }
        return max(0, min(cap, date - now))
    }

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and
    /// asctime (`Sun Nov  6 08:49:37 1994`), as seconds since 1970.
    public static func httpDate(_ text: String) -> Int64? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(String.init)
        var day: Int?, month: Int?, year: Int?, time: [Int]?
        for w in words.dropFirst() {
            if let m = months.firstIndex(of: w.lowercased()) {
                month = m + 1
            } else if w.contains(":") {
                let parts = w.split(separator: ":").compactMap { Int($0) }
                if parts.count == 3 { time = parts }
            } else if let n = Int(w) {
                if day == nil && w.count <= 2 {
                    day = n
                } else {
                    year = w.count == 2 ? (n < 70 ? 2000 + n : 1900 + n) : n
                }
            }
        }
        guard let day, let month, let year, let time, (1...31).contains(day), time[0] < 24, time[1] < 60, time[2] < 61
        else { return nil }
        return Int64(OAIDate.daysFromCivil(year, month, day)) * 86_400 + Int64(time[0] * 3600 + time[1] * 60 + time[2])
    }
}

extension String {
    var trimmingBlanks: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
