public import MARCRecord

/// The first author's surname, folded like the title key: from 100 $a, else the whole name in
/// 110 $a or 111 $a, else the first 700 or 720 $a.
///
/// The surname is what comes before the first comma of an inverted name (`Hirata, Andrea` →
/// `hirata`). A name in direct order has no comma before its end (`Pramoedya Ananta Toer, 1925-2006`
/// with 100 ind1 `0`, or `Andrea Hirata` as Dublin Core writes it); its last word stands in for the
/// surname, so the catalogued and the Dublin Core form of one person give the same key.
public enum AuthorKey {
    public static func key(for record: MARCRecord) -> String? {
        // Tags compared as integers: a `Tag` string literal is parsed each time it is met.
        var added: Int?
        var corporate: Int?
        for (i, entry) in record.entries.enumerated() {
            switch entry.tag.rawValue {
            case Tags.main: return key(record.fields[i])
            case Tags.corporate, Tags.meeting: if corporate == nil { corporate = i }
            case Tags.added, Tags.uncontrolled: if added == nil { added = i }
            default: continue
            }
        }
        if let i = corporate ?? added { return key(record.fields[i]) }
        return nil
    }

    private enum Tags {
        static let main = Tag(0x31, 0x30, 0x30).rawValue
        static let corporate = Tag(0x31, 0x31, 0x30).rawValue
        static let meeting = Tag(0x31, 0x31, 0x31).rawValue
        static let added = Tag(0x37, 0x30, 0x30).rawValue
        static let uncontrolled = Tag(0x37, 0x32, 0x30).rawValue
    }

    /// The key of one name. `indicator1` is the name field's first indicator: `0` forename (direct
    /// order), `1` surname, `3` family name; anything else (720's blank, Dublin Core) means the form
    /// is not known, and a comma followed by a letter marks an inverted name.
    public static func key(name: String, indicator1: Character = " ", corporate: Bool = false) -> String? {
        key(Array(name.utf8)[...], indicator1: indicator1.asciiValue ?? 0x20, corporate: corporate)
    }

    private static func key(_ field: Field) -> String? {
        guard let name = field.subfields.first(where: { $0.code == UInt8(ascii: "a") })?.value else { return nil }
        let tag = field.tag.rawValue
        let corporate = tag == Tags.corporate || tag == Tags.meeting
            || (tag == Tags.uncontrolled && field.indicator1 == UInt8(ascii: "2"))
        return key(name, indicator1: field.indicator1, corporate: corporate)
    }

    /// Works on the UTF-8 bytes: the catalogue computes this for every record, and `Character`
    /// operations on the name cost more than the folding.
    private static func key(_ name: ArraySlice<UInt8>, indicator1: UInt8, corporate: Bool) -> String? {
        let part = corporate ? name : surname(of: name, indicator1: indicator1)
        let folded = part.withUnsafeBufferPointer { MatchKeyText.fold($0) }
        return folded.isEmpty ? nil : folded
    }

    /// The bytes of a personal name that are its surname.
    static func surname(of name: ArraySlice<UInt8>, indicator1: UInt8) -> ArraySlice<UInt8> {
        guard let comma = name.firstIndex(of: UInt8(ascii: ",")) else {
            return indicator1 == UInt8(ascii: "1") || indicator1 == UInt8(ascii: "3") ? name : lastWord(name)
        }
        let before = name[..<comma]
        switch indicator1 {
        case UInt8(ascii: "1"), UInt8(ascii: "3"):
            return before
        case UInt8(ascii: "0"):
            return lastWord(before)
        default:
            let after = name[(comma + 1)...].drop(while: { $0 == 0x20 })
            return after.first.map(isLetter) == true ? before : lastWord(before)
        }
    }

    /// The last blank-separated word that holds a letter (`Toer` of `Pramoedya Ananta Toer.`).
    private static func lastWord(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = text.endIndex
        while end > text.startIndex {
            var start = end
            while start > text.startIndex, text[start - 1] != 0x20 { start -= 1 }
            let word = text[start..<end]
            if word.contains(where: isLetter) { return word }
            end = start > text.startIndex ? start - 1 : start
        }
        return text
    }

    /// An ASCII letter, or any byte of a non-ASCII character (nearly always a letter in a name).
    private static func isLetter(_ b: UInt8) -> Bool { b | 0x20 &- 0x61 < 26 || b >= 0x80 }
}
