public import MARCRecord

extension FindingCode {
    public static let isisEncodingGuessed: FindingCode = "isis.encoding-guessed"
    public static let isisProfileChosen: FindingCode = "isis.profile-chosen"
    public static let isisUnmappedField: FindingCode = "isis.unmapped-field"
    public static let isisUnmappedValue: FindingCode = "isis.unmapped-value"
    public static let isisBadLeaderField: FindingCode = "isis.bad-leader-field"
    public static let isisUndecodableBytes: FindingCode = "isis.undecodable-bytes"
}

/// Maps ISIS records to MARC 21 through a profile, decoding their text on the way.
///
/// Every MARC record gets its provenance: 001 = the profile's `id-prefix` + MFN, 003 = `source`,
/// `035 $a (source)001`. A field no rule takes is never dropped: it goes to the local field
/// (`886` unless the profile says otherwise) in this documented form:
///
///     886 2# $2 isis $a <ISIS tag, 3 digits or more> $b <text before the first ^> $x … (each ^x)
///
/// `$b` is always there (empty when the field starts with `^`), so the ISIS field is exactly `$b`
/// followed by `^` + code + value for every later subfield: lossless. ISIS subfield codes keep their
/// case there. A logically deleted record has leader/05 = `d`.
public struct ISISMapper: Sendable {
    public let profile: ISISProfile
    public let decoder: ISISTextDecoder
    public let fileName: String
    /// The field rules grouped by ISIS tag, each group in file order: `ruleSpans[tag]` gives a
    /// tag's group for tags below `ruleSpans.count` (an array look-up per field, not a hash and an
    /// array retained), `farRuleSpans` the rest.
    let orderedRules: [ISISProfile.FieldRule]
    private let ruleSpans: [Range<Int>]
    private let farRuleSpans: [Int: Range<Int>]
    /// The bytes of the profile's source and id prefix, written into every record.
    private let sourceBytes: [UInt8]
    private let prefixBytes: [UInt8]

    public init(profile: ISISProfile, decoder: ISISTextDecoder, fileName: String = "-") {
        self.profile = profile
        self.decoder = decoder
        self.fileName = fileName
        var ordered: [ISISProfile.FieldRule] = []
        var spans: [Int: Range<Int>] = [:]
        var seenTags: [Int] = []
        for rule in profile.fieldRules where spans[rule.isisTag] == nil {
            let start = ordered.count
            ordered += profile.fieldRules.filter { $0.isisTag == rule.isisTag }
            spans[rule.isisTag] = start..<ordered.count
            seenTags.append(rule.isisTag)
        }
        orderedRules = ordered
        let nearLimit = 4096  // ISIS tags are mostly below 1000; 3000-range leader tags fit too
        var near = [Range<Int>](repeating: 0..<0, count: min(nearLimit, (seenTags.filter { $0 >= 0 }.max() ?? -1) + 1))
        var far: [Int: Range<Int>] = [:]
        for (tag, span) in spans {
            if tag >= 0 && tag < near.count { near[tag] = span } else { far[tag] = span }
        }
        ruleSpans = near
        farRuleSpans = far
        sourceBytes = Array(profile.source.utf8)
        prefixBytes = Array(profile.idPrefix.utf8)
    }

    /// The rules for `tag`, as a range of `orderedRules` (empty when it has none).
    @inline(__always)
    func rules(for tag: Int) -> Range<Int> {
        if tag >= 0 && tag < ruleSpans.count { return ruleSpans[tag] }
        return farRuleSpans.isEmpty ? 0..<0 : farRuleSpans[tag] ?? 0..<0
    }

    /// One decoded ISIS field occurrence: its text is `range` of the record's decoded text.
    struct Occurrence {
        var tag: Int
        /// Which occurrence of its tag (0 = first); counted only when the profile has field rules,
        /// the only users of it.
        var index: Int
        var range: Range<Int>
        var consumed = false
    }

    /// Buffers one mapping leaves behind for the next, so that a reader mapping record after record
    /// allocates none of them again (they are emptied, keeping their capacity).
    public struct Scratch: Sendable {
        /// Every field's decoded text, one after the other.
        var text: [UInt8] = []
        var occurrences: [Occurrence] = []
        var seen: [Int: Int] = [:]
        var problems: [ISISTextDecoder.Problem] = []
        var arena = ByteArena()

        public init() {}
    }

    /// What the mapping of one record made: the record and what is worth saying about it.
    public struct Mapped: Sendable {
        public var record: MARCRecord
        public var findings: [Finding]
        /// ISIS tags that went to the local field.
        public var unmappedTags: [Int]
    }

