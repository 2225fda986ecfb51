import MARCRecord
import Normalize

/// Reads a record once, field by field, into a `MatchProfile`.
struct ProfileBuilder {
    let record: MARCRecord
    var identifiers: [MatchKey] = []
    var carrierEvidence: FormatClass.Carrier?
    var controlNumber: ArraySlice<UInt8>?
    var controlAgency: ArraySlice<UInt8>?

    init(record: MARCRecord) { self.record = record }

    // Tags compared as integers: a `Tag` string literal is parsed each time it is met.
    enum T {
        static let t001 = Tag("001").rawValue, t003 = Tag("003").rawValue, t007 = Tag("007").rawValue
        static let t008 = Tag("008").rawValue, t010 = Tag("010").rawValue, t015 = Tag("015").rawValue
        static let t016 = Tag("016").rawValue, t019 = Tag("019").rawValue, t020 = Tag("020").rawValue
        static let t022 = Tag("022").rawValue, t024 = Tag("024").rawValue, t035 = Tag("035").rawValue
        static let t100 = Tag("100").rawValue, t110 = Tag("110").rawValue, t111 = Tag("111").rawValue
        static let t245 = Tag("245").rawValue, t250 = Tag("250").rawValue, t260 = Tag("260").rawValue
        static let t264 = Tag("264").rawValue, t300 = Tag("300").rawValue, t337 = Tag("337").rawValue
        static let t338 = Tag("338").rawValue, t440 = Tag("440").rawValue, t490 = Tag("490").rawValue
        static let t533 = Tag("533").rawValue, t700 = Tag("700").rawValue, t710 = Tag("710").rawValue
        static let t711 = Tag("711").rawValue, t800 = Tag("800").rawValue, t810 = Tag("810").rawValue
        static let t811 = Tag("811").rawValue, t830 = Tag("830").rawValue
        static let sixes = Tag("600").rawValue...Tag("699").rawValue
    }

    @inline(__always) static func code(_ c: Character) -> UInt8 { c.asciiValue! }

