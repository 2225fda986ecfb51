import Foundation

/// A point in the store's history that a delta dump starts from.
///
/// `--since TIMESTAMP` gives a time (`ChangeMark(since:)`): every cluster changed at or after it.
/// `CatalogStore.currentChangeMark()` gives the exact change sequence as well, which a dump writer can
/// keep to start its next delta right after the last change it wrote, whatever the clock did.
public struct ChangeMark: Sendable, Hashable, CustomStringConvertible {
    /// Changes with a higher sequence number are after the mark; when set it decides.
    public var sequence: Int64?
    /// Changes at or after this time (milliseconds since 1970, UTC) are after the mark.
    public var milliseconds: Int64?

    public init(sequence: Int64?, milliseconds: Int64?) {
        self.sequence = sequence
        self.milliseconds = milliseconds
    }

    /// `--since`: an ISO 8601 UTC time: `2026-11-25`, `2026-11-25T22:30:00Z`, with fractions of a
    /// second, or with an explicit offset (`+07:00`). Nil when the text is not such a time.
    public init?(since text: String) {
        guard let ms = Self.parseTimestamp(text) else { return nil }
        self.init(sequence: nil, milliseconds: ms)
    }

    /// The time as ISO 8601 UTC with milliseconds, or the sequence when there is no time.
    public var description: String {
        if let milliseconds { return Self.format(milliseconds) }
        return "change \(sequence ?? 0)"
    }

    /// ISO 8601 UTC (`2026-11-25T22:30:00.000Z`) for milliseconds since 1970.
    public static func format(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    static func parseTimestamp(_ raw: String) -> Int64? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let full = ISO8601DateFormatter()
        full.timeZone = TimeZone(identifier: "UTC")
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = full.date(from: text) { return Int64((d.timeIntervalSince1970 * 1000).rounded()) }
        full.formatOptions = [.withInternetDateTime]
        if let d = full.date(from: text) { return Int64((d.timeIntervalSince1970 * 1000).rounded()) }
        full.formatOptions = [.withFullDate]
        if text.count == 10, let d = full.date(from: text) { return Int64((d.timeIntervalSince1970 * 1000).rounded()) }
        return nil
    }
}