    public func map(_ record: ISISRecord) -> Mapped {
        var scratch = Scratch()
        return map(record, scratch: &scratch)
    }

    /// `map(_:)` reusing `scratch`'s buffers (the reader's path).
    public func map(_ record: ISISRecord, scratch: inout Scratch) -> Mapped {
        // Made only when there is a finding to name the record in: most records have none.
        // `note` captures these, not `self`: a closure over `self` copied the whole mapper (profile,
        // rule tables) each time it was passed to a rule.
        let fileName = self.fileName
        let idPrefix = profile.idPrefix
        let mfn = record.mfn
        func controlNumber() -> String { idPrefix + String(mfn) }
        var findings: [Finding] = []
        func note(_ severity: Finding.Severity, _ code: FindingCode, _ message: String, action: String?, tag: Int) {
            findings.append(Finding(severity, code, message, action: action, file: fileName, recordNumber: mfn,
                controlNumber: controlNumber(), tag: tag.isisTag))
        }
        // Taken out of `scratch` (and put back at the end) so that they stay uniquely referenced.
        var decoded: [UInt8] = []
        var occurrences: [Occurrence] = []
        swap(&decoded, &scratch.text)
        swap(&occurrences, &scratch.occurrences)
        defer {
            swap(&decoded, &scratch.text)
            swap(&occurrences, &scratch.occurrences)
        }
        decoded.removeAll(keepingCapacity: true)
        occurrences.removeAll(keepingCapacity: true)
        let countsOccurrences = !orderedRules.isEmpty
        if countsOccurrences { scratch.seen.removeAll(keepingCapacity: true) }
        let fields = record.fields
        occurrences.reserveCapacity(fields.count)
        // The fields' decoded text: the record's own bytes when they are all ASCII (which every
        // encoding `ISISTextDecoder` knows keeps as it is: the usual case, checked once per record
        // rather than per field), else `decoded`.
        let text: [UInt8]
        if fields.isASCII {
            text = fields.storage
            for i in 0..<fields.count {
                let e = fields.entry(i)
                var index = 0
                if countsOccurrences {
                    index = scratch.seen[e.tag, default: 0]
                    scratch.seen[e.tag] = index + 1
                }
                occurrences.append(Occurrence(tag: e.tag, index: index, range: e.start..<e.start + e.length))
            }
        } else {
            for field in fields {
                let start = decoded.count
                decoder.decode(field.bytes, appendingTo: &decoded, problems: &scratch.problems)
                if !scratch.problems.isEmpty {
                    for p in scratch.problems {
                        findings.append(Finding(.error, .isisUndecodableBytes,
                            "\(decoder.encoding): \(p.message) (bytes \(p.bytes.map { String($0, radix: 16) }.joined(separator: " ")))",
                            action: "written as U+FFFD", file: fileName, recordNumber: record.mfn,
                            controlNumber: controlNumber(), recordOffset: p.offset, tag: field.tag.isisTag))
                    }
                    scratch.problems.removeAll(keepingCapacity: true)
                }
                var index = 0
                if countsOccurrences {
                    index = scratch.seen[field.tag, default: 0]
                    scratch.seen[field.tag] = index + 1
                }
                occurrences.append(Occurrence(tag: field.tag, index: index, range: start..<decoded.count))
            }
            text = decoded
        }

        // Room for every field in its local form (the largest), so the record's storage grows once.
        if !isKnownUniquelyReferenced(&scratch.arena) { scratch.arena = ByteArena() }  // a copied scratch
        var builder = Builder(leader: profile.leader, arena: scratch.arena,
            contentCapacity: text.count + occurrences.count * 16 + 2 * (prefixBytes.count + sourceBytes.count) + 64,
            fieldCapacity: occurrences.count + 3)
        if record.status == .logicallyDeleted { builder.setLeader(5, UInt8(ascii: "d")) }
        var at = builder.mark
        builder.append(contentsOf: prefixBytes)
        builder.appendDecimal(record.mfn)
        let controlNumberBytes = at..<builder.mark  // 001's content, copied into 035 below
        builder.end(Self.tag001, from: at)
        builder.add(Self.tag003, sourceBytes)
        at = builder.mark
        builder.append(contentsOf: Self.controlNumberHead)
        builder.append(contentsOf: sourceBytes)
        builder.append(UInt8(ascii: ")"))
        builder.appendCopy(of: controlNumberBytes)
        builder.end(Self.tag035, from: at)

        for c in profile.combineRules { applyCombine(c, &occurrences, text, &builder) }
        var original001: Range<Int>?
        var original003: Range<Int>?
        for i in occurrences.indices {
            let occurrence = occurrences[i]
            let rules = rules(for: occurrence.tag)
            if !rules.isEmpty {
                var used = false
                for r in rules {
                    used = apply(orderedRules[r], occurrence, text[occurrence.range], &builder, note: note) || used
                }
                if used { occurrences[i].consumed = true }
                continue
            }
            if occurrence.consumed { continue }
            switch profile.engine {
            case .raw, .fields: break
            case .isismarc:
                if occurrence.tag == 1 && original001 == nil {
                    original001 = occurrence.range
                    occurrences[i].consumed = true
                } else if occurrence.tag == 3 && original003 == nil {
                    original003 = occurrence.range
                    occurrences[i].consumed = true
                } else {
                    occurrences[i].consumed = mapMARCInISIS(occurrence, text[occurrence.range], &builder, note: note)
                }
            }
        }
        if let original001 {
            // The record's own number lives on beside ours, with its agency when it had one. (The
            // decoded text is valid UTF-8 whatever the input, so its bytes are the agency's.)
            at = builder.mark
            builder.append(contentsOf: Self.controlNumberHead)
            if let original003 { builder.append(contentsOf: text[original003]) } else { builder.append(contentsOf: sourceBytes) }
            builder.append(UInt8(ascii: ")"))
            builder.append(contentsOf: text[original001])
            builder.end(Self.tag035, from: at)
        } else if let original003 {
            addLocal(3, text[original003], &builder)
        }
        var unmapped = builder.partlyLocal
        for occurrence in occurrences where !occurrence.consumed {
            if profile.engine != .raw { unmapped.append(occurrence.tag) }
            addLocal(occurrence.tag, text[occurrence.range], &builder)
        }
        if profile.engine == .raw { unmapped = [] }
        return Mapped(record: builder.record(), findings: findings, unmappedTags: unmapped)
    }

