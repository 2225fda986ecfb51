/// One bibliographic (or authority, holdings…) record.
///
/// The record keeps its bytes as they came: `storage` starts with the 24 leader bytes and holds the
/// contents of every field somewhere after them; `entries` says, in field order, where each field's
/// content lies. Nothing is decoded into `String`s until someone asks, so reading, checking and
/// writing a record costs two allocations, whatever its size. Edits append the new content to
/// `storage` and re-point the entry; `compact()` drops the bytes no entry uses any more.
public struct MARCRecord: Sendable {
    // Usable from inlinable code: the accessors below are inlined into the normalizer's rules and
    // the writers, which call them for every field of every record.
    @usableFromInline package var storage: [UInt8]
    @usableFromInline package var entries: [FieldEntry]
    /// Number of indicator positions in every data field (leader/10; 2 in MARC 21 and UNIMARC).
    public var indicatorCount: Int
    /// Length of a subfield identifier including the delimiter (leader/11; 2 in MARC 21 and UNIMARC).
    public var subfieldCodeLength: Int

    /// A record assembled by a parser: `storage` holds the leader in its first 24 bytes.
    package init(storage: [UInt8], entries: [FieldEntry], indicatorCount: Int = 2, subfieldCodeLength: Int = 2) {
        precondition(storage.count >= Leader.length, "storage starts with the leader")
        self.storage = storage
        self.entries = entries
        self.indicatorCount = indicatorCount
        self.subfieldCodeLength = subfieldCodeLength
    }

    /// An empty record with the given leader (by default a blank MARC 21 bibliographic leader).
    public init(leader: Leader = Leader()) {
        storage = leader.bytes
        storage.reserveCapacity(1024)
        entries = []
        indicatorCount = leader.indicatorCount ?? 2
        subfieldCodeLength = leader.subfieldCodeLength ?? 2
    }

    // MARK: - Leader

    /// A copy of the leader. Reading one byte with `leaderByte(_:)` avoids the copy.
    public var leader: Leader {
        get { Leader(bytes: Array(storage[0..<Leader.length]))! }
        set {
            storage.replaceSubrange(0..<Leader.length, with: newValue.bytes)
            indicatorCount = newValue.indicatorCount ?? indicatorCount
            subfieldCodeLength = newValue.subfieldCodeLength ?? subfieldCodeLength
        }
    }

    @inlinable @inline(__always)
    public func leaderByte(_ position: Int) -> UInt8 { storage[position] }

    @inlinable
    public mutating func setLeaderByte(_ byte: UInt8, at position: Int) {
        precondition(position >= 0 && position < Leader.length)
        storage[position] = byte
    }

    // MARK: - Fields

    @inlinable public var fields: Fields { Fields(record: self) }

    @inlinable public var fieldCount: Int { entries.count }

    /// The first field with this tag.
    public func firstField(_ tag: Tag) -> Field? {
        guard let i = entries.firstIndex(where: { $0.tag == tag }) else { return nil }
        return fields[i]
    }

    /// Every field with this tag, in record order.
    public func fields(_ tag: Tag) -> [Field] {
        entries.indices.filter { entries[$0].tag == tag }.map { fields[$0] }
    }

    /// The content of the first 001, trimmed of surrounding blanks and with non-printing bytes shown as
    /// `\xHH`: it names the record in findings.
    public var controlNumber: String? {
        guard let entry = entries.first(where: { $0.tag == Tag(0x30, 0x30, 0x31) }) else { return nil }
        let content = storage[Int(entry.start)..<Int(entry.start + entry.length)]
        let trimmed = content.drop(while: { $0 == ASCII.space }).reversed().drop(while: { $0 == ASCII.space })
        return ASCII.escaped(Array(trimmed.reversed()), limit: .max)
    }

    /// Total content bytes of the fields (excluding terminators).
    @inlinable
    public var contentByteCount: Int {
        var total = 0
        for entry in entries { total += Int(entry.length) }
        return total
    }
}

/// Where one field's content lies in a record's storage.
@usableFromInline
package struct FieldEntry: Sendable, Hashable {
    @usableFromInline package var tag: Tag
    @usableFromInline package var start: Int32
    @usableFromInline package var length: Int32

    @inlinable @inline(__always)
    package init(tag: Tag, start: Int, length: Int) {
        self.tag = tag
        self.start = Int32(start)
        self.length = Int32(length)
    }

    @inlinable
    package var range: Range<Int> { Int(start)..<Int(start + length) }
}

extension MARCRecord: Equatable {
    /// Two records are equal when their leaders and their fields (tag and content bytes, in order) are
    /// equal; where the bytes sit in storage does not matter, nor do the leader positions a writer
    /// computes from the structure (record length 00–04, base address 12–16, entry map 20–22).
    public static func == (lhs: MARCRecord, rhs: MARCRecord) -> Bool {
        guard lhs.entries.count == rhs.entries.count else { return false }
        for i in 0..<Leader.length where !(0..<5).contains(i) && !(12..<17).contains(i) && !(20..<23).contains(i) {
            if lhs.storage[i] != rhs.storage[i] { return false }
        }
        for (a, b) in zip(lhs.entries, rhs.entries) {
            guard a.tag == b.tag, lhs.storage[a.range] == rhs.storage[b.range] else { return false }
        }
        return true
    }
}

extension MARCRecord {
    /// Bytes the record takes as ISO 2709 with a 4500 directory: leader, 12 bytes per entry, the
    /// directory terminator, each field and its terminator, the record terminator.
    @inlinable
    public var encodedLength: Int {
        Leader.length + entries.count * 13 + 2 + contentByteCount
    }
}