    mutating func build(into p: inout MatchProfile) {
        let leader6 = record.leaderByte(6), leader7 = record.leaderByte(7)
        var fixed: ArraySlice<UInt8> = []
        var physical: ArraySlice<UInt8> = []
        var titleText: [UInt8] = [], properText: [UInt8] = [], partText: [UInt8] = []
        var responsibility: [UInt8] = [], edition: [UInt8] = [], extent: [UInt8] = [], dimensions: [UInt8] = []
        var names: [UInt8] = [], series: [UInt8] = [], seriesNumbering: [UInt8] = []
        var publishers: [UInt8] = [], places: [UInt8] = [], subjects: [UInt8] = []
        var seen245 = false, seen300 = false, seenImprint = false
        var pagesTail: ArraySlice<UInt8> = []

        for field in record.fields {
            let tag = field.tag.rawValue
            switch tag {
            case T.t001: controlNumber = field.content
            case T.t003: controlAgency = field.content
            case T.t007: if physical.isEmpty { physical = field.content }
            case T.t008: if fixed.isEmpty { fixed = field.content }
            case T.t010, T.t015, T.t016, T.t019, T.t020, T.t022, T.t024, T.t035:
                identifierField(field)
            case T.t100, T.t110, T.t111, T.t700, T.t710, T.t711:
                for s in field.subfields where s.code == Self.code("a") { ProfileText.append(s.value, to: &names) }
            case T.t245 where !seen245:
                seen245 = true
                let ind2 = field.indicator2
                let nonfiling = ind2 &- 0x30 < 10 ? Int(ind2 &- 0x30) : 0
                var firstA = true
                for s in field.subfields {
                    switch s.code {
                    case Self.code("a"):
                        let value = firstA ? TitleKey.dropScalars(nonfiling, from: s.value) : s.value
                        if firstA { ProfileText.append(value, to: &properText) }
                        firstA = false
                        ProfileText.append(value, to: &titleText)
                    case Self.code("b"): ProfileText.append(s.value, to: &titleText)
                    case Self.code("n"), Self.code("p"):
                        ProfileText.append(s.value, to: &titleText)
                        ProfileText.append(s.value, to: &partText)
                    case Self.code("c"): ProfileText.append(s.value, to: &responsibility)
                    case Self.code("h"): note(carrierIn: s.value)
                    default: continue
                    }
                }
            case T.t250:
                for s in field.subfields where s.code == Self.code("a") || s.code == Self.code("b") {
                    ProfileText.append(s.value, to: &edition)
                }
            case T.t260, T.t264:
                // 264 ind2 1 is publication; production, distribution and copyright are not.
                if tag == T.t264 && field.indicator2 != UInt8(ascii: "1") { continue }
                if seenImprint && tag == T.t264 { continue }
                seenImprint = true
                for s in field.subfields {
                    if s.code == Self.code("a") { ProfileText.append(s.value, to: &places) }
                    if s.code == Self.code("b") { ProfileText.append(s.value, to: &publishers) }
                }
            case T.t300 where !seen300:
                seen300 = true
                for s in field.subfields {
                    if s.code == Self.code("a") { ProfileText.append(s.value, to: &extent) }
                    if s.code == Self.code("c") { ProfileText.append(s.value, to: &dimensions) }
                    // Old records split the pagination at the wrong delimiter: `$a3 p. $bl., 3-180 p.`,
                    // `$axx p., 1 l., $b359 p.`. A $b that starts like pagination continues $a.
                    if s.code == Self.code("b"), Self.continuesPagination(s.value) { pagesTail = s.value }
                }
            case T.t337, T.t338, T.t533:
                for s in field.subfields where s.code == Self.code("a") { note(carrierIn: s.value) }
            case T.t440, T.t490, T.t800, T.t810, T.t811, T.t830:
                for s in field.subfields {
                    if s.code == Self.code("a") || s.code == Self.code("t") { ProfileText.append(s.value, to: &series) }
                    if s.code == Self.code("v") { ProfileText.append(s.value, to: &seriesNumbering) }
                }
            case T.sixes:
                for s in field.subfields where s.code == Self.code("a") { ProfileText.append(s.value, to: &subjects) }
            default:
                continue
            }
        }

        // MARK: format
        if physical.count >= 2 {
            let c0 = physical[physical.startIndex], c1 = physical[physical.startIndex + 1]
            if c0 == UInt8(ascii: "c") && c1 == UInt8(ascii: "r") { carrierEvidence = carrierEvidence ?? .electronic }
            if c0 == UInt8(ascii: "h") { carrierEvidence = carrierEvidence ?? .microform }
        }
        if fixed.count >= 30 {
            let formAt: Int
            switch leader6 {
            case UInt8(ascii: "e"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "k"), UInt8(ascii: "o"),
                UInt8(ascii: "r"):
                formAt = 29
            default:
                formAt = 23
            }
            switch fixed[fixed.startIndex + formAt] {
            case UInt8(ascii: "o"), UInt8(ascii: "q"), UInt8(ascii: "s"): carrierEvidence = .electronic
            case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c"): carrierEvidence = .microform
            default: break
            }
        }
        let extentFolded = ProfileText.fold(extent[...])
        if let c = FormatClass.carrier(inText: extentFolded), carrierEvidence == nil { carrierEvidence = c }
        p.format = FormatClass(
            type: FormatClass.groupType(leader6), level: FormatClass.groupLevel(leader7),
            carrier: carrierEvidence ?? .print)

        // MARK: title and names
        let titleFolded = String(decoding: ProfileText.fold(titleText[...]), as: UTF8.self)
        p.title = Array(TitleKey.removingLeadingArticle(titleFolded).utf8)
        p.titleProper = Array(TitleKey.removingLeadingArticle(
            String(decoding: ProfileText.fold(properText[...]), as: UTF8.self)).utf8)
        p.titleWords = ProfileText.wordSet(p.title, stop: Stop.title)
        p.titleNumbers = ProfileText.numbers(p.title)
        p.part = PartDesignation.tokens(ProfileText.fold(partText[...]))
        if let a = AuthorKey.key(for: record) { p.author = Array(a.utf8) }
        p.nameWords = ProfileText.wordSet(ProfileText.fold(names[...]), limit: 32)
        p.responsibilityWords = ProfileText.wordSet(ProfileText.fold(responsibility[...]), stop: Stop.responsibility)

        // MARK: publication
        (p.year, p.yearLast) = Self.years(fixed: fixed, record: record)
        p.pages = Int32(PageCount.countRaw(pagesTail.isEmpty ? extent[...] : (extent + [0x20] + pagesTail)[...]))
        p.extentWords = ProfileText.wordSet(extentFolded, stop: Stop.extent, limit: 16)
        p.volumeCount = Int16(Self.volumeCount(extentFolded))
        p.height = Int16(Self.firstNumber(dimensions[...]) ?? 0)
        if !edition.isEmpty {
            let folded = ProfileText.fold(edition[...])
            p.hasEdition = !folded.isEmpty
            p.editionNumber = Int16(EditionStatement.number(folded) ?? 0)
            p.editionWords = EditionStatement.words(folded)
        }
        p.seriesWords = ProfileText.wordSet(ProfileText.fold(series[...]), stop: Stop.title, limit: 24)
        p.seriesNumbers = ProfileText.numbers(ProfileText.fold(seriesNumbering[...]))
        p.publisherWords = ProfileText.wordSet(ProfileText.fold(publishers[...]), stop: Stop.publisher, limit: 24)
        p.placeWords = ProfileText.wordSet(ProfileText.fold(places[...]), stop: Stop.place, limit: 16)
        if fixed.count >= 38 {
            p.country = Self.code3(fixed.dropFirst(15).prefix(3))
            p.language = Self.code3(fixed.dropFirst(35).prefix(3))
        } else if fixed.count >= 18 {
            p.country = Self.code3(fixed.dropFirst(15).prefix(3))
        }
        if fixed.count >= 35 {
            let f = Array(fixed)
            p.coded = [f[6]] + f[11..<15] + f[18..<22] + f[24..<30] + [f[31], f[33], f[34]]
        }
        p.subjectWords = ProfileText.wordSet(ProfileText.fold(subjects[...]), stop: Stop.title, limit: 48)

        // MARK: keys
        if let agency = controlAgency, let number = controlNumber,
            String(decoding: agency, as: UTF8.self).trimmingBlanks.uppercased() == "OCOLC",
            let oclc = OCLCNumber(String(decoding: number, as: UTF8.self), requireOrganization: false)
        {
            identifiers.append(MatchKey(.oclc, oclc.digits))
        }
        var keys = Set(identifiers)
        for key in ContentKeys.keys(title: p.title, author: p.author, year: Int(p.year)) { keys.insert(key) }
        p.keys = keys.sorted()
    }

