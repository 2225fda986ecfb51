/// The profiles shipped with Katalog, as TOML text (kept in Swift so the package needs no
/// resource bundle). `--profile NAME` picks one; `--profile PATH` reads a file in the same format.
///
/// The format, key by key:
///
///     name = "cds"                  # shown in findings and `inspect`
///     description = "…"
///     engine = "fields"             # fields | isismarc | raw (see ISISProfile.Engine)
///     id-prefix = "cds"             # 001 = id-prefix + MFN
///     source = "CDS"                # 003; 035 $a (CDS)cds17
///     local-tag = "886"             # where fields without a rule go (default 886)
///     leader = "     nam a22     uu 4500"   # starting leader (length, base, 09–11, 20–23 computed)
///     text-code = "a"               # code for the text before the first ^ (default a)
///     leader-tag-base = 3000        # isismarc: tags 3005–3019 hold leader/05–19
///
///     [[field]]                     # one ISIS tag to MARC (several rules per tag allowed)
///     isis = 70                     # the ISIS tag
///     tag = "700"                   # MARC tag (00X: a control field, the whole text)
///     first-tag = "100"             # the first occurrence goes here instead
///     indicators = "1#"             # # or blank = blank; first-indicators for the first occurrence
///     text = "a"                    # code for the text before the first ^
///     subfields = { "1" = "u" }     # ISIS code (any case) → MARC code; others keep theirs
///     add = { "2" = "decs" }        # subfields appended to every field made
///     prefix = "(LILACS)"           # put before the first subfield's value
///     nonfiling = true              # "<The> Title" → "The Title", indicator 2 = 4
///     split-terms = true            # "<a><b>" → one field per term; text outside → local field
///     values = { as = "b" }         # whole value → replacement; others stay in the local field
///     leader = 7                    # set leader/7 from the (replaced) value instead of, or besides, a tag
///     first-only = true             # later occurrences go to the local field
///
///     [[combine]]                   # several ISIS fields into one MARC field
///     tag = "773"
///     indicators = "0#"
///     parts = [ { isis = 30, code = "t" }, { isis = 31, code = "g", prefix = "v. " },
///               { isis = 10, code = "a", subfield = "x" } ]   # subfield: take ^x, not the text
extension ISISProfile {
    public static let shippedNames = ["isismarc", "cds", "lilacs", "raw"]

    /// A shipped profile by name, or nil.
    public static func shipped(_ name: String) -> ISISProfile? {
        guard let text = shippedText(name) else { return nil }
        do { return try ISISProfile(toml: text, source: name) } catch {
            preconditionFailure("shipped profile \(name) does not parse: \(error)")  // the tests parse each one
        }
    }

    public static func shippedText(_ name: String) -> String? {
        switch name {
        case "isismarc": isismarcText
        case "cds": cdsText
        case "lilacs": lilacsText
        case "raw": rawText
        default: nil
        }
    }

    static let rawText = """
        name = "raw"
        description = "Every ISIS field kept losslessly in 886 (2# $2 isis $a TAG $b text-before-^ $x…)"
        engine = "raw"
        id-prefix = "isis"
        source = "ISIS"
        leader = "     nam a22     uu 4500"
        """

    static let isismarcText = """
        name = "isismarc"
        description = "MARC 21 kept inside ISIS (ABCD, IsisMarc): indicators first, # = blank, leader in 3005–3019"
        engine = "isismarc"
        id-prefix = "isis"
        source = "ISIS"
        leader = "     nam a22     uu 4500"
        leader-tag-base = 3000
        """

    /// UNESCO's CDS sample database. Its FDT: 12 conference (npdz), 24 title, 25 edition, 26 imprint
    /// (abc), 30 collation (abc), 44 series (vz), 50 notes, 69 keywords (`<term>`), 70 personal
    /// authors, 71 corporate bodies, 72 meetings (npdz), 74 added title, 76 other-language titles (z).
    static let cdsText = """
        name = "cds"
        description = "UNESCO CDS sample database (CDS/ISIS manual)"
        engine = "fields"
        id-prefix = "cds"
        source = "CDS"
        leader = "     nam a22     uu 4500"

        [[field]]
        isis = 12
        tag = "711"
        first-tag = "111"
        indicators = "2#"
        subfields = { n = "n", d = "d", p = "c", z = "g" }

        [[field]]
        isis = 24
        tag = "245"
        indicators = "00"
        nonfiling = true
        subfields = { z = "y" }

        [[field]]
        isis = 25
        tag = "250"
        first-only = true

        [[field]]
        isis = 26
        tag = "260"
        first-only = true

        [[field]]
        isis = 30
        tag = "300"
        subfields = { a = "a", b = "b", c = "c" }

        [[field]]
        isis = 44
        tag = "490"
        indicators = "0#"

        [[field]]
        isis = 50
        tag = "500"

        [[field]]
        isis = 69
        tag = "653"
        split-terms = true

        [[field]]
        isis = 70
        tag = "700"
        first-tag = "100"
        indicators = "1#"

        [[field]]
        isis = 71
        tag = "710"
        first-tag = "110"
        indicators = "2#"

        [[field]]
        isis = 72
        tag = "711"
        indicators = "2#"
        subfields = { n = "n", d = "d", p = "c", z = "g" }

        [[field]]
        isis = 74
        tag = "740"
        indicators = "0#"
        nonfiling = true
        subfields = { z = "y" }

        [[field]]
        isis = 76
        tag = "242"
        indicators = "00"
        nonfiling = true
        subfields = { z = "y" }
        """

