/// MARC language codes (ISO 639-2/B) for what members write in `dc:language`: MARC codes themselves,
/// ISO 639-1 codes (`id`, `en`, and the withdrawn `in` that old Indonesian systems still use), locale
/// tags (`id-ID`), the ISO 639-2/T forms (`msa`, `zho`), and language names in Indonesian and English
/// (`Indonesia`, `Bahasa Indonesia`, `Inggris`, `English`). Only the languages Indonesian libraries
/// hold in any number are listed; anything else gets no code (008 says `und`).
enum DublinCoreLanguage {
    /// The codes named in one value; `Indonesia; Inggris` and `ind, eng` name two.
    static func codes(in value: String) -> [String] {
        var result: [String] = []
        for part in value.split(whereSeparator: { ";,/".contains($0) }) {
            if let code = code(String(part)), !result.contains(code) { result.append(code) }
        }
        return result
    }

    static func code(_ text: String) -> String? {
        var key = DublinCoreText.clean(text).lowercased()
        if key.hasPrefix("bahasa ") { key.removeFirst("bahasa ".count) }
        // `id-ID`, `en_US`: the language part.
        if key.count <= 8, let cut = key.firstIndex(where: { $0 == "-" || $0 == "_" }) { key = String(key[..<cut]) }
        if let code = table[key] { return code }
        return marcCodes.contains(key) ? key : nil
    }

    /// Every code the table maps to, accepted as written.
    private static let marcCodes = Set(table.values)

    private static let table: [String: String] = [
        // ISO 639-1 and ISO 639-2/T.
        "id": "ind", "in": "ind", "en": "eng", "ms": "may", "msa": "may", "jv": "jav", "su": "sun", "ar": "ara",
        "zh": "chi", "zho": "chi", "ja": "jpn", "ko": "kor", "nl": "dut", "nld": "dut", "de": "ger", "deu": "ger",
        "fr": "fre", "fra": "fre", "es": "spa", "pt": "por", "ru": "rus", "it": "ita", "la": "lat", "hi": "hin",
        "th": "tha", "vi": "vie", "el": "gre", "ell": "gre", "he": "heb", "iw": "heb", "fa": "per", "fas": "per",
        "tr": "tur", "ta": "tam", "sa": "san", "tl": "tgl", "ur": "urd", "bn": "ben",
        // Names, Indonesian and English.
        "indonesia": "ind", "indonesian": "ind", "inggris": "eng", "english": "eng", "melayu": "may",
        "malay": "may", "malaysia": "may", "jawa": "jav", "javanese": "jav", "sunda": "sun", "sundanese": "sun",
        "arab": "ara", "arabic": "ara", "mandarin": "chi", "cina": "chi", "china": "chi", "tionghoa": "chi",
        "chinese": "chi", "jepang": "jpn", "japanese": "jpn", "korea": "kor", "korean": "kor", "belanda": "dut",
        "dutch": "dut", "jerman": "ger", "german": "ger", "perancis": "fre", "prancis": "fre", "french": "fre",
        "spanyol": "spa", "spanish": "spa", "portugis": "por", "portuguese": "por", "rusia": "rus",
        "russian": "rus", "italia": "ita", "italian": "ita", "latin": "lat", "yunani": "gre", "greek": "gre",
        "ibrani": "heb", "hebrew": "heb", "persia": "per", "persian": "per", "turki": "tur", "turkish": "tur",
        "thai": "tha", "vietnam": "vie", "vietnamese": "vie", "hindi": "hin", "sanskerta": "san",
        "sanskrit": "san", "tagalog": "tgl", "bali": "ban", "balinese": "ban", "bugis": "bug",
        "buginese": "bug", "minangkabau": "min", "madura": "mad", "madurese": "mad", "aceh": "ace",
        "acehnese": "ace", "batak": "btk", "makassar": "mak", "makasar": "mak",
        // Codes of the languages above that are not their own ISO 639-1 key.
        "ind": "ind", "eng": "eng", "may": "may", "jav": "jav", "sun": "sun", "ara": "ara", "chi": "chi",
        "jpn": "jpn", "kor": "kor", "dut": "dut", "ger": "ger", "fre": "fre", "spa": "spa", "por": "por",
        "rus": "rus", "ita": "ita", "lat": "lat", "gre": "gre", "heb": "heb", "per": "per", "tur": "tur",
    ]
}
