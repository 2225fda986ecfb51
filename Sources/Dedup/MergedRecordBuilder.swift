public import MARCRecord
import Normalize

/// Builds the union record of a cluster.
///
/// - The description is the master's (`MasterSelection`), field for field: descriptive fields are
///   never merged across members (dedup.md §6).
/// - 001 = the cluster id, 003 = the union agency, 005 = the latest member datestamp (the member's
///   005 when the store kept none). The master's own 001, 003 and 005 are dropped; what they said
///   survives as the master's `(MEMBER)localid` 035.
/// - 020, 022 and 035 are the union of the members' valid identifiers, each counted once by its
///   normalized value (`UnionIdentifiers`): the master's first, in its order, then the other
///   members' in ascending normalized value. An 020 or 022 without a valid $a, or an 035 with only a
///   cancelled $z, is kept from the master alone (it describes the master's manifestation).
/// - One `035 ## $8 N\u $a (MEMBER)localid` per member record, first among the 035s, and that
///   member's 852s (the provenance rule wrote them: $a member code, $b location, $h call number), or
///   a bare `852 ## $8 N\u $a MEMBER` when it has none. N numbers the members in canonical order, so
///   `$8` (field link, type `u`, "general linking") ties each holding to its member's record even when
///   one member has several records in the cluster; a $8 the member's own 852 carried is replaced.
///
/// Members are first sorted by their canonical key (`MEMBER:localid`, then the record's bytes), so the
/// same set of members gives the same bytes in any order.
public struct MergedRecordBuilder: Sendable {
    public var unionAgency: String

    public init(unionAgency: String = "KATALOG") {
        self.unionAgency = unionAgency
    }

    /// Members in any order; the result is the same bytes for the same set. Nil for no members.
    public func build(clusterID: String, members: [ClusterMember]) -> MARCRecord? {
        let sorted = Self.canonicalOrder(members)
        guard let masterIndex = MasterSelection.master(of: sorted) else { return nil }
        let master = sorted[masterIndex].record

        // Fields as slices of the members' records until the union record copies them in once.
        var body: [(tag: Tag, content: ArraySlice<UInt8>)] = []
        body.reserveCapacity(master.fieldCount + 2 * sorted.count + 4)
        var isbns = IdentifierUnion(), issns = IdentifierUnion(), systemNumbers = IdentifierUnion()
        var masterOnly: [Tag: [ArraySlice<UInt8>]] = [:]

        // The members' own 035s come first and claim their values before any copy of them can.
        for (n, member) in sorted.enumerated() {
            let localID = Self.cleanIdentifier(member.localID)
            guard !localID.isEmpty else { continue }
            let value = "(\(member.memberCode))\(localID)"
            guard let key = UnionIdentifiers.systemNumberKey(bytes: Array(value.utf8)[...]) else { continue }
            systemNumbers.add(key, Self.linked("  ", n, [("a", value)])[...], master: true)
        }

        for field in master.fields {
            let content = field.content
            switch field.tag {
            case Self.controlNumber, Self.organization, Self.latestTransaction, Self.holdings:
                continue
            case Self.isbn:
                if let key = UnionIdentifiers.isbnKey(field) { isbns.add(key, content, master: true) }
                else { masterOnly[field.tag, default: []].append(content) }
            case Self.issn:
                if let key = UnionIdentifiers.issnKey(field) { issns.add(key, content, master: true) }
                else { masterOnly[field.tag, default: []].append(content) }
            case Self.systemNumber:
                if let key = UnionIdentifiers.systemNumberKey(field) { systemNumbers.add(key, content, master: true) }
                else { masterOnly[field.tag, default: []].append(content) }
            default:
                body.append((field.tag, content))
            }
        }

        var holdings: [ArraySlice<UInt8>] = []
        for (n, member) in sorted.enumerated() {
            let record = member.record
            var own = 0
            for field in record.fields where field.tag == Self.holdings {
                var editable = EditableField(field)
                editable.subfields.removeAll { $0.code == UInt8(ascii: "8") }
                editable.subfields.insert(EditableField.Item("8", Self.link(n)), at: 0)
                holdings.append(editable.content[...])
                own += 1
            }
            if own == 0 { holdings.append(Self.linked("  ", n, [("a", member.memberCode)])[...]) }
            guard n != masterIndex else { continue }
            for field in record.fields {
                switch field.tag {
                case Self.isbn: if let key = UnionIdentifiers.isbnKey(field) { isbns.add(key, field.content) }
                case Self.issn: if let key = UnionIdentifiers.issnKey(field) { issns.add(key, field.content) }
                case Self.systemNumber:
                    if let key = UnionIdentifiers.systemNumberKey(field) { systemNumbers.add(key, field.content) }
                default: break
                }
            }
        }

        Self.insert(Self.isbn, isbns.fields + masterOnly[Self.isbn, default: []], into: &body)
        Self.insert(Self.issn, issns.fields + masterOnly[Self.issn, default: []], into: &body)
        Self.insert(Self.systemNumber, systemNumbers.fields + masterOnly[Self.systemNumber, default: []], into: &body)
        Self.insert(Self.holdings, holdings, into: &body)

        var record = MARCRecord(leader: master.leader)
        record.appendControlField(Self.controlNumber, clusterID)
        record.appendControlField(Self.organization, unionAgency)
        if let stamp = UnionDatestamp.latest(of: sorted) { record.appendControlField(Self.latestTransaction, stamp) }
        for (tag, content) in body { record.appendField(tag, content: content) }
        Self.settleLeader(&record)
        return record
    }

