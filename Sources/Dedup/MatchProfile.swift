public import MARCRecord

/// What the matcher knows about one normalized member record: its identifier keys, its content
/// signals and its format class. Computed once when a record is merged and stored beside it, so
/// that scoring a candidate never re-parses its MARC record.
///
/// Text signals are kept folded (`MatchKeyText`), word lists as sorted sets of FNV-1a hashes, so
/// that `Matcher.compare` works on integers and short byte strings only.
public struct MatchProfile: Sendable, Hashable {
    /// The keys this record is indexed under: identifier keys (OCLC incl. 019, ISBN-13, ISSN, LCCN,
    /// 015/016, typed 024) and content retrieval keys (title key + author + year, and variants).
    public var keys: [MatchKey]

    /// Type, level and carrier.
    public var format = FormatClass(type: UInt8(ascii: "a"), level: UInt8(ascii: "m"), carrier: .unknown)
    /// The folded title (245 $a $b $n $p, non-filing characters and a leading article removed).
    public var title: [UInt8] = []
    /// The folded 245 $a alone (the title proper, without the subtitle).
    public var titleProper: [UInt8] = []
    /// Words of the title (245 $a $b $n $p).
    public var titleWords: [UInt32] = []
    /// Numbers written in the title (`Circular no. 274`, `1949`).
    public var titleNumbers: [UInt32] = []
    /// The main author's surname key (`AuthorKey`), folded; empty when there is no author.
    public var author: [UInt8] = []
    /// Words of every name in 1XX and 7XX $a.
    public var nameWords: [UInt32] = []
    /// Words of the statement of responsibility (245 $c).
    public var responsibilityWords: [UInt32] = []
    /// Year of publication (`YearKey`: 008/07–10, else 264/260 $c); 0 when unknown. With
    /// `yearLast`, the range the date may lie in: a questionable date (008/06 `q`, `[18--?]`) or
    /// multiple dates (`m`, `1890-1893`) is a range, and so is a date1 with unknown digits (`18uu`).
    public var year: Int16 = 0
    /// The last year of the range; equal to `year` for a single known year.
    public var yearLast: Int16 = 0
    /// Main page count (`PaginationKey`); 0 when unknown.
    public var pages: Int32 = 0
    /// Words and numbers of the extent (300 $a), roman preliminaries included.
    public var extentWords: [UInt32] = []
    /// Height in cm (300 $c); 0 when unknown.
    public var height: Int16 = 0
    /// Volumes of a multi-volume set (`3 v.` in 300 $a); 0 when not stated.
    public var volumeCount: Int16 = 0
    /// The edition number (250: `2nd ed.`, `second edition`, `2. Aufl.` → 2); 0 when none is stated.
    public var editionNumber: Int16 = 0
    /// Words of the edition statement with the generic words (`ed`, `edition`) left out.
    public var editionWords: [UInt32] = []
    /// Whether the record has an edition statement at all.
    public var hasEdition = false
    /// The part designation (245 $n $p), folded and reduced to its numbers and words
    /// (`v. II` and `vol. 2` both → `2`).
    public var part: [UInt32] = []
    /// Words of the series titles (490 $a, 8XX $a $t).
    public var seriesWords: [UInt32] = []
    /// Numbers of the series numbering (490 $v).
    public var seriesNumbers: [UInt32] = []
    /// Words of the publisher names (260/264 $b).
    public var publisherWords: [UInt32] = []
    /// Words of the places of publication (260/264 $a).
    public var placeWords: [UInt32] = []
    /// 008/15–17 country code and 008/35–37 language code, packed; 0 when absent or blank.
    public var country: UInt32 = 0
    public var language: UInt32 = 0
    /// Words of the subject headings (6XX $a).
    public var subjectWords: [UInt32] = []
    /// Coded data of 008 that two catalogers of one book tend to code alike: type of date (06),
    /// date 2 (11–14), illustrations (18–21), nature of contents (24–27), government publication
    /// (28), conference (29), index (31), literary form (33), biography (34); blanks when absent.
    public var coded: [UInt8] = []

    public init(record: MARCRecord) {
        keys = []
        var builder = ProfileBuilder(record: record)
        builder.build(into: &self)
    }

    /// A profile with only keys, for tests and for callers that index by key alone.
    public init(keys: [MatchKey]) {
        self.keys = keys
    }
}

extension MatchProfile {
    /// Years between the two records' date ranges (0 when they overlap); nil when either is unknown.
    static func yearGap(_ a: MatchProfile, _ b: MatchProfile) -> Int? {
        guard a.year != 0, b.year != 0 else { return nil }
        let lastA = max(a.year, a.yearLast), lastB = max(b.year, b.yearLast)
        return max(0, Int(max(a.year, b.year)) - Int(min(lastA, lastB)))
    }

    var yearText: String { yearLast > year ? "\(year)-\(yearLast)" : "\(year)" }
}
