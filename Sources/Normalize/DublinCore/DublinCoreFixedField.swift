/// The 008 of a crosswalked record: 40 characters, built only from the description and the OAI
/// datestamp so that the same input always gives the same record.
enum DublinCoreFixedField {
    /// - 00–05 date entered on file: the datestamp's date as `yymmdd`, `000000` without one (no clock
    ///   is read);
    /// - 06 type of date and 07–14 dates: `s` and the first year found in the dates; `n`/`uuuu`
    ///   without one; continuing resources `u`, date 2 `uuuu`;
    /// - 15–17 place `xx ` (Dublin Core names no country);
    /// - 18–34 by material, `|` where a value is defined (see `DublinCoreResourceType`);
    /// - 35–37 the first recognised language, else `und`; 38 blank; 39 `d` (other cataloguing source).
    static func field008(type: DublinCoreResourceType, year: String?, language: String?, datestamp: String?)
        -> String
    {
        var s = dateEntered(datestamp)
        let continuing = type.typeOfRecord == UInt8(ascii: "a")
            && "bis".contains(Character(Unicode.Scalar(type.bibliographicLevel)))
        if continuing {
            s += "u" + (year ?? "uuuu") + "uuuu"
        } else if let year {
            s += "s" + year + "    "
        } else {
            s += "nuuuu    "
        }
        s += "xx "
        s += type.materialPositions
        s += language ?? "und"
        s += " d"
        return s
    }

    /// `2024-03-05…` → `240305`; anything else → `000000`.
    static func dateEntered(_ datestamp: String?) -> String {
        guard let datestamp else { return "000000" }
        let b = Array(datestamp.utf8)
        let digitAt: (Int) -> Bool = { $0 < b.count && b[$0] &- 0x30 < 10 }
        guard b.count >= 10, (0..<4).allSatisfy(digitAt), b[4] == UInt8(ascii: "-"), digitAt(5), digitAt(6),
            b[7] == UInt8(ascii: "-"), digitAt(8), digitAt(9)
        else { return "000000" }
        return String(decoding: b[2..<4] + b[5..<7] + b[8..<10], as: UTF8.self)
    }
}
