import MARCRecord

/// The MARC fields of one crosswalked description, gathered element by element and written out in
/// tag order at the end (the 245, 260 and 008 need everything first).
struct DublinCoreBuild {
    private typealias Subfields = [(code: Character, value: String)]
    private var fields: [(tag: Tag, indicators: String, subfields: Subfields)] = []
    private var seen: Set<String> = []

    private var titles: [String] = []
    private var publishers: [String] = []
    private var dates: [String] = []
    private var typeTerms: [String] = []
    private var typeHints: [String] = []
    private var mimeTypes: [String] = []
    private var extents: [String] = []
    private var languages: [String] = []
    private var languageCodes: [String] = []
    private var firstLocation: Int?

    mutating func add(_ role: DublinCoreRole, _ value: String) {
        switch role {
        case .title: titles.append(value)
        case .alternativeTitle: field("246", "33", [("a", value)])
        case .creator: field("720", "  ", [("a", value), ("e", "author")])
        case .contributor: field("720", "  ", [("a", value)])
        case .subject: field("653", "  ", [("a", value)])
        case .description: field("520", "  ", [("a", value)])
        case .abstract: field("520", "3 ", [("a", value)])
        case .tableOfContents: field("505", "0 ", [("a", value)])
        case .publisher: appendOnce(value, to: &publishers)
        case .date: appendOnce(value, to: &dates)
        case .type:
            typeHints.append(value)
            appendOnce(DublinCoreText.unbracketed(value), to: &typeTerms)
        case .format: addFormat(value)
        case .extent: extents.append(value)
        case .medium: addMedium(value)
        case .identifier, .isbnIdentifier, .issnIdentifier: addIdentifier(value, role: role)
        case .source:
            field("786", "0 ", [(DublinCoreText.isURL(value) ? "o" : "n", value)])
        case .language: addLanguage(value)
        case .relation: addRelation(value)
        case .isPartOf: field("490", "0 ", [("a", value)])
        case .hasVersion: field("250", "  ", [("a", value)])
        case .coverage: field("500", "  ", [("a", value)])
        case .rights: field("540", "  ", [("a", value)])
        }
    }

    // MARK: - Elements that need a decision

    private mutating func addFormat(_ value: String) {
        if DublinCoreText.isMIMEType(value) {
            appendOnce(value.lowercased(), to: &mimeTypes)
        } else if DublinCoreText.looksLikeExtent(value) {
            extents.append(value)
        } else {
            addMedium(value)
        }
    }

    /// SLiMS writes its general material designation (`Text`, `[Text]`) to both dc:format and
    /// dc:medium, and `serial` to dc:format: words for a kind of resource, which 340 (physical
    /// medium) is not for. They decide the type like dc:type and go to 655 with it; anything else is
    /// a medium.
    private mutating func addMedium(_ value: String) {
        if DublinCoreResourceType.recognizes(value) {
            typeHints.append(value)
            appendOnce(DublinCoreText.unbracketed(value), to: &typeTerms)
        } else {
            field("340", "  ", [("a", DublinCoreText.unbracketed(value))])
        }
    }

    private mutating func addRelation(_ value: String) {
        if DublinCoreText.isURL(value) {
            // SLiMS lists attachments and cover images here: related resources reachable online.
            field("856", "42", [("u", value)])
        } else if DublinCoreText.looksLikeExtent(value) {
            // INLISLite v3 writes the physical description (`xii, 350 hlm. ; 21 cm`) as dc:relation.
            extents.append(value)
        } else {
            field("787", "0 ", [("n", value)])
        }
    }

    private mutating func addIdentifier(_ value: String, role: DublinCoreRole) {
        for identifier in DublinCoreIdentifier.classify(value, role: role) {
            switch identifier {
            case .url(let url):
                if firstLocation == nil { firstLocation = fields.count }
                field("856", "40", [("u", url)])
            case .isbn(let number, let qualifiers):
                field("020", "  ", [("a", number)] + qualifiers.map { ("q", $0) })
            case .invalidISBN(let number): field("020", "  ", [("z", number)])
            case .issn(let issn): field("022", "  ", [("a", issn)])
            case .doi(let doi): field("024", "7 ", [("a", doi), ("2", "doi")])
            case .other(let text): field("024", "8 ", [("a", text)])
            }
        }
    }

    private mutating func addLanguage(_ value: String) {
        appendOnce(value, to: &languages)
        for code in DublinCoreLanguage.codes(in: value) { appendOnce(code, to: &languageCodes) }
    }

    // MARK: - The record

    func record(controlNumber: String?, sourceIdentifier: String?, datestamp: String?) -> MARCRecord {
        var all = fields
        let type = DublinCoreResourceType(typeTerms: typeHints)
        let year = dates.lazy.compactMap(DublinCoreText.firstYear).first

        if let first = titles.first { all.append(("245", "00", DublinCoreTitle.subfields(first))) }
        for title in titles.dropFirst() { all.append(("246", "33", [("a", title)])) }
        if !publishers.isEmpty || !dates.isEmpty {
            all.append(("260", "  ", publishers.map { ("b", $0) } + dates.map { ("c", $0) }))
        }
        if let first = extents.first { all.append(("300", "  ", DublinCoreText.extentSubfields(first))) }
        for extent in extents.dropFirst() { all.append(("500", "  ", [("a", extent)])) }
        if !mimeTypes.isEmpty {
            if let i = firstLocation {
                all[i].subfields += mimeTypes.map { ("q", $0) }
            } else {
                all.append(("347", "  ", mimeTypes.map { ("b", $0) }))
            }
        }
        for language in languages { all.append(("546", "  ", [("a", language)])) }
        if !languageCodes.isEmpty { all.append(("041", "  ", languageCodes.map { ("a", $0) })) }
        for term in typeTerms {
            all.append(("655", " 7", [("a", term), ("2", DublinCoreResourceType.isDCMIType(term) ? "dct" : "local")]))
        }
        var conversion: Subfields = [("a", DublinCoreCrosswalk.conversionProcess)]
        if let sourceIdentifier, !sourceIdentifier.isEmpty { conversion.append(("k", sourceIdentifier)) }
        conversion.append(("u", DublinCoreCrosswalk.crosswalkURI))
        all.append(("884", "  ", conversion))

        // Stable: fields with one tag keep the order of their elements.
        let ordered = all.enumerated().sorted { ($0.element.tag, $0.offset) < ($1.element.tag, $1.offset) }

        var record = MARCRecord(leader: type.leader)
        if let controlNumber, !controlNumber.isEmpty { record.appendControlField("001", controlNumber) }
        record.appendControlField("008", DublinCoreFixedField.field008(type: type, year: year,
            language: languageCodes.first, datestamp: datestamp))
        for (_, field) in ordered {
            record.appendDataField(field.tag, indicators: field.indicators, subfields: field.subfields)
        }
        return record
    }

    // MARK: - Helpers

    /// Adds a field unless the same field is already there (SLiMS repeats its GMD in format and medium).
    private mutating func field(_ tag: Tag, _ indicators: String, _ subfields: Subfields) {
        var key = tag.description + indicators
        for (code, value) in subfields { key += "\u{1F}\(code)\(value)" }
        guard seen.insert(key).inserted else { return }
        fields.append((tag, indicators, subfields))
    }

    private func appendOnce(_ value: String, to list: inout [String]) {
        if !list.contains(value) { list.append(value) }
    }
}
