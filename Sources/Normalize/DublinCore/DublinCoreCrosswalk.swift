public import MARCRecord

/// Simple Dublin Core → MARC 21, following the Library of Congress "Dublin Core to MARC Crosswalk"
/// (loc.gov/marc/dccross.html), for members that serve only `oai_dc` (SLiMS, old INLISLite).
///
/// | element | MARC 21 |
/// |---|---|
/// | title | first: 245 00 $a (ISBD ` : ` / ` = ` / ` / ` split into $a $b $c); others and `alternative`: 246 33 $a |
/// | creator | 720 ## $a $e author |
/// | contributor | 720 ## $a |
/// | subject | 653 ## $a |
/// | description / `abstract` / `tableOfContents` | 520 ## $a / 520 3# $a / 505 0# $a |
/// | publisher, date (`publishYear`, `issued`, `created`) | 260 ## $b, $c; the first year also in 008/07–10 |
/// | type | 655 #7 $a $2 dct (a DCMI Type term) or local; leader/06–07 and the 008 layout by type |
/// | format | MIME type: 856 $q (first 856; 347 ## $b without one); extent: 300; a resource-type word |
/// |  | (SLiMS's GMD `Text`, `serial`): as type; anything else: 340 ## $a |
/// | `extent` | 300 ## $a $b $c (first), 500 for any further one |
/// | `medium` | as format, without MIME types and extents |
/// | identifier | URL: 856 40 $u; ISBN: 020 $a ($z if the check digit fails in an ISBN element); |
/// |  | ISSN: 022 $a; DOI: 024 7# $a $2 doi; anything else: 024 8# $a |
/// | source | 786 0# $n (a URI in $o) |
/// | language | 546 ## $a as written; a recognised language also 041 ## $a and 008/35–37 |
/// | relation | 787 0# $n; a URL: 856 42 $u; a physical description (INLISLite): 300 |
/// | `isPartOf` / `hasVersion` | 490 0# $a / 250 ## $a |
/// | coverage (`spatial`, `temporal`) | 500 ## $a |
/// | rights (`accessRights`, `license`) | 540 ## $a |
///
/// The leader is `nam a22     3u 4500` adjusted for type: encoding level `3` (abbreviated) marks
/// the record as less than minimal, so that a record converted from Dublin Core never wins master
/// selection over a catalogued one, and descriptive form `u` because Dublin Core says nothing about
/// ISBD. An 884 names the conversion and the source identifier. The output depends on nothing but
/// the input: no clock is read.
public enum DublinCoreCrosswalk {
    /// The MARC 21 record for `dc`.
    ///
    /// - Parameters:
    ///   - controlNumber: written to 001 (the OAI identifier's local part, for example); no 001 when nil.
    ///   - sourceIdentifier: the OAI identifier, written to 884 $k.
    ///   - datestamp: the OAI datestamp (`2024-03-05` or `2024-03-05T10:00:00Z`); its date becomes
    ///     008/00–05 (date entered on file), which is `000000` without it.
    public static func marcRecord(from dc: DublinCoreRecord, controlNumber: String? = nil,
        sourceIdentifier: String? = nil, datestamp: String? = nil) -> MARCRecord
    {
        var build = DublinCoreBuild()
        for element in dc.elements {
            let value = DublinCoreText.clean(element.value)
            guard !value.isEmpty, let role = DublinCoreRole(elementName: element.name) else { continue }
            build.add(role, value)
        }
        return build.record(controlNumber: controlNumber, sourceIdentifier: sourceIdentifier,
            datestamp: datestamp)
    }

    /// The elements the crosswalk has no place for (SLiMS's `hasPart` item codes and `<image>`
    /// file names, for instance), so a caller can report what was left behind. Empty elements are
    /// not listed: they carry nothing.
    public static func unmappedElements(in dc: DublinCoreRecord) -> [DublinCoreRecord.Element] {
        dc.elements.filter { DublinCoreRole(elementName: $0.name) == nil && !$0.trimmedValue.isEmpty }
    }

    /// 884 $a: what made the record.
    public static let conversionProcess = "DCMI Dublin Core to MARC 21 crosswalk (Katalog)"
    /// 884 $u: the crosswalk followed.
    public static let crosswalkURI = "https://www.loc.gov/marc/dccross.html"
}

/// What an element is for the crosswalk, from its local name (ASCII case ignored).
enum DublinCoreRole: Sendable {
    case title, alternativeTitle, creator, contributor, subject, description, abstract, tableOfContents
    case publisher, date, type, format, extent, medium, identifier, isbnIdentifier, issnIdentifier
    case source, language, relation, isPartOf, hasVersion, coverage, rights

    init?(elementName: String) {
        var lower = elementName.lowercased()
        // `dc.title`, `dcterms:title` written into the local name by hand-made exports.
        if let dot = lower.lastIndex(where: { $0 == "." || $0 == ":" }) {
            lower = String(lower[lower.index(after: dot)...])
        }
        guard let role = Self.names[lower] else { return nil }
        self = role
    }

    private static let names: [String: DublinCoreRole] = [
        "title": .title, "alternative": .alternativeTitle, "creator": .creator, "contributor": .contributor,
        "subject": .subject, "description": .description, "abstract": .abstract,
        "tableofcontents": .tableOfContents, "publisher": .publisher,
        // INLISLite writes the year as `dc:publishYear`; DCMI Terms refinements of date.
        "date": .date, "publishyear": .date, "issued": .date, "created": .date, "dateissued": .date,
        "type": .type, "format": .format, "extent": .extent, "medium": .medium,
        "identifier": .identifier, "identifier_isbn": .isbnIdentifier, "isbn": .isbnIdentifier,
        "identifier_issn": .issnIdentifier, "issn": .issnIdentifier,
        "source": .source, "language": .language, "relation": .relation, "ispartof": .isPartOf,
        "hasversion": .hasVersion, "coverage": .coverage, "spatial": .coverage, "temporal": .coverage,
        "rights": .rights, "accessrights": .rights, "license": .rights,
    ]
}
