public import MARCRecord

/// 008 made usable for matching and loading: exactly 40 characters, Date 1 (07–10) filled from
/// 264/260 $c when blank, language (35–37) from 041 $a when blank. A record without 008 gets one
/// (`create-missing`), with "no attempt to code" (`|`) in the material-specific positions, `und`
/// when the language is unknown, and date entered taken from 005 when there is one, so that the
/// result is the same on every run.
public struct FixedFields: NormalizationRule {
    public static let name = "fixed-fields"
    public static let summary = "008 of 40 characters; Date 1 and language filled from 260/264 and 041 when blank"

    let createMissing: Bool
    let fillDate: Bool
    let fillLanguage: Bool

    public init(settings: RuleSettings) throws(NormalizerConfigurationError) {
        try settings.only(["create-missing", "fill-date", "fill-language"])
        createMissing = try settings.bool("create-missing", default: true)
        fillDate = try settings.bool("fill-date", default: true)
        fillLanguage = try settings.bool("fill-language", default: true)
    }

    static let tag: Tag = "008"
    static let publication: Tag = "264"
    static let imprint: Tag = "260"
    static let languageCode: Tag = "041"
    static let latestTransaction: Tag = "005"
    static let length = 40

    public func apply(to record: inout MARCRecord, _ context: inout NormalizationContext) {
        let tag = Self.tag
        let index = record.entries.firstIndex { $0.tag == tag }
        var bytes: [UInt8]
        let before: String?
        if let index {
            let range = record.entries[index].range
            // The common case, an 008 of 40 with Date 1 and language coded, is decided on the bytes.
            if range.count == Self.length {
                let dateBlank = record.storage[(range.lowerBound + 7)..<(range.lowerBound + 11)].allSatisfy { $0 == ASCII.space }
                let languageBlank = record.storage[(range.lowerBound + 35)..<(range.lowerBound + 38)].allSatisfy { $0 == ASCII.space }
                if !(fillDate && dateBlank) && !(fillLanguage && languageBlank) { return }
            }
            bytes = Array(record.storage[range])
            before = context.recordsChanges ? String(decoding: bytes, as: UTF8.self) : nil
        } else {
            guard createMissing else { return }
            bytes = Self.blank(record)
            before = nil
        }
        if bytes.count < Self.length {
            bytes += [UInt8](repeating: ASCII.space, count: Self.length - bytes.count)
        } else if bytes.count > Self.length {
            // Cut at a character boundary (an 008 should be ASCII, but a cut inside a UTF-8 sequence
            // would leave bytes that are no text at all), then pad back to 40.
            var end = Self.length
            while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
            bytes.removeLast(bytes.count - end)
            bytes += [UInt8](repeating: ASCII.space, count: Self.length - end)
        }
        if fillDate, bytes[7..<11].allSatisfy({ $0 == ASCII.space || $0 == UInt8(ascii: "u") && index == nil }),
           let year = Self.publicationYear(record) {
            bytes.replaceSubrange(7..<11, with: year)
            if bytes[6] == ASCII.space || bytes[6] == UInt8(ascii: "n") { bytes[6] = UInt8(ascii: "s") }
        }
        if fillLanguage, bytes[35..<38].allSatisfy({ $0 == ASCII.space }) || (index == nil && bytes[35..<38].elementsEqual("und".utf8)),
           let language = Self.language(record) {
            bytes.replaceSubrange(35..<38, with: language)
        }
        if let index {
            guard !bytes.elementsEqual(record.fields[index].content) else { return }
            record.replaceField(at: index, content: bytes)
        } else {
            // Control fields in tag order: after 001/003/005/006/007.
            let at = record.entries.firstIndex { $0.tag > Self.tag } ?? record.entries.count
            record.insertField(Self.tag, content: bytes, at: at)
        }
        context.record(Self.name, tag: "008", before: before, after: String(decoding: bytes, as: UTF8.self))
    }

    /// A new 008: date entered from 005 (yymmdd) when present, unknown dates, no place, `|` in the
    /// book positions, `und`, cataloguing source `d` (other).
    static func blank(_ record: MARCRecord) -> [UInt8] {
        var b = [UInt8](repeating: ASCII.space, count: length)
        if let latest = record.firstField(Self.latestTransaction), latest.content.count >= 8, latest.content.prefix(8).allSatisfy({ $0 &- 0x30 < 10 }) {
            b.replaceSubrange(0..<6, with: latest.content.dropFirst(2).prefix(6))
        }
        b[6] = UInt8(ascii: "n")
        b.replaceSubrange(7..<11, with: "uuuu".utf8)
        b.replaceSubrange(15..<18, with: "xx ".utf8)
        for i in 18..<35 where i != 32 { b[i] = UInt8(ascii: "|") }
        b.replaceSubrange(35..<38, with: "und".utf8)
        b[39] = UInt8(ascii: "d")
        return b
    }

    /// The first four-digit year (1000–2099) in 264 (second indicator 1, publication) $c, else 260
    /// $c, else any 264 $c.
    static func publicationYear(_ record: MARCRecord) -> [UInt8]? {
        var candidates: [Field] = record.fields(Self.publication).filter { $0.indicator2 == UInt8(ascii: "1") }
        candidates += record.fields(Self.imprint)
        candidates += record.fields(Self.publication).filter { $0.indicator2 != UInt8(ascii: "1") }
        for field in candidates {
            for sub in field.subfields where sub.code == UInt8(ascii: "c") {
                if let year = firstYear(sub.value) { return year }
            }
        }
        return nil
    }

    static func firstYear(_ value: ArraySlice<UInt8>) -> [UInt8]? {
        var run: [UInt8] = []
        for b in value {
            if b &- 0x30 < 10 {
                run.append(b)
                continue
            }
            if run.count == 4, run[0] == UInt8(ascii: "1") || (run[0] == UInt8(ascii: "2") && run[1] == UInt8(ascii: "0")) { return run }
            run.removeAll(keepingCapacity: true)
        }
        if run.count == 4, run[0] == UInt8(ascii: "1") || (run[0] == UInt8(ascii: "2") && run[1] == UInt8(ascii: "0")) { return run }
        return nil
    }

    /// The first 041 $a when it is a three-letter code (lower-cased).
    static func language(_ record: MARCRecord) -> [UInt8]? {
        guard let field = record.firstField(Self.languageCode) else { return nil }
        for sub in field.subfields where sub.code == UInt8(ascii: "a") {
            let v = Array(sub.value.prefix(3))
            guard v.count == 3, v.allSatisfy({ ($0 | 0x20) &- 0x61 < 26 }) else { return nil }
            return v.map { $0 | 0x20 }
        }
        return nil
    }
}