    // MARK: - Order

    /// Members by key, and by record bytes when two share a key (a store never hands that over,
    /// but the result must not depend on input order even then).
    static func canonicalOrder(_ members: [ClusterMember]) -> [ClusterMember] {
        guard members.count > 1 else { return members }
        return members.sorted { a, b in
            if a.key != b.key { return a.key < b.key }
            return recordPrecedes(a.record, b.record)
        }
    }

    static func recordPrecedes(_ a: MARCRecord, _ b: MARCRecord) -> Bool {
        let la = a.leader.bytes, lb = b.leader.bytes
        if la != lb { return la.lexicographicallyPrecedes(lb) }
        for (fa, fb) in zip(a.fields, b.fields) {
            if fa.tag != fb.tag { return fa.tag < fb.tag }
            if !fa.content.elementsEqual(fb.content) { return fa.content.lexicographicallyPrecedes(fb.content) }
        }
        return a.fieldCount < b.fieldCount
    }

    /// Puts `fields` after the last field whose tag is not greater than `tag` (after the master's
    /// fields of that tag, before the next tag), keeping their order.
    static func insert(_ tag: Tag, _ fields: [ArraySlice<UInt8>], into body: inout [(tag: Tag, content: ArraySlice<UInt8>)]) {
        guard !fields.isEmpty else { return }
        let at = body.firstIndex { $0.tag > tag } ?? body.count
        body.insert(contentsOf: fields.map { (tag, $0) }, at: at)
    }

    // MARK: - Fields

    static let controlNumber: Tag = "001"
    static let organization: Tag = "003"
    static let latestTransaction: Tag = "005"
    static let isbn: Tag = "020"
    static let issn: Tag = "022"
    static let systemNumber: Tag = "035"
    static let holdings: Tag = "852"

    /// `$8` of member N (0-based in canonical order): link number N+1, link type `u`.
    static func link(_ n: Int) -> String { "\(n + 1)\\u" }

    static func linked(_ indicators: String, _ n: Int, _ subfields: [(code: Character, value: String)]) -> [UInt8] {
        MARCRecord.dataFieldContent(indicators: indicators, subfields: [("8", link(n))] + subfields)
    }

    /// A local id fit for 035 $a: control characters dropped, blanks trimmed (as the provenance rule
    /// writes it).
    static func cleanIdentifier(_ id: String) -> String {
        // ASCII (nearly every id): scalars are bytes and blanks are `Character`s of their own.
        if id.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes = id.utf8.filter { $0 >= 0x20 && $0 != 0x7F }[...]
            while bytes.first == 0x20 { bytes = bytes.dropFirst() }
            while bytes.last == 0x20 { bytes = bytes.dropLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
        let kept = id.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
        return String(String.UnicodeScalarView(kept)).trimmingCharacters(in: " ")
    }

    /// The leader of a MARC 21 record in UTF-8 with the structure the writers give it: 09 `a`,
    /// 10–11 `22`, 20–23 `4500`, length and base address recomputed.
    package static func settleLeader(_ record: inout MARCRecord) {
        for (position, byte) in settledLeaderBytes { record.setLeaderByte(byte, at: position) }
        record.indicatorCount = 2
        record.subfieldCodeLength = 2
        writeDigits(min(record.encodedLength, 99_999), at: 0, into: &record)
        writeDigits(min(Leader.length + record.fieldCount * 12 + 1, 99_999), at: 12, into: &record)
    }

    private static let settledLeaderBytes: [(Int, UInt8)] = [
        (9, UInt8(ascii: "a")), (10, UInt8(ascii: "2")), (11, UInt8(ascii: "2")), (20, UInt8(ascii: "4")),
        (21, UInt8(ascii: "5")), (22, UInt8(ascii: "0")), (23, UInt8(ascii: "0")),
    ]

    static func writeDigits(_ value: Int, at position: Int, into record: inout MARCRecord) {
        var v = value
        for i in stride(from: position + 4, through: position, by: -1) {
            record.setLeaderByte(UInt8(0x30 + v % 10), at: i)
            v /= 10
        }
    }
}

/// Identifiers counted once by normalized value: the master's in its order, then the others sorted.
struct IdentifierUnion {
    /// A handful of values per cluster: a linear search (the same `String` equality a set uses) beats
    /// hashing them.
    private var seen: [String] = []
    private var first: [ArraySlice<UInt8>] = []
    private var others: [(key: String, content: ArraySlice<UInt8>)] = []

    /// Adds a field unless its value is already there; the first field to bring a value wins.
    mutating func add(_ key: String, _ content: ArraySlice<UInt8>, master: Bool = false) {
        guard !seen.contains(key) else { return }
        seen.append(key)
        if master { first.append(content) } else { others.append((key, content)) }
    }

    var fields: [ArraySlice<UInt8>] {
        first + others.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map(\.content)
    }
}

extension String {
    fileprivate func trimmingCharacters(in blank: Character) -> String {
        String(drop { $0 == blank }.reversed().drop { $0 == blank }.reversed())
    }
}
