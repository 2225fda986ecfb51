/// What a `dc:identifier` value is, for the crosswalk: members put everything there — permalinks,
/// ISBNs without hyphens, ISSNs in the ISBN column (SLiMS's `isbn_issn`), call numbers, cover URLs.
enum DublinCoreIdentifier: Equatable {
    case url(String)
    /// A checked ISBN: the digits as written (hyphens and blanks removed) and any qualifiers.
    case isbn(String, qualifiers: [String])
    /// An ISBN-shaped number in an element that says it is an ISBN, whose check digit fails.
    case invalidISBN(String)
    /// A checked ISSN as `NNNN-NNNC`.
    case issn(String)
    case doi(String)
    case other(String)

    /// The identifiers in one element's value; several when INLISLite-style lists (`978…; 978…`) hold
    /// more than one ISBN.
    static func classify(_ value: String, role: DublinCoreRole) -> [DublinCoreIdentifier] {
        if DublinCoreText.isURL(value) { return [.url(value)] }
        if let doi = doi(value) { return [.doi(doi)] }
        var text = Substring(value)
        var saysISBN = role == .isbnIdentifier
        var saysISSN = role == .issnIdentifier
        for (prefix, isISBN) in [("urn:isbn:", true), ("isbn", true), ("urn:issn:", false), ("issn", false)]
            where text.lowercased().hasPrefix(prefix)
        {
            text = text.dropFirst(prefix.count).drop(while: { $0 == " " || $0 == ":" })
            if isISBN { saysISBN = true } else { saysISSN = true }
            break
        }
        if let issn = ISSN(text), ISSN.looksLikeISSN(text) || saysISSN { return [.issn(issn.description)] }
        var found: [DublinCoreIdentifier] = []
        var rest: String? = String(text)
        while let current = rest {
            let scan = IdentifierScan.scan(current)
            rest = scan.following
            if ISBN(digits: scan.number) != nil {
                found.append(.isbn(scan.number, qualifiers: scan.qualifiers))
            } else if saysISBN && !saysISSN && scan.number.count >= 9 && scan.following == nil
                && found.isEmpty
            {
                found.append(.invalidISBN(scan.number))
            } else if found.isEmpty {
                return [.other(value)]
            }
        }
        return found.isEmpty ? [.other(value)] : found
    }

    /// `doi:10.1000/182`, `10.1000/182`: the DOI without its scheme.
    private static func doi(_ value: String) -> String? {
        var text = Substring(value)
        if text.lowercased().hasPrefix("doi:") { text = text.dropFirst(4).drop(while: { $0 == " " }) }
        guard text.hasPrefix("10."), let slash = text.firstIndex(of: "/") else { return nil }
        let registrant = text[text.index(text.startIndex, offsetBy: 3)..<slash]
        guard registrant.count >= 4, registrant.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            text.index(after: slash) < text.endIndex, !text.contains(" ")
        else { return nil }
        return String(text)
    }
}
