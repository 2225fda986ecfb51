import MARCRecord

/// Collects a MARC record's fields straight into the record's storage bytes (leader, then each
/// field's content in the order added); the entries are sorted by tag at the end (stable, so
/// repeated tags keep the ISIS order). Content is written through a pointer into a buffer the
/// mapper reuses from record to record, and copied into the record's array once at the end: an
/// array per field, and even `Array.append` per piece (a uniqueness check and a generic copy
/// each), were most of the mapping's time.
struct Builder {
    private let arena: ByteArena
    /// `arena`'s bytes, held here so that writing them costs no access to a class property.
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written: the 24 leader bytes, then field contents in the order added (entries may
    /// point anywhere in them, so sorting the entries moves no bytes).
    private(set) var count = 0
    private(set) var entries: [FieldEntry] = []
    /// ISIS tags part of whose text went to the local field (for `inspect`'s unmapped list).
    var partlyLocal: [Int] = []
    /// The profile's leader was not 24 bytes: the record gets a default leader (as before).
    private let leaderUsable: Bool

    init(leader: [UInt8], arena: ByteArena, contentCapacity: Int = 0, fieldCapacity: Int = 0) {
        self.arena = arena
        arena.reserve(Leader.length + contentCapacity)
        base = arena.base
        capacity = arena.capacity
        leaderUsable = leader.count == Leader.length
        append(contentsOf: leaderUsable ? leader : Leader().bytes)
        entries.reserveCapacity(fieldCapacity)
    }

    @inline(__always)
    private mutating func ensure(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        arena.grow(to: needed, keeping: count)
        base = arena.base
        capacity = arena.capacity
    }

    /// Sets one leader position (5–8, 17–19 from rules; 5 for deleted records).
    mutating func setLeader(_ position: Int, _ byte: UInt8) {
        precondition(position >= 0 && position < Leader.length)
        base[position] = byte
    }

    /// Starts a field whose content the caller appends; `end` records it.
    var mark: Int { count }

    mutating func end(_ tag: Tag, from start: Int) {
        entries.append(FieldEntry(tag: tag, start: start, length: count - start))
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        ensure(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        ensure(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append(contentsOf bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        for b in bytes { append(b) }
    }

    /// Appends a copy of bytes already written (`range` from `mark`s).
    mutating func appendCopy(of range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        ensure(range.count)
        (base + count).update(from: base + range.lowerBound, count: range.count)
        count += range.count
    }

    /// `2# $2 isis $a`: how every local field starts, stored byte by byte (no array to fetch).
    @inline(__always)
    mutating func appendLocalHead() {
        ensure(10)
        let p = base + count
        p[0] = UInt8(ascii: "2")
        p[1] = 0x20
        p[2] = Self.delimiter
        p[3] = UInt8(ascii: "2")
        p[4] = UInt8(ascii: "i")
        p[5] = UInt8(ascii: "s")
        p[6] = UInt8(ascii: "i")
        p[7] = UInt8(ascii: "s")
        p[8] = Self.delimiter
        p[9] = UInt8(ascii: "a")
        count += 10
    }

    mutating func add(_ tag: Tag, _ content: ArraySlice<UInt8>) {
        let start = count
        append(contentsOf: content)
        end(tag, from: start)
    }

    mutating func add(_ tag: Tag, _ content: [UInt8]) { add(tag, content[...]) }

    /// A data field: indicators, then `$code value` for each subfield (empty ones only with `keepEmpty`).
    mutating func addDataField(_ tag: Tag, _ indicators: [UInt8], _ subfields: [(UInt8, ArraySlice<UInt8>)],
        keepEmpty: Bool = false)
    {
        let start = mark
        append(contentsOf: indicators)
        for (code, value) in subfields where keepEmpty || !value.isEmpty {
            append(Self.delimiter)
            append(code)
            append(contentsOf: value)
        }
        end(tag, from: start)
    }

    /// Appends an integer's decimal digits, then `suffix` (no `String` made; one append).
    mutating func appendDecimal(_ value: Int, zeroPadTo width: Int = 1, suffix: (UInt8, UInt8)? = nil) {
        if value >= 0 && value < 1000 && width <= 3 {
            // Most ISIS tags: straight stores, no division loop.
            ensure(5)
            var at = count
            if value >= 100 || width >= 3 {
                base[at] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / 100)
                at += 1
            }
            if value >= 10 || width >= 2 {
                base[at] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / 10 % 10)
                at += 1
            }
            base[at] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10)
            at += 1
            if let suffix {
                base[at] = suffix.0
                base[at + 1] = suffix.1
                at += 2
            }
            count = at
            return
        }
        // Digits written backwards straight into the buffer, once their number is known.
        var digits = 1
        var rest = value.magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let width = Swift.max(width, digits)
        let sign = value < 0 ? 1 : 0
        ensure(sign + width + 2)
        if sign == 1 { base[count] = UInt8(ascii: "-") }
        var at = count + sign + width
        rest = value.magnitude
        for _ in 0..<width {
            at -= 1
            base[at] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        count += sign + width
        if let suffix {
            base[count] = suffix.0
            base[count + 1] = suffix.1
            count += 2
        }
    }

    /// Appends `text` with every `^x` (x a code: above blank, below DEL) turned into `$x`: the
    /// subfield structure `ISISSubfields` reads, written out directly. The text is searched for `^`
    /// eight bytes at a time (fields are short and carets rare: `memchr`'s call and set-up cost
    /// more than the search), and the runs between delimiters are copied whole.
    mutating func appendSubfieldText(_ text: UnsafeBufferPointer<UInt8>) {
        guard let first = text.baseAddress, !text.isEmpty else { return }
        let n = text.count
        ensure(n)  // the output is never longer than the text
        var run = 0
        var i = 0
        while i < n {
            // The next `^` at or after i, eight bytes at a time ("has zero byte" on x ^ `^`s: its
            // lowest flagged byte is always a true match); the last, short, stretch is read as
            // the text's last eight bytes with the ones before i masked off. (A masked-off match may
            // flag the byte after it too: that lands on a non-`^`, which the check below skips.)
            if n >= 8 {
                let at = Swift.min(i, n - 8)
                let x = UInt64(littleEndian: UnsafeRawPointer(first + at).loadUnaligned(as: UInt64.self))
                    ^ 0x5E5E_5E5E_5E5E_5E5E
                let found = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                    & (UInt64.max &<< UInt64(8 * (i - at)))
                if found == 0 {
                    i = at + 8
                    continue
                }
                i = at + found.trailingZeroBitCount / 8
            }
            if first[i] == UInt8(ascii: "^"), i + 1 < n, first[i + 1] > 0x20, first[i + 1] < 0x7F {
                (base + count).update(from: first + run, count: i - run)
                count += i - run
                base[count] = Self.delimiter
                base[count + 1] = first[i + 1]
                count += 2
                i += 2
                run = i
                continue
            }
            i += 1
        }
        (base + count).update(from: first + run, count: n - run)
        count += n - run
    }

    static let delimiter: UInt8 = 0x1F  // ASCII.subfieldDelimiter, without a call into MARCRecord

    /// The finished record: computed leader positions set, entries in tag order, the bytes
    /// copied out of the arena into the record's own array.
    /// (`mutating`, not `consuming`: consuming made a copy of the builder, so that sorting the
    /// entries copied their array first.)
    mutating func record() -> MARCRecord {
        if leaderUsable {
            base[9] = UInt8(ascii: "a")
            base[10] = UInt8(ascii: "2")
            base[11] = UInt8(ascii: "2")
            base[20] = UInt8(ascii: "4")
            base[21] = UInt8(ascii: "5")
            base[22] = UInt8(ascii: "0")
            base[23] = UInt8(ascii: "0")
        } else {
            Leader().bytes.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: Leader.length) }
        }
        // Insertion sort: stable, and the entries are nearly in order already (a few leading
        // control fields, then the rest mostly ascending), so it is close to one pass.
        entries.withUnsafeMutableBufferPointer { e in
            guard e.count > 1 else { return }
            for i in 1..<e.count {
                let x = e[i]
                var j = i
                while j > 0 && e[j - 1].tag > x.tag {
                    e[j] = e[j - 1]
                    j -= 1
                }
                e[j] = x
            }
        }
        let storage = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.initialize(from: base, count: count)
            initialized = count
        }
        return MARCRecord(storage: storage, entries: entries)
    }
}

/// The bytes a `Builder` writes, kept by the mapper's `Scratch` so that the next record reuses
/// them. Only one builder at a time uses an arena: the mapper makes a new one unless its
/// scratch's is uniquely referenced.
final class ByteArena: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// At least `needed` bytes of room; the contents need not be kept (a new record starts).
    func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        base.deallocate()
        capacity = max(needed, capacity * 2)
        base = .allocate(capacity: capacity)
    }

    /// At least `needed` bytes of room, keeping the first `kept` bytes.
    func grow(to needed: Int, keeping kept: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: kept)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
