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
    private let rules: [Int: [ISISProfile.FieldRule]]
    private let combined: Set<Int>

    public init(profile: ISISProfile, decoder: ISISTextDecoder, fileName: String = "-") {
        self.profile = profile
        self.decoder = decoder
        self.fileName = fileName
        rules = profile.rulesByTag
        combined = profile.combinedTags
    }

    /// One decoded ISIS field occurrence.
    struct Occurrence {
        var tag: Int
        /// Which occurrence of its tag (0 = first).
        var index: Int
        var text: [UInt8]
        var consumed = false
    }

    /// What the mapping of one record made: the record and what is worth saying about it.
    public struct Mapped: Sendable {
        public var record: MARCRecord
        public var findings: [Finding]
        /// ISIS tags that went to the local field.
        public var unmappedTags: [Int]
    }

    public func map(_ record: ISISRecord) -> Mapped {
        let controlNumber = profile.idPrefix + String(record.mfn)
        var findings: [Finding] = []
        func note(_ severity: Finding.Severity, _ code: FindingCode, _ message: String, action: String?, tag: Int) {
            findings.append(Finding(severity, code, message, action: action, file: fileName, recordNumber: record.mfn,
                controlNumber: controlNumber, tag: tag.isisTag))
        }
        var occurrences: [Occurrence] = []
        var seen: [Int: Int] = [:]
        for field in record.fields {
            var problems: [ISISTextDecoder.Problem] = []
            let text = decoder.decode(field.bytes, problems: &problems)
            for p in problems {
                findings.append(Finding(.error, .isisUndecodableBytes,
                    "\(decoder.encoding): \(p.message) (bytes \(p.bytes.map { String($0, radix: 16) }.joined(separator: " ")))",
                    action: "written as U+FFFD", file: fileName, recordNumber: record.mfn, controlNumber: controlNumber,
                    recordOffset: p.offset, tag: field.tag.isisTag))
            }
            let index = seen[field.tag, default: 0]
            seen[field.tag] = index + 1
            occurrences.append(Occurrence(tag: field.tag, index: index, text: text))
        }
        var builder = Builder(leader: profile.leader)
        if record.status == .logicallyDeleted { builder.leader[5] = UInt8(ascii: "d") }
        builder.add("001", Array(controlNumber.utf8))
        builder.add("003", Array(profile.source.utf8))
        builder.add("035", Builder.dataField([0x20, 0x20], [(UInt8(ascii: "a"), Array("(\(profile.source))\(controlNumber)".utf8))]))

        for c in profile.combineRules { applyCombine(c, &occurrences, &builder) }
        var original001: [UInt8]?
        var original003: [UInt8]?
        for i in occurrences.indices {
            let occurrence = occurrences[i]
            if let rules = rules[occurrence.tag] {
                var used = false
                for rule in rules {
                    used = apply(rule, occurrence, &builder, note: note) || used
                }
                if used { occurrences[i].consumed = true }
                continue
            }
            if occurrences[i].consumed { continue }
            switch profile.engine {
            case .raw, .fields: break
            case .isismarc:
                if occurrence.tag == 1 && original001 == nil {
                    original001 = occurrence.text
                    occurrences[i].consumed = true
                } else if occurrence.tag == 3 && original003 == nil {
                    original003 = occurrence.text
                    occurrences[i].consumed = true
                } else {
                    occurrences[i].consumed = mapMARCInISIS(occurrence, &builder, note: note)
                }
            }
        }
        if let original001 {
            // The record's own number lives on beside ours, with its agency when it had one.
            let agency = original003.map { String(decoding: $0, as: UTF8.self) } ?? profile.source
            builder.add("035", Builder.dataField([0x20, 0x20],
                [(UInt8(ascii: "a"), Array("(\(agency))".utf8) + original001)]))
        } else if let original003 {
            builder.add(profile.localTag, local(3, original003))
        }
        var unmapped = builder.partlyLocal
        for occurrence in occurrences where !occurrence.consumed {
            if profile.engine != .raw { unmapped.append(occurrence.tag) }
            builder.add(profile.localTag, local(occurrence.tag, occurrence.text))
        }
        if profile.engine == .raw { unmapped = [] }
        return Mapped(record: builder.record(), findings: findings, unmappedTags: unmapped)
    }

    /// The local-field content for one ISIS occurrence (see the type's documentation).
    func local(_ tag: Int, _ text: [UInt8]) -> [UInt8] {
        let parts = ISISSubfields(text)
        var subfields: [(UInt8, [UInt8])] = [
            (UInt8(ascii: "2"), Array("isis".utf8)), (UInt8(ascii: "a"), Array(tag.isisTag.utf8)),
            (UInt8(ascii: "b"), parts.leading),
        ]
        subfields += parts.subfields.map { ($0.code, $0.value) }
        return Builder.dataField([UInt8(ascii: "2"), 0x20], subfields, keepEmpty: true)
    }
}

/// A field's text split at its `^x` delimiters. A `^` followed by something that cannot be a code
/// (the end, a blank, a byte above 0x7E) stays in the text.
struct ISISSubfields {
    var leading: [UInt8] = []
    var subfields: [(code: UInt8, value: [UInt8])] = []

    init(_ text: [UInt8]) {
        var i = 0
        var current: [UInt8] = []
        var code: UInt8?
        while i < text.count {
            let b = text[i]
            if b == UInt8(ascii: "^"), i + 1 < text.count, text[i + 1] > 0x20, text[i + 1] < 0x7F {
                if let code { subfields.append((code, current)) } else { leading = current }
                current = []
                code = text[i + 1]
                i += 2
                continue
            }
            current.append(b)
            i += 1
        }
        if let code { subfields.append((code, current)) } else { leading = current }
    }
}

/// Collects a MARC record's fields; they are sorted by tag at the end (stable, so repeated tags
/// keep the ISIS order).
struct Builder {
    var leader: [UInt8]
    var fields: [(tag: Tag, content: [UInt8])] = []
    /// ISIS tags part of whose text went to the local field (for `inspect`'s unmapped list).
    var partlyLocal: [Int] = []

    init(leader: [UInt8]) { self.leader = leader }

    mutating func add(_ tag: Tag, _ content: [UInt8]) { fields.append((tag, content)) }

    static func dataField(_ indicators: [UInt8], _ subfields: [(UInt8, [UInt8])], keepEmpty: Bool = false) -> [UInt8] {
        var out = indicators
        for (code, value) in subfields where keepEmpty || !value.isEmpty {
            out.append(ASCII.subfieldDelimiter)
            out.append(code)
            out.append(contentsOf: value)
        }
        return out
    }

    func record() -> MARCRecord {
        var lead = leader
        lead[9] = UInt8(ascii: "a")
        lead[10] = UInt8(ascii: "2")
        lead[11] = UInt8(ascii: "2")
        lead.replaceSubrange(20..<24, with: Array("4500".utf8))
        var record = MARCRecord(leader: Leader(bytes: lead) ?? Leader())
        let ordered = fields.enumerated().sorted { ($0.element.tag, $0.offset) < ($1.element.tag, $1.offset) }
        for (_, f) in ordered { record.appendField(f.tag, content: f.content) }
        return record
    }
}
