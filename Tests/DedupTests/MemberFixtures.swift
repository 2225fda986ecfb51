import Dedup
import MARCRecord
import Normalize

/// Member records for the master-selection and merged-record tests, written the way catalogers'
/// tools show them: `("245", "10$aTitle /$cby X.")`, indicators then `$`-delimited subfields; a
/// `00X` tag takes its value as is.
enum MemberFixtures {
    static func record(_ leader: String, _ fields: [(String, String)]) -> MARCRecord {
        var record = MARCRecord(leader: Leader(leader)!)
        for (tag, text) in fields {
            let t = Tag(tag)!
            if t.isControlField {
                record.appendControlField(t, text)
                continue
            }
            let indicators = String(text.prefix(2))
            let subfields = text.dropFirst(2).split(separator: "$", omittingEmptySubsequences: true).map {
                (code: $0.first!, value: String($0.dropFirst()))
            }
            record.appendDataField(t, indicators: indicators, subfields: subfields)
        }
        return record
    }

    static let normalizer = try! Normalizer()

    /// The record as the catalogue stores it: through the default normalizer with the member's code.
    static func member(_ code: String, _ localID: String, _ record: MARCRecord, datestamp: String? = nil)
        -> ClusterMember
    {
        let (normalized, _) = normalizer.normalized(record, memberCode: code, localID: localID)
        return ClusterMember(memberCode: code, localID: localID, record: normalized, datestamp: datestamp)
    }

    /// A full-level LC-style description of one book.
    static func fullBook(title: String = "Sejarah kebudayaan Indonesia /", isbn: String? = "979-407-123-4") -> MARCRecord {
        var fields: [(String, String)] = [
            ("001", "b1234567"),
            ("003", "IdJaUI"),
            ("005", "20190304112233.0"),
            ("008", "190304s2018    io a          000 0 ind d"),
        ]
        if let isbn { fields.append(("020", "  $a\(isbn) (pbk.)")) }
        fields += [
            ("040", "  $aIdJaUI$beng$cIdJaUI"),
            ("050", " 4$aDS625$b.S45 2018"),
            ("082", "04$a959.8$223"),
            ("100", "1 $aSoekmono, R.,$eauthor."),
            ("245", "10$a\(title)$cR. Soekmono."),
            ("264", " 1$aJakarta :$bBalai Pustaka,$c2018."),
            ("300", "  $a250 pages :$billustrations ;$c24 cm"),
            ("650", " 0$aCivilization$zIndonesia."),
            ("651", " 0$aIndonesia$xHistory."),
        ]
        return record("00000nam a2200000 i 4500", fields)
    }

    /// The same book as a Dublin Core harvest makes it, through our crosswalk.
    static func dublinCoreBook() -> MARCRecord {
        let dc = DublinCoreRecord(elements: [
            .init(name: "title", value: "Sejarah kebudayaan Indonesia"),
            .init(name: "creator", value: "Soekmono, R."),
            .init(name: "publisher", value: "Balai Pustaka"),
            .init(name: "date", value: "2018"),
            .init(name: "subject", value: "Indonesia -- History"),
            .init(name: "subject", value: "Civilization"),
            .init(name: "identifier", value: "ISBN 979-407-123-4"),
            .init(name: "language", value: "ind"),
            .init(name: "type", value: "Text"),
            .init(name: "description", value: "Kajian sejarah kebudayaan dari masa prasejarah."),
            .init(name: "format", value: "250 hlm. ; 24 cm"),
        ])
        return DublinCoreCrosswalk.marcRecord(from: dc, controlNumber: "88", sourceIdentifier: "oai:slims:88",
            datestamp: "2021-06-01")
    }

    /// INLISLite 3.3's synthesised `marc21` record: fixed leader, one 100 for all authors, one 020 for
    /// all ISBNs, 003 = the HTTP host, no 008 and no 040.
    static func inlisliteBook() -> MARCRecord {
        record("00000nam a2200000 a 4500", [
            ("001", "INLIS000000000012345"),
            ("003", "192.168.1.20"),
            ("020", "  $a9794071234; 9789794071236"),
            ("082", "  $a959.8"),
            ("100", "0 $aSoekmono, R.; Poesponegoro, M. D."),
            ("245", "10$aSejarah kebudayaan Indonesia"),
            ("260", "  $aJakarta$bBalai Pustaka$c2018"),
            ("300", "  $a250 hlm."),
            ("650", "  $aKebudayaan"),
            ("650", "  $aSejarah"),
            ("700", "0 $aPoesponegoro, M. D."),
        ])
    }
}