    /// `## $a (`: the 035s start so.
    private static let controlNumberHead: [UInt8] = [0x20, 0x20, Builder.delimiter, UInt8(ascii: "a"), UInt8(ascii: "(")]
    static let tag001 = Tag(0x30, 0x30, 0x31)
    static let tag003 = Tag(0x30, 0x30, 0x33)
    static let tag035 = Tag(0x30, 0x33, 0x35)

    /// The local field for one ISIS occurrence (see the type's documentation), written in place:
    /// `2# $2 isis $a TAG $b`, then the text with each `^x` turned into `$x`.
    func addLocal(_ tag: Int, _ text: ArraySlice<UInt8>, _ builder: inout Builder) {
        let start = builder.mark
        builder.appendLocalHead()
        // `Int.isisTag`: three digits below 100, else the plain number; then `$b`.
        builder.appendDecimal(tag, zeroPadTo: tag >= 0 && tag < 100 ? 3 : 1,
            suffix: (Builder.delimiter, UInt8(ascii: "b")))
        text.withUnsafeBufferPointer { builder.appendSubfieldText($0) }
        builder.end(profile.localTag, from: start)
    }
}

/// A field's text split at its `^x` delimiters. A `^` followed by something that cannot be a code
/// (the end, a blank, a byte above 0x7E) stays in the text. The parts are slices of the text.
struct ISISSubfields {
    var leading: ArraySlice<UInt8>
    var subfields: [(code: UInt8, value: ArraySlice<UInt8>)] = []

    init(_ text: [UInt8]) { self.init(text[...]) }

    init(_ text: ArraySlice<UInt8>) {
        let end = text.endIndex
        leading = text[end..<end]
        // Room for every `^` at once (an upper bound on the subfields): one allocation, not one
        // per doubling.
        let carets = text.withUnsafeBufferPointer { p in p.reduce(0) { $0 + ($1 == UInt8(ascii: "^") ? 1 : 0) } }
        if carets > 0 { subfields.reserveCapacity(carets) }
        var i = text.startIndex
        var run = i
        var code: UInt8?
        while i < end {
            if text[i] == UInt8(ascii: "^"), i + 1 < end, text[i + 1] > 0x20, text[i + 1] < 0x7F {
                if let code { subfields.append((code, text[run..<i])) } else { leading = text[run..<i] }
                code = text[i + 1]
                i += 2
                run = i
                continue
            }
            i += 1
        }
        if let code { subfields.append((code, text[run..<end])) } else { leading = text[run..<end] }
    }
}
