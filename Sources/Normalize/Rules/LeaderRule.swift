public import MARCRecord

/// The leader made consistent with the record as it now is: UTF-8 declared (09 = `a`: records are
/// UTF-8 by the time they are normalized), 2 indicators and 2-character subfield codes (10–11), the
/// `4500` entry map (20–23), and the record length (00–04) and base address (12–16) recomputed.
///
/// Runs last, after every rule that changes fields. Length and base address are bookkeeping (every
/// writer recomputes them, and record equality ignores them), so only the other positions are
/// written down as changes.
public struct LeaderRule: NormalizationRule {
    public static let name = "leader"
    public static let summary = "leader/09 = a, 10-11 = 22, 20-23 = 4500; length and base address recomputed"

    public init(settings: RuleSettings) throws(NormalizerConfigurationError) { try settings.only([]) }

    public func apply(to record: inout MARCRecord, _ context: inout NormalizationContext) {
        var changed = false
        let before = context.recordsChanges ? record.leader.description : ""
        func set(_ position: Int, _ byte: UInt8) {
            if record.leaderByte(position) != byte {
                record.setLeaderByte(byte, at: position)
                changed = true
            }
        }
        set(9, UInt8(ascii: "a"))
        set(10, UInt8(ascii: "2"))
        set(11, UInt8(ascii: "2"))
        set(20, UInt8(ascii: "4"))
        set(21, UInt8(ascii: "5"))
        set(22, UInt8(ascii: "0"))
        set(23, UInt8(ascii: "0"))
        record.indicatorCount = 2
        record.subfieldCodeLength = 2
        if changed {
            context.record(Self.name, tag: "LDR", before: before, after: record.leader.description)
        }
        // Bookkeeping, not recorded: the writer would compute the same.
        let length = min(record.encodedLength, 99_999)
        let base = Leader.length + record.fieldCount * 12 + 1
        Self.writeDigits(length, at: 0, count: 5, into: &record)
        Self.writeDigits(min(base, 99_999), at: 12, count: 5, into: &record)
    }

    static func writeDigits(_ value: Int, at position: Int, count: Int, into record: inout MARCRecord) {
        var v = value
        for i in stride(from: position + count - 1, through: position, by: -1) {
            let digit = UInt8(0x30 + v % 10)
            if record.leaderByte(i) != digit { record.setLeaderByte(digit, at: i) }
            v /= 10
        }
    }
}
