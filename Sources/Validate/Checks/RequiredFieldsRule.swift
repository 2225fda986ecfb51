import MARCRecord

/// A bibliographic record has exactly one 245 and at most one main entry (1XX). A second 245 is also a
/// repeated non-repeatable field; it is reported here once more under the count rule so that the count is
/// where people look for it.
struct RequiredFieldsRule: RecordRule {
    fileprivate static let title = "marc21.245-count"
    fileprivate static let mainEntry = "marc21.1xx-count"

    func check(_ c: inout RecordCheck) {
        var titles = 0
        var mainEntryCount = 0
        for entry in c.record.entries {
            if entry.tag == Tags.t245 { titles += 1 }
            if Self.isMainEntry(entry.tag) { mainEntryCount += 1 }
        }
        if titles == 0 {
            c.add(.error, Self.title, "no 245 (title statement): a bibliographic record needs exactly one",
                tag: "245")
        } else if titles > 1 {
            c.add(.error, Self.title, "\(titles) fields 245: a bibliographic record needs exactly one", tag: "245")
        }
        if mainEntryCount > 1 {
            let mainEntries = c.record.entries.map(\.tag).filter(Self.isMainEntry)
            let tags = mainEntries.map(\.description).joined(separator: ", ")
            c.add(.error, Self.mainEntry, "\(mainEntryCount) main entries (\(tags)): at most one 1XX is allowed",
                tag: "1XX")
        }
    }

    private static func isMainEntry(_ tag: Tag) -> Bool {
        tag.byte(0) == UInt8(ascii: "1") && ASCII.isDigit(tag.byte(1)) && ASCII.isDigit(tag.byte(2))
    }
}
