import MARCRecord

/// Small decisions about Dublin Core values as text: what is a URL, a MIME type, an extent, a year.
enum DublinCoreText {
    /// The value with every run of whitespace and control characters made one blank and the ends
    /// trimmed: descriptions arrive with line breaks, and a MARC field must never hold the 0x1D–0x1F
    /// structure characters.
    static func clean(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        var blank = false
        for scalar in value.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.isWhitespace {
                blank = !out.isEmpty
                continue
            }
            if blank {
                out.append(" ")
                blank = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// `[Text]` → `Text`: SLiMS writes its general material designations in brackets.
    static func unbracketed(_ value: String) -> String {
        guard value.hasPrefix("["), value.hasSuffix("]"), value.count > 2 else { return value }
        return DublinCoreRecord.trimmed(String(value.dropFirst().dropLast()))
    }

    static func isURL(_ value: String) -> Bool {
        let lower = value.prefix(8).lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("ftp://"))
            && !value.contains(" ")
    }

    /// `application/pdf`, `text/html; charset=utf-8`: an IANA top-level type, a slash, a subtype.
    static func isMIMEType(_ value: String) -> Bool {
        let lower = value.lowercased()
        guard let slash = lower.firstIndex(of: "/") else { return false }
        let top = lower[..<slash]
        guard ["application", "audio", "font", "image", "message", "model", "multipart", "text", "video"]
            .contains(top) else { return false }
        let sub = lower[lower.index(after: slash)...].prefix(while: { $0 != ";" })
        return !sub.isEmpty && sub.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// Whether a value reads like a physical description: a number followed by a unit of extent
    /// or size (`350 hlm.`, `xii, 200 p.`, `2 jil.`, `21 cm`, `1 CD-ROM` does not count).
    static func looksLikeExtent(_ value: String) -> Bool {
        guard !isURL(value) else { return false }
        let units: Set<String> = ["p", "pp", "page", "pages", "hlm", "hal", "halaman", "lembar", "leaves", "l",
            "v", "vol", "vols", "jil", "jilid", "cm", "mm", "menit", "min", "s"]
        var words = value.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })[...]
        while let word = words.popFirst() {
            if word.allSatisfy(\.isNumber), let next = words.first, units.contains(String(next)) { return true }
            // `350hlm`
            if let d = word.firstIndex(where: { !$0.isNumber }), d != word.startIndex,
                units.contains(String(word[d...]))
            {
                return true
            }
        }
        return false
    }

    /// The first plausible year, as `YearKey` reads one in 260 $c: `c2019`, `[2019?]`, `2019-05-01`.
    static func firstYear(_ value: String) -> String? {
        YearKey.year(in: value).map { String($0) }
    }

    /// A physical description split the ISBD way: `xii, 350 hlm. : ilus. ; 21 cm` →
    /// $a `xii, 350 hlm. :` $b `ilus. ;` $c `21 cm`.
    static func extentSubfields(_ value: String) -> [(code: Character, value: String)] {
        var result: [(code: Character, value: String)] = []
        var rest = Substring(value)
        var code: Character = "a"
        while true {
            let colon = code == "a" ? rest.firstRange(of: " : ") : nil
            let semicolon = rest.firstRange(of: " ; ")
            let cut = [colon, semicolon].compactMap { $0 }.min { $0.lowerBound < $1.lowerBound }
            guard let cut else { break }
            result.append((code, String(rest[..<cut.lowerBound]) + " " + DublinCoreRecord.trimmed(String(rest[cut]))))
            code = cut == semicolon ? "c" : "b"
            rest = rest[cut.upperBound...]
        }
        result.append((code, String(rest)))
        return result
    }
}
