import MARCRecord

/// Hand-made bibliographic records for the matcher's tests, shaped like what members send.
struct Book {
    var leader = "00000nam a2200000 a 4500"
    var control: [(String, String)] = [("008", "190304s2019    io a     b    000 0 ind d")]
    var data: [(tag: String, ind: String, subfields: [(Character, String)])] = []

    init(_ data: [(String, String, [(Character, String)])] = []) {
        self.data = data.map { (tag: $0.0, ind: $0.1, subfields: $0.2) }
    }

    /// The same book with one field replaced (all fields with that tag removed, then the new one added).
    func with(_ tag: String, _ ind: String = "  ", _ subfields: [(Character, String)]) -> Book {
        var copy = self
        copy.data.removeAll { $0.tag == tag }
        copy.data.append((tag: tag, ind: ind, subfields: subfields))
        return copy
    }

    func adding(_ tag: String, _ ind: String = "  ", _ subfields: [(Character, String)]) -> Book {
        var copy = self
        copy.data.append((tag: tag, ind: ind, subfields: subfields))
        return copy
    }

    func without(_ tag: String) -> Book {
        var copy = self
        copy.data.removeAll { $0.tag == tag }
        copy.control.removeAll { $0.0 == tag }
        return copy
    }

    func control(_ tag: String, _ value: String) -> Book {
        var copy = self
        copy.control.removeAll { $0.0 == tag }
        copy.control.append((tag, value))
        return copy
    }

    var record: MARCRecord {
        var r = MARCRecord(leader: Leader(leader)!)
        for (tag, value) in control.sorted(by: { $0.0 < $1.0 }) { r.appendControlField(Tag(tag)!, value) }
        for f in data.sorted(by: { $0.tag < $1.tag }) {
            r.appendDataField(Tag(f.tag)!, indicators: f.ind, subfields: f.subfields.map { (code: $0.0, value: $0.1) })
        }
        return r
    }
}

/// Laskar Pelangi as a university library catalogues it.
let laskarPelangi = Book([
    ("020", "  ", [("a", "979-3062-79-7 (pbk.)")]),
    ("100", "1 ", [("a", "Hirata, Andrea,"), ("d", "1967-")]),
    ("245", "10", [("a", "Laskar pelangi :"), ("b", "sebuah novel /"), ("c", "Andrea Hirata.")]),
    ("250", "  ", [("a", "Cet. 5.")]),
    ("264", " 1", [("a", "Yogyakarta :"), ("b", "Bentang Pustaka,"), ("c", "2019.")]),
    ("300", "  ", [("a", "xiv, 529 hlm. ;"), ("c", "21 cm")]),
    ("650", " 4", [("a", "Fiksi Indonesia.")]),
])

/// An English monograph shaped like the Goldfinch records (no identifiers).
let englishBook = Book([
    ("100", "1 ", [("a", "Abercrombie, John,"), ("d", "1780-1844.")]),
    ("245", "10", [("a", "Inquiries concerning the intellectual powers, and the investigation of truth /"),
        ("c", "by John Abercrombie.")]),
    ("260", "  ", [("a", "Boston :"), ("b", "Otis, Broaders,"), ("c", "1839.")]),
    ("300", "  ", [("a", "284 p. ;"), ("c", "19 cm.")]),
    ("650", " 0", [("a", "Psychology.")]),
]).control("008", "841128s1839    mau           000 0 eng d")