    /// BIREME's LILACS format (health sciences; the lilacs30 sample). Field meanings from the
    /// LILACS methodology: 1 cooperating centre, 2 record id, 4 database, 5 literature type,
    /// 6 treatment level, 8 electronic address, 10 analytic personal authors (^1–^3 affiliation,
    /// ^p country, ^c city, ^r role), 11 analytic corporate author, 12 analytic title, 13 English
    /// title, 14 pages, 16/17/18 monographic author/title, 30 journal title, 31 volume, 32 issue,
    /// 35 ISSN, 38 illustrations, 40 text language, 41 abstract languages, 62 publisher, 63 edition,
    /// 64 publication date, 65 normalised date, 66 city, 67 country, 72 references, 83 abstract,
    /// 85 keywords, 87/88 DeCS descriptors, 84/91/92/93/98/113/778 administrative (kept in 886).
    static let lilacsText = """
        name = "lilacs"
        description = "BIREME LILACS format (lilacs30 sample)"
        engine = "fields"
        id-prefix = "lilacs"
        source = "LILACS"
        leader = "     naa a22     uu 4500"

        [[field]]
        isis = 1
        tag = "040"
        first-only = true

        [[field]]
        isis = 2
        tag = "035"
        prefix = "(LILACS)"
        first-only = true

        [[field]]
        isis = 6
        leader = 7
        values = { as = "b", am = "a", amc = "a", m = "m", mc = "m", ms = "m", c = "c", s = "s", ams = "a" }

        [[field]]
        isis = 8
        tag = "856"
        indicators = "40"
        text = "3"
        subfields = { i = "u", l = "y", q = "q", y = "q" }

        [[field]]
        isis = 10
        tag = "700"
        first-tag = "100"
        indicators = "1#"
        subfields = { "1" = "u", "2" = "u", "3" = "u", p = "u", c = "u", r = "e", s = "u" }

        [[field]]
        isis = 11
        tag = "710"
        first-tag = "110"
        indicators = "2#"

        [[field]]
        isis = 12
        tag = "246"
        first-tag = "245"
        first-indicators = "10"
        indicators = "31"
        subfields = { i = "y" }

        [[field]]
        isis = 13
        tag = "242"
        indicators = "10"
        subfields = { i = "y" }

        [[field]]
        isis = 16
        tag = "700"
        indicators = "1#"
        subfields = { "1" = "u", "2" = "u", "3" = "u", p = "u", c = "u", r = "e", s = "u" }

        [[field]]
        isis = 18
        tag = "773"
        indicators = "0#"
        text = "t"

        [[field]]
        isis = 38
        tag = "300"
        text = "b"

        [[field]]
        isis = 40
        tag = "041"
        indicators = "0#"
        values = { Pt = "por", En = "eng", Es = "spa", Fr = "fre", It = "ita", De = "ger" }

        [[field]]
        isis = 41
        tag = "041"
        indicators = "0#"
        text = "b"
        values = { Pt = "por", En = "eng", Es = "spa", Fr = "fre", It = "ita", De = "ger" }

        [[field]]
        isis = 62
        tag = "260"
        text = "b"

        [[field]]
        isis = 63
        tag = "250"

        [[field]]
        isis = 66
        tag = "260"

        [[field]]
        isis = 67
        tag = "044"
        text = "c"

        [[field]]
        isis = 72
        tag = "504"
        text = "b"

        [[field]]
        isis = 83
        tag = "520"
        indicators = "3#"
        subfields = { i = "9" }

        [[field]]
        isis = 85
        tag = "653"
        subfields = { s = "a" }

        [[field]]
        isis = 87
        tag = "650"
        indicators = "#7"
        subfields = { s = "x" }
        add = { "2" = "decs" }

        [[field]]
        isis = 88
        tag = "650"
        indicators = "#7"
        subfields = { s = "x" }
        add = { "2" = "decs" }

        [[combine]]
        tag = "773"
        indicators = "0#"
        parts = [
            { isis = 30, code = "t" },
            { isis = 35, code = "x" },
            { isis = 31, code = "g", prefix = "v. " },
            { isis = 32, code = "g", prefix = "n. " },
            { isis = 14, code = "g", subfield = "f", prefix = "p. " },
            { isis = 64, code = "g" },
        ]
        """
}
