/// Material types of the 008/006 tables, decided from leader/06-07 (008) or 006/00.
enum Material: String, Sendable, Hashable {
    case books = "BK", continuing = "CR", computerFiles = "CF", maps = "MP", music = "MU", visual = "VM"
    case mixed = "MX"

    /// From leader/06 (type of record) and /07 (bibliographic level); nil for a type the format lacks.
    init?(typeOfRecord t: UInt8, level: UInt8) {
        switch t {
        case UInt8(ascii: "a"): self = [UInt8(ascii: "b"), UInt8(ascii: "i"), UInt8(ascii: "s")].contains(level)
            ? .continuing : .books
        case UInt8(ascii: "t"): self = .books
        case UInt8(ascii: "m"): self = .computerFiles
        case UInt8(ascii: "e"), UInt8(ascii: "f"): self = .maps
        case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "i"), UInt8(ascii: "j"): self = .music
        case UInt8(ascii: "g"), UInt8(ascii: "k"), UInt8(ascii: "o"), UInt8(ascii: "r"): self = .visual
        case UInt8(ascii: "p"): self = .mixed
        default: return nil
        }
    }

    /// From 006/00 (form of material).
    init?(form: UInt8) {
        if form == UInt8(ascii: "s") { self = .continuing; return }
        self.init(typeOfRecord: form, level: UInt8(ascii: "m"))
    }
}

/// One row of `bib-008.tsv`: positions and what may stand in them.
struct FixedPosition: Sendable {
    enum Check: Sendable {
        case set(ByteSet)
        case date, date2, entered, country, language, runtime
        case codes(Set<String>)
    }

    let start: Int
    let length: Int
    let check: Check
    let name: String

    init?(row: [Substring]) {
        guard let start = Int(row[1]), let length = Int(row[2]) else { return nil }
        self.start = start
        self.length = length
        name = String(row[4])
        let cell = row[3]
        switch cell {
        case "$date": check = .date
        case "$date2": check = .date2
        case "$entered": check = .entered
        case "$country": check = .country
        case "$language": check = .language
        case "$runtime": check = .runtime
        default:
            if cell.hasPrefix("$codes:") {
                check = .codes(Set(cell.dropFirst(7).split(separator: ",").map {
                    String($0).replacingBlankMarks()
                }))
            } else {
                check = .set(ByteSet(tableCell: cell))
            }
        }
    }
}

extension String {
    /// `#` in a table cell stands for a blank.
    func replacingBlankMarks() -> String { String(map { $0 == "#" ? " " : $0 }) }
}