    private mutating func note(carrierIn value: ArraySlice<UInt8>) {
        guard carrierEvidence == nil else { return }
        carrierEvidence = FormatClass.carrier(inText: ProfileText.fold(value))
    }

    /// The year, or the range of years, the record's date stands for.
    static func years(fixed: ArraySlice<UInt8>, record: MARCRecord) -> (Int16, Int16) {
        let year = YearKey.key(for: record)
        guard fixed.count >= 15 else { return (Int16(year ?? 0), Int16(year ?? 0)) }
        let f = Array(fixed)
        let type = f[6]
        let date1 = f[7..<11], date2 = f[11..<15]
        func digits(_ d: ArraySlice<UInt8>) -> Int? {
            d.allSatisfy(ProfileText.isDigit) ? Int(ProfileText.number(d)) : nil
        }
        if let d1 = digits(date1), year == d1 {
            if type == UInt8(ascii: "q") || type == UInt8(ascii: "m") || type == UInt8(ascii: "i") || type == UInt8(ascii: "k"),
                let d2 = digits(date2), d2 >= d1, d2 <= 2099
            {
                return (Int16(d1), Int16(d2))
            }
            return (Int16(d1), Int16(d1))
        }
        // `18uu`, `192u`: the decade or century is known.
        let known = date1.prefix(while: ProfileText.isDigit)
        if known.count >= 2, known.count < 4, date1.dropFirst(known.count).allSatisfy({ $0 == UInt8(ascii: "u") }) {
            let low = Int(ProfileText.number(known)) * Int(pow10(4 - known.count))
            let high = low + Int(pow10(4 - known.count)) - 1
            if (1000...2099).contains(low) { return (Int16(low), Int16(high)) }
        }
        return (Int16(year ?? 0), Int16(year ?? 0))
    }

