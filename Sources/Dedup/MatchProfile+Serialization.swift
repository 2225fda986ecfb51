/// The stored form: a version byte, then every field in declaration order. Integers are LEB128
/// varints (zig-zag for signed ones), byte strings are length-prefixed, word sets are sorted so
/// they are stored as varint deltas. A typical book profile takes 150–300 bytes.
extension MatchProfile {
    /// Bump when the fields or their meaning change: the store then recomputes old profiles.
    static let formatVersion: UInt8 = 3

    /// A compact, versioned byte form for the store.
    public func serialized() -> [UInt8] {
        var w = ProfileWriter()
        w.bytes.reserveCapacity(256)
        w.bytes.append(Self.formatVersion)
        w.varint(UInt64(keys.count))
        for key in keys {
            w.bytes.append(UInt8(MatchKey.Kind.allCases.firstIndex(of: key.kind)!))
            w.string(Array(key.value.utf8))
        }
        w.bytes.append(format.type)
        w.bytes.append(format.level)
        w.bytes.append(format.carrier.rawValue)
        w.string(title)
        w.string(titleProper)
        w.set(titleWords)
        w.set(titleNumbers)
        w.string(author)
        w.set(nameWords)
        w.set(responsibilityWords)
        w.signed(Int64(year))
        w.signed(Int64(yearLast))
        w.signed(Int64(pages))
        w.set(extentWords)
        w.signed(Int64(height))
        w.signed(Int64(volumeCount))
        w.signed(Int64(editionNumber))
        w.set(editionWords)
        w.bytes.append(hasEdition ? 1 : 0)
        w.set(part)
        w.set(seriesWords)
        w.set(seriesNumbers)
        w.set(publisherWords)
        w.set(placeWords)
        w.varint(UInt64(country))
        w.varint(UInt64(language))
        w.set(subjectWords)
        w.string(coded)
        return w.bytes
    }

    /// Nil when the bytes are not a profile this version can read (the store then recomputes it).
    public init?(serialized bytes: [UInt8]) {
        var r = ProfileReader(bytes: bytes)
        guard r.byte() == Self.formatVersion, let keyCount = r.varint(), keyCount <= 10_000 else { return nil }
        var keys: [MatchKey] = []
        for _ in 0..<keyCount {
            guard let kindIndex = r.byte(), Int(kindIndex) < MatchKey.Kind.allCases.count, let value = r.string() else {
                return nil
            }
            keys.append(MatchKey(MatchKey.Kind.allCases[Int(kindIndex)], String(decoding: value, as: UTF8.self)))
        }
        self.init(keys: keys)
        guard let type = r.byte(), let level = r.byte(), let c = r.byte(), let carrier = FormatClass.Carrier(rawValue: c)
        else { return nil }
        format = FormatClass(type: type, level: level, carrier: carrier)
        guard let title = r.string(), let titleProper = r.string(), let titleWords = r.set(),
            let titleNumbers = r.set(), let author = r.string(), let nameWords = r.set(),
            let responsibilityWords = r.set(), let year = r.signed(Int16.self),
            let yearLast = r.signed(Int16.self), let pages = r.signed(Int32.self),
            let extentWords = r.set(), let height = r.signed(Int16.self), let volumeCount = r.signed(Int16.self),
            let editionNumber = r.signed(Int16.self), let editionWords = r.set(), let hasEdition = r.byte(),
            hasEdition <= 1, let part = r.set(), let seriesWords = r.set(), let seriesNumbers = r.set(),
            let publisherWords = r.set(), let placeWords = r.set(), let country = r.varint(),
            country <= UInt32.max, let language = r.varint(), language <= UInt32.max, let subjectWords = r.set(),
            let coded = r.string(), r.atEnd
        else { return nil }
        self.title = title
        self.titleProper = titleProper
        self.titleWords = titleWords
        self.titleNumbers = titleNumbers
        self.author = author
        self.nameWords = nameWords
        self.responsibilityWords = responsibilityWords
        self.year = year
        self.yearLast = yearLast
        self.pages = pages
        self.extentWords = extentWords
        self.height = height
        self.volumeCount = volumeCount
        self.editionNumber = editionNumber
        self.editionWords = editionWords
        self.hasEdition = hasEdition == 1
        self.part = part
        self.seriesWords = seriesWords
        self.seriesNumbers = seriesNumbers
        self.publisherWords = publisherWords
        self.placeWords = placeWords
        self.country = UInt32(country)
        self.language = UInt32(language)
        self.subjectWords = subjectWords
        self.coded = coded
    }
}

struct ProfileWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func signed(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func string(_ value: [UInt8]) {
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A sorted set as its count, its first value and the gaps between values.
    mutating func set(_ values: [UInt32]) {
        varint(UInt64(values.count))
        var previous: UInt32 = 0
        for v in values {
            varint(UInt64(v &- previous))
            previous = v
        }
    }
}

struct ProfileReader {
    let bytes: [UInt8]
    var i = 0

    var atEnd: Bool { i == bytes.count }

    mutating func byte() -> UInt8? {
        guard i < bytes.count else { return nil }
        defer { i += 1 }
        return bytes[i]
    }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let b = byte() {
            guard shift < 64 else { return nil }
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    mutating func signed<T: FixedWidthInteger & SignedInteger>(_: T.Type) -> T? {
        guard let v = varint() else { return nil }
        let decoded = Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
        return T(exactly: decoded)
    }

    mutating func string() -> [UInt8]? {
        guard let n = varint(), n <= UInt64(bytes.count - i) else { return nil }
        defer { i += Int(n) }
        return Array(bytes[i..<(i + Int(n))])
    }

    mutating func set() -> [UInt32]? {
        guard let n = varint(), n <= UInt64(bytes.count - i) else { return nil }
        var out: [UInt32] = []
        out.reserveCapacity(Int(n))
        var previous: UInt64 = 0
        for k in 0..<Int(n) {
            guard let gap = varint() else { return nil }
            // Strictly increasing after the first value, and within 32 bits: what `set` writes.
            guard k == 0 || gap > 0 else { return nil }
            let v = previous + gap
            guard v <= UInt64(UInt32.max) else { return nil }
            out.append(UInt32(v))
            previous = v
        }
        return out
    }
}
