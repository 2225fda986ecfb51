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

    // Tags compared as integers, `Tag.rawValue` written out (three bytes, the first in bits 16–23):
    // constants need no lazy initialisation at each use, and a `Tag` string literal is parsed each
    // time it is met.
    enum T {
        static let t001: UInt32 = 0x30_3031
        static let t003: UInt32 = 0x30_3033
        static let t007: UInt32 = 0x30_3037
        static let t008: UInt32 = 0x30_3038
        static let t010: UInt32 = 0x30_3130
        static let t015: UInt32 = 0x30_3135
        static let t016: UInt32 = 0x30_3136
        static let t019: UInt32 = 0x30_3139
        static let t020: UInt32 = 0x30_3230
        static let t022: UInt32 = 0x30_3232
        static let t024: UInt32 = 0x30_3234
        static let t035: UInt32 = 0x30_3335
        static let t100: UInt32 = 0x31_3030
        static let t110: UInt32 = 0x31_3130
        static let t111: UInt32 = 0x31_3131
        static let t245: UInt32 = 0x32_3435
        static let t250: UInt32 = 0x32_3530
        static let t260: UInt32 = 0x32_3630
        static let t264: UInt32 = 0x32_3634
        static let t300: UInt32 = 0x33_3030
        static let t337: UInt32 = 0x33_3337
        static let t338: UInt32 = 0x33_3338
        static let t440: UInt32 = 0x34_3430
        static let t490: UInt32 = 0x34_3930
        static let t533: UInt32 = 0x35_3333
        static let t700: UInt32 = 0x37_3030
        static let t710: UInt32 = 0x37_3130
        static let t711: UInt32 = 0x37_3131
        static let t800: UInt32 = 0x38_3030
        static let t810: UInt32 = 0x38_3130
        static let t811: UInt32 = 0x38_3131
        static let t830: UInt32 = 0x38_3330
        static let sixes: ClosedRange<UInt32> = 0x36_3030...0x36_3939
    }

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
                for s in field.subfields where s.code == UInt8(ascii: "a") { ProfileText.append(s.value, to: &names) }
            case T.t245 where !seen245:
                seen245 = true
                let ind2 = field.indicator2
                let nonfiling = ind2 &- 0x30 < 10 ? Int(ind2 &- 0x30) : 0
                var firstA = true
                for s in field.subfields {
                    switch s.code {
                    case UInt8(ascii: "a"):
                        let value = firstA ? TitleKey.dropScalars(nonfiling, from: s.value) : s.value
                        if firstA { ProfileText.append(value, to: &properText) }
                        firstA = false
                        ProfileText.append(value, to: &titleText)
                    case UInt8(ascii: "b"): ProfileText.append(s.value, to: &titleText)
                    case UInt8(ascii: "n"), UInt8(ascii: "p"):
                        ProfileText.append(s.value, to: &titleText)
                        ProfileText.append(s.value, to: &partText)
                    case UInt8(ascii: "c"): ProfileText.append(s.value, to: &responsibility)
                    case UInt8(ascii: "h"): note(carrierIn: s.value)
                    default: continue
                    }
                }
            case T.t250:
                for s in field.subfields where s.code == UInt8(ascii: "a") || s.code == UInt8(ascii: "b") {
                    ProfileText.append(s.value, to: &edition)
                }
            case T.t260, T.t264:
                // 264 ind2 1 is publication; production, distribution and copyright are not.
                if tag == T.t264 && field.indicator2 != UInt8(ascii: "1") { continue }
                if seenImprint && tag == T.t264 { continue }
                seenImprint = true
                for s in field.subfields {
                    if s.code == UInt8(ascii: "a") { ProfileText.append(s.value, to: &places) }
                    if s.code == UInt8(ascii: "b") { ProfileText.append(s.value, to: &publishers) }
                }
            case T.t300 where !seen300:
                seen300 = true
                for s in field.subfields {
                    if s.code == UInt8(ascii: "a") { ProfileText.append(s.value, to: &extent) }
                    if s.code == UInt8(ascii: "c") { ProfileText.append(s.value, to: &dimensions) }
                    // Old records split the pagination at the wrong delimiter: `$a3 p. $bl., 3-180 p.`,
                    // `$axx p., 1 l., $b359 p.`. A $b that starts like pagination continues $a.
                    if s.code == UInt8(ascii: "b"), Self.continuesPagination(s.value) { pagesTail = s.value }
                }
            case T.t337, T.t338, T.t533:
                for s in field.subfields where s.code == UInt8(ascii: "a") { note(carrierIn: s.value) }
            case T.t440, T.t490, T.t800, T.t810, T.t811, T.t830:
                for s in field.subfields {
                    if s.code == UInt8(ascii: "a") || s.code == UInt8(ascii: "t") { ProfileText.append(s.value, to: &series) }
                    if s.code == UInt8(ascii: "v") { ProfileText.append(s.value, to: &seriesNumbering) }
                }
            case T.sixes:
                for s in field.subfields where s.code == UInt8(ascii: "a") { ProfileText.append(s.value, to: &subjects) }
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
        // Folded bytes are well-formed UTF-8, so no round trip through `String` changes them.
        p.title = TitleKey.removingLeadingArticle(ProfileText.fold(titleText[...]))
        p.titleProper = TitleKey.removingLeadingArticle(ProfileText.fold(properText[...]))
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
            let f = fixed.startIndex
            var coded: [UInt8] = []
            coded.reserveCapacity(18)
            coded.append(fixed[f + 6])
            coded.append(contentsOf: fixed[(f + 11)..<(f + 15)])
            coded.append(contentsOf: fixed[(f + 18)..<(f + 22)])
            coded.append(contentsOf: fixed[(f + 24)..<(f + 30)])
            coded.append(fixed[f + 31])
            coded.append(fixed[f + 33])
            coded.append(fixed[f + 34])
            p.coded = coded
        }
        p.subjectWords = ProfileText.wordSet(ProfileText.fold(subjects[...]), stop: Stop.title, limit: 48)

        // MARK: keys
        if let agency = controlAgency, let number = controlNumber, Self.isOCLCAgency(agency),
            let oclc = IdentifierBytes.oclcDigits(number, requireOrganization: false)
        {
            identifiers.append(MatchKey(.oclc, oclc))
        }
        p.keys = Self.sortedDistinct(identifiers + ContentKeys.keys(title: p.title, author: p.author, year: Int(p.year)))
    }

    /// 003 is `OCoLC` in any case, blanks around it allowed: `trimmingBlanks.uppercased() == "OCOLC"`,
    /// on the bytes when they are ASCII.
    static func isOCLCAgency(_ agency: ArraySlice<UInt8>) -> Bool {
        guard IdentifierBytes.isASCII(agency) else {
            return String(decoding: agency, as: UTF8.self).trimmingBlanks.uppercased() == "OCOLC"
        }
        var text = agency
        while text.first == 0x20 { text = text.dropFirst() }
        while text.last == 0x20 { text = text.dropLast() }
        return IdentifierBytes.equalsUpperCased(text, IdentifierBytes.oclcCode)
    }

    /// What `Set(keys).sorted()` gives, without hashing: a record has a handful of keys. The first of
    /// equal keys is kept, as a set built in order keeps it; the rest are then distinct, so their
    /// sorted order is the one order there is.
    static func sortedDistinct(_ keys: [MatchKey]) -> [MatchKey] {
        var distinct: [MatchKey] = []
        distinct.reserveCapacity(keys.count)
        for key in keys where !distinct.contains(key) { distinct.append(key) }
        distinct.sort()
        return distinct
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
        let s = bytes.startIndex
        let l0 = bytes[s] | 0x20, l1 = bytes[s + 1] | 0x20, l2 = bytes[s + 2] | 0x20
        // Blank, fill and "unknown" codes say nothing.
        @inline(__always) func empty(_ b: UInt8) -> Bool { b == 0x20 || b == UInt8(ascii: "|") }
        if empty(l0) && empty(l1) && empty(l2) { return 0 }
        let packed = UInt32(l0) << 16 | UInt32(l1) << 8 | UInt32(l2)
        // `xx `, `und` (and `   `, which the test above already caught).
        if packed == 0x78_7820 || packed == 0x75_6e64 || packed == 0x20_2020 { return 0 }
        return packed
    }

    static func firstNumber(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let start = bytes.firstIndex(where: ProfileText.isDigit) else { return nil }
        let digits = bytes[start...].prefix(while: ProfileText.isDigit).prefix(4)
        return Int(ProfileText.number(digits))
    }

    /// `3 v.`, `2 vols`, `4 jil.` → the count; 0 when the extent names no volumes.
    static func volumeCount(_ folded: [UInt8]) -> Int {
        // The words as byte ranges, compared as bytes: no `String` per word.
        var words: [Range<Int>] = []
        var i = 0
        while i < folded.count {
            if folded[i] == 0x20 {
                i += 1
                continue
            }
            let start = i
            while i < folded.count, folded[i] != 0x20 { i += 1 }
            words.append(start..<i)
        }
        for (i, w) in words.enumerated() where i > 0 && volumeWords.contains(where: { $0.elementsEqual(folded[w]) }) {
            let previous = folded[words[i - 1]]
            // `2 pt. in 1 v.`: parts bound together, not the number of volumes.
            if i >= 2 && folded[words[i - 2]].elementsEqual([UInt8(ascii: "i"), UInt8(ascii: "n")]) { continue }
            if previous.allSatisfy(ProfileText.isDigit) { return min(Int(ProfileText.number(previous)), 9999) }
        }
        return 0
    }

    static let volumeWords: [[UInt8]] = ["v", "vol", "vols", "volumes", "volume", "jil", "jilid", "bd", "bde", "t", "tomes"]
        .map { Array($0.utf8) }
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