    private static func pow10(_ n: Int) -> Int { n <= 0 ? 1 : 10 * pow10(n - 1) }

    /// `l., 3-180 p.` or `359 p.`: a 300 $b that is really the rest of the pagination.
    static func continuesPagination(_ b: ArraySlice<UInt8>) -> Bool {
        let t = b.drop(while: { $0 == 0x20 })
        guard let first = t.first else { return false }
        if ProfileText.isDigit(first) {
            // `359 p.`, but not `7 pl.` or `15 maps`
            let rest = t.drop(while: ProfileText.isDigit).drop(while: { $0 == 0x20 })
            return rest.first.map { $0 | 0x20 == UInt8(ascii: "p") } == true
                && rest.dropFirst().first.map { !($0 | 0x20 &- 0x61 < 26) } ?? true
        }
        return first | 0x20 == UInt8(ascii: "l") && t.dropFirst().first == UInt8(ascii: ".")
    }

    static func code3(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        guard bytes.count == 3 else { return 0 }
        let lower = bytes.map { $0 | 0x20 }
        // Blank, fill and "unknown" codes say nothing.
        if lower.allSatisfy({ $0 == 0x20 || $0 == UInt8(ascii: "|") }) { return 0 }
        if lower == Array("xx ".utf8) || lower == Array("und".utf8) || lower == Array("   ".utf8) { return 0 }
        return UInt32(lower[0]) << 16 | UInt32(lower[1]) << 8 | UInt32(lower[2])
    }

    static func firstNumber(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let start = bytes.firstIndex(where: ProfileText.isDigit) else { return nil }
        let digits = bytes[start...].prefix(while: ProfileText.isDigit).prefix(4)
        return Int(ProfileText.number(digits))
    }

    /// `3 v.`, `2 vols`, `4 jil.` → the count; 0 when the extent names no volumes.
    static func volumeCount(_ folded: [UInt8]) -> Int {
        let words = ProfileText.words(folded)
        for (i, w) in words.enumerated() where i > 0 {
            switch String(decoding: w, as: UTF8.self) {
            case "v", "vol", "vols", "volumes", "volume", "jil", "jilid", "bd", "bde", "t", "tomes":
                let previous = words[i - 1]
                // `2 pt. in 1 v.`: parts bound together, not the number of volumes.
                if i >= 2 && String(decoding: words[i - 2], as: UTF8.self) == "in" { continue }
                if previous.allSatisfy(ProfileText.isDigit) { return min(Int(ProfileText.number(previous)), 9999) }
            default: continue
            }
        }
        return 0
    }
}

/// Words left out of the word sets: they are in nearly every value of their kind and would make
/// unrelated records look alike.
enum Stop {
    static let title = ProfileText.hashes(["the", "a", "an", "of", "and", "in", "on", "to", "for", "de", "la", "le", "les", "du", "des", "et", "und", "der", "die", "das", "dan", "di", "yang"])
    static let responsibility = ProfileText.hashes(["by", "and", "the", "of", "with", "et", "al", "dan", "oleh"])
    static let publisher = ProfileText.hashes([
        "the", "and", "co", "company", "inc", "ltd", "limited", "publishers", "publisher", "publishing", "pub", "pubs",
        "corp", "corporation", "printed", "for", "by", "of", "sons", "son", "etc", "pt", "cv", "penerbit",
    ])
    static let place = ProfileText.hashes(["etc", "s", "l"])
    static let extent = ProfileText.hashes(["p", "pages", "page", "leaves", "l", "hlm", "h", "v", "ill"])
}

extension String {
    var trimmingBlanks: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
