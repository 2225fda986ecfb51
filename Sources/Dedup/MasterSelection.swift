public import MARCRecord

/// The documented quality score that elects a cluster's master record (README, "Master record").
///
/// The master gives the union record its description, so the score prefers the fullest, most
/// carefully catalogued member and pushes down the shapes we know are thin or machine-made. Higher
/// is better; the points, all read from the normalized record:
///
/// | what | points |
/// |---|---|
/// | encoding level, leader/17: blank (full) 60; `1` and OCLC `I` 55; `4` (core) and OCLC `L` 50; `2` 40; `7` and OCLC `K` 30; `5` 20; `8` and OCLC `M` 10; `3` (abbreviated) 5; `u`, `z` and anything else 0 | 0–60 |
/// | a main entry (any 1XX) | +10 |
/// | subject access (any 6XX) | +10 |
/// | cataloguing source (040) | +10 |
/// | a classification (050, 082 or 084) | +10 |
/// | one point per field, not counting what provenance and the union record add or replace (001, 003, 005, 035, 852) nor local 9XX fields | 0–30 |
/// | title (245 $a $b) in capitals only: at least four letters, none lower case | −15 |
/// | Dublin Core origin: an 884 naming the DCMI crosswalk ("Dublin Core" or "DCMI" in $a), or leader/17–18 = `3u` as the crosswalk writes | −20 |
/// | synthetic INLISLite 3.3 leader (`00000nam a2200000 a 4500`): after normalization its length and base address are recomputed, so what is left to see is leader/06–07 `am`, 17–19 `·a·`, no 040, and an 008 the normalizer had to create (18–34 all `|`) | −15 |
///
/// Encoding level dominates, as in OCLC's matching, but not absolutely: a full-level record with
/// nothing else loses to a core-level one with subjects, a classification and a cataloguing source.
/// Ties are broken by the canonical member key (`MEMBER:localid`, lowest first), so the choice never
/// depends on the order the members arrive in. Source trust tiers (dedup.md §6) are not scored yet.
public enum MasterSelection {
    /// Higher is better: the total of `explain`, without writing the parts' texts.
    public static func score(_ record: MARCRecord) -> Int {
        let facts = Facts(record)
        var total = encodingLevelPoints(facts.level) + min(facts.counted, 30)
        if facts.has1XX { total += 10 }
        if facts.has6XX { total += 10 }
        if facts.has040 { total += 10 }
        if facts.hasClassification { total += 10 }
        if facts.titleIsAllCapitals { total -= 15 }
        if facts.isDublinCoreOrigin { total -= 20 }
        if facts.hasSyntheticLeader { total -= 15 }
        return total
    }

    /// The score with the part each rule gave, for `katalog explain`.
    public static func explain(_ record: MARCRecord) -> MasterScore {
        let facts = Facts(record)
        var parts: [MasterScore.Part] = []
        let level = facts.level
        parts.append(.init("encoding level '\(Character(Unicode.Scalar(level)))'", encodingLevelPoints(level)))
        if facts.has1XX { parts.append(.init("main entry (1XX)", 10)) }
        if facts.has6XX { parts.append(.init("subjects (6XX)", 10)) }
        if facts.has040 { parts.append(.init("cataloguing source (040)", 10)) }
        if facts.hasClassification { parts.append(.init("classification (050/082/084)", 10)) }
        parts.append(.init("\(facts.counted) fields", min(facts.counted, 30)))
        if facts.titleIsAllCapitals { parts.append(.init("title in capitals only", -15)) }
        if facts.isDublinCoreOrigin { parts.append(.init("Dublin Core origin", -20)) }
        if facts.hasSyntheticLeader { parts.append(.init("synthetic INLISLite leader", -15)) }
        return MasterScore(parts: parts)
    }

    /// What the rules read from a record, shared by `score` and `explain` so the two cannot disagree.
    struct Facts {
        var level: UInt8
        var has1XX = false, has6XX = false, has040 = false, hasClassification = false
        var counted = 0
        var titleIsAllCapitals: Bool
        var isDublinCoreOrigin: Bool
        var hasSyntheticLeader: Bool

        init(_ record: MARCRecord) {
            level = record.leaderByte(17)
            for entry in record.entries {
                let tag = entry.tag
                switch tag.byte(0) {
                case UInt8(ascii: "1"): has1XX = true
                case UInt8(ascii: "6"): has6XX = true
                default: break
                }
                if tag == Tags.t040 { has040 = true }
                if tag == Tags.t050 || tag == Tags.t082 || tag == Tags.t084 { hasClassification = true }
                if !notCounted.contains(tag) && tag.byte(0) != UInt8(ascii: "9") { counted += 1 }
            }
            titleIsAllCapitals = MasterSelection.titleIsAllCapitals(record)
            isDublinCoreOrigin = MasterSelection.isDublinCoreOrigin(record)
            hasSyntheticLeader = MasterSelection.hasSyntheticLeader(record, has040: has040)
        }
    }

