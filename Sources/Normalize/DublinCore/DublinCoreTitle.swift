/// The 245 of a crosswalked record. Members write the whole title statement into `dc:title` with
/// its ISBD punctuation (INLISLite: `Laskar pelangi : sebuah novel / Andrea Hirata`; SLiMS: title and
/// subtitle joined by ` : `), so it is split where ISBD puts subfield boundaries, the punctuation
/// staying at the end of the subfield before it as MARC 21 has it, and the field ends with a period.
enum DublinCoreTitle {
    /// ` : ` (other title information) and ` = ` (parallel title) start $b, ` / ` starts $c.
    static func subfields(_ title: String) -> [(code: Character, value: String)] {
        var result: [(code: Character, value: String)] = []
        var rest = Substring(title)
        var code: Character = "a"
        while code != "c" {
            let separators = code == "a" ? [" : ", " = ", " / "] : [" / "]
            let cut = separators.compactMap { rest.firstRange(of: $0) }.min { $0.lowerBound < $1.lowerBound }
            guard let cut, cut.upperBound < rest.endIndex else { break }
            let mark = rest[cut].dropFirst().dropLast()
            result.append((code, String(rest[..<cut.lowerBound]) + " " + mark))
            code = mark == "/" ? "c" : "b"
            rest = rest[cut.upperBound...]
        }
        // MARC 21 ends 245 with a period (MARC::Lint asks for it), unless the title already ends
        // with final punctuation.
        var last = String(rest)
        if let end = last.last, !".?!".contains(end) { last += "." }
        result.append((code, last))
        return result
    }
}
