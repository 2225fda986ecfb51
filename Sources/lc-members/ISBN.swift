/// ISBN forms as members write them: ISBN-10 or ISBN-13, with or without hyphens, and made-up but
/// valid ISBNs for the e-book and new-edition records (which must not share the print ISBN).
enum ISBN {
    /// The ISBN at the start of a 020 $a ("0394567890 (pbk.)", "978-0-394-56789-0"), digits only,
    /// and what follows it (the qualifier), or nil when it does not start with one.
    static func split(_ text: String) -> (digits: String, rest: String)? {
        var digits = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c.isASCII && (c.isNumber || ((c == "X" || c == "x") && (digits.count == 9))) {
                digits.append(c == "x" ? "X" : c)
            } else if c != "-" {
                break
            }
            index = text.index(after: index)
        }
        guard digits.count == 10 || digits.count == 13 else { return nil }
        return (digits, String(text[index...]))
    }

    static func check10(_ nine: String) -> Character {
        let sum = nine.compactMap(\.wholeNumberValue).enumerated().reduce(0) { $0 + $1.element * (10 - $1.offset) }
        let check = (11 - sum % 11) % 11
        return check == 10 ? "X" : Character(String(check))
    }

    static func check13(_ twelve: String) -> Character {
        let sum = twelve.compactMap(\.wholeNumberValue).enumerated().reduce(0) {
            $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3)
        }
        return Character(String((10 - sum % 10) % 10))
    }

    static func to13(_ isbn: String) -> String {
        guard isbn.count == 10 else { return isbn }
        let twelve = "978" + isbn.prefix(9)
        return twelve + String(check13(twelve))
    }

    /// The ISBN-10 form, or nil for a 979- ISBN-13 (which has none).
    static func to10(_ isbn: String) -> String? {
        guard isbn.count == 13 else { return isbn }
        guard isbn.hasPrefix("978") else { return nil }
        let nine = String(isbn.dropFirst(3).prefix(9))
        return nine + String(check10(nine))
    }

    /// A hyphenated form. Real hyphenation follows the agency's ranges; members only need *a*
    /// hyphenated form, and the matcher must ignore hyphens wherever they are.
    static func hyphenated(_ isbn: String) -> String {
        let c = Array(isbn)
        if c.count == 13 {
            return "\(String(c[0..<3]))-\(String(c[3..<4]))-\(String(c[4..<8]))-\(String(c[8..<12]))-\(c[12])"
        }
        return "\(String(c[0..<1]))-\(String(c[1..<5]))-\(String(c[5..<9]))-\(c[9])"
    }

    /// A valid ISBN-13 that no real record in this set uses and no other planted record shares:
    /// the 979-8 block (ISBN-13 only), then `kind` and the base record's place, so the e-book and the
    /// new edition of one base record, and those of different base records, never collide.
    static func synthetic(kind: Int, index: Int) -> String {
        let digits = String(index % 10_000_000)
        let twelve = "9798\(kind % 10)" + String(repeating: "0", count: 7 - digits.count) + digits
        return twelve + String(check13(twelve))
    }
}