    /// Built once: a `Tag` string literal is parsed each time it is met.
    enum Tags {
        static let t040: Tag = "040", t050: Tag = "050", t082: Tag = "082", t084: Tag = "084"
    }

    /// The index of the master among `members`: best score, ties broken by the canonical member key,
    /// so the choice never depends on input order. A lone member is its cluster's master without
    /// being scored (its score would be compared with nothing).
    public static func master(of members: [ClusterMember]) -> Int? {
        if members.count <= 1 { return members.isEmpty ? nil : 0 }
        let scores = members.map { score($0.record) }
        return members.indices.max { a, b in
            scores[a] != scores[b] ? scores[a] < scores[b] : members[a].key > members[b].key
        }
    }

    // MARK: - The parts

    /// Fields provenance writes into every member record, or the union record replaces: they say
    /// nothing about the quality of the description.
    static let notCounted: Set<Tag> = ["001", "003", "005", "035", "852"]

    static func encodingLevelPoints(_ level: UInt8) -> Int {
        switch level {
        case UInt8(ascii: " "): 60
        case UInt8(ascii: "1"), UInt8(ascii: "I"): 55
        case UInt8(ascii: "4"), UInt8(ascii: "L"): 50
        case UInt8(ascii: "2"): 40
        case UInt8(ascii: "7"), UInt8(ascii: "K"): 30
        case UInt8(ascii: "5"): 20
        case UInt8(ascii: "8"), UInt8(ascii: "M"): 10
        case UInt8(ascii: "3"): 5
        default: 0  // `u` unknown, `z` not applicable, and codes no standard defines
        }
    }

    /// 245 $a and $b have at least four letters and none of them is lower case. Letters without case
    /// (Arabic, CJK) count for neither, so a title in such a script is never "all capitals".
    static func titleIsAllCapitals(_ record: MARCRecord) -> Bool {
        guard let title = record.firstField("245") else { return false }
        var letters = 0
        for subfield in title.subfields where subfield.code == UInt8(ascii: "a") || subfield.code == UInt8(ascii: "b") {
            for character in subfield.string where character.isLetter {
                if character.isLowercase { return false }
                if character.isUppercase { letters += 1 }
            }
        }
        return letters >= 4
    }

    /// Made by a Dublin Core → MARC crosswalk (ours writes both signs; others write one of them).
    static func isDublinCoreOrigin(_ record: MARCRecord) -> Bool {
        if record.leaderByte(17) == UInt8(ascii: "3") && record.leaderByte(18) == UInt8(ascii: "u") { return true }
        for field in record.fields("884") {
            for value in field.values("a") {
                let upper = value.uppercased()
                if upper.contains("DUBLIN CORE") || upper.contains("DCMI") { return true }
            }
        }
        return false
    }

    /// INLISLite 3.3 synthesises records for `marc21` from its own tables behind one fixed leader,
    /// `00000nam a2200000 a 4500`, and without 008 or 040. The zeros of length and base address are
    /// recomputed by the normalizer, which also creates the missing 008 with "no attempt to code" in
    /// 18–34; the leader positions that remain, together with those two absences, are the sign.
    static func hasSyntheticLeader(_ record: MARCRecord, has040: Bool) -> Bool {
        guard !has040,
              record.leaderByte(6) == UInt8(ascii: "a"), record.leaderByte(7) == UInt8(ascii: "m"),
              record.leaderByte(17) == UInt8(ascii: " "), record.leaderByte(18) == UInt8(ascii: "a"),
              record.leaderByte(19) == UInt8(ascii: " ")
        else { return false }
        guard let fixed = record.firstField("008") else { return true }
        let content = fixed.content
        guard content.count >= 35 else { return true }
        let start = content.startIndex
        return (18..<35).allSatisfy { $0 == 32 || content[start + $0] == UInt8(ascii: "|") }
    }
}

/// A master score and the parts it is made of.
public struct MasterScore: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var reason: String
        public var points: Int

        public init(_ reason: String, _ points: Int) {
            self.reason = reason
            self.points = points
        }
    }

    public var parts: [Part]
    public var total: Int { parts.reduce(0) { $0 + $1.points } }

    public init(parts: [Part]) { self.parts = parts }
}
