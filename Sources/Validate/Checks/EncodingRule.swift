import Charsets
import MARCRecord

/// Leader/09 against what the bytes are: a record that says MARC-8 and is UTF-8 (or the other way round) is
/// read wrongly by every tool that trusts the leader.
struct EncodingRule: RecordRule {
    fileprivate static let rule = "structure.encoding"

    func check(_ c: inout RecordCheck) {
        let verdict = EncodingDetector.detect(c.record)
        guard verdict.leaderDisagrees else { return }
        let declared = c.record.leaderByte(9) == UInt8(ascii: "a") ? "UTF-8 (a)" : "MARC-8 (\(c.record.leaderByte(9).shown))"
        c.add(.warning, Self.rule, "leader/09 declares \(declared) but the bytes are \(verdict.encoding.rawValue): "
            + verdict.reason, tag: "LDR", position: "/09", at: 9)
    }
}
