import MARCRecord

/// Leader/06 (type of record) and /07 (bibliographic level) for a description, from its `dc:type`
/// values — DCMI Type terms, and the words SLiMS (GMD names) and INLISLite (worksheet names) use in
/// English and Indonesian — falling back to `dc:format`/`dc:medium` values that are such words. The
/// first value recognised decides; nothing recognised means language material, monograph (`am`).
struct DublinCoreResourceType: Equatable {
    var typeOfRecord: UInt8 = UInt8(ascii: "a")
    var bibliographicLevel: UInt8 = UInt8(ascii: "m")
    /// A thesis (skripsi, tesis, disertasi): 008/24 nature of contents `m`.
    var isThesis = false

    init(typeTerms: [String]) {
        var decided = false
        var levelDecided = false
        for term in typeTerms {
            let key = Self.key(term)
            guard let (type, level) = Self.terms[key] else { continue }
            if !decided {
                typeOfRecord = UInt8(ascii: type)
                decided = true
            }
            // SLiMS adds `serial` after its GMD (`Text`): a later term may still set the level,
            // when it agrees on the type.
            if !levelDecided, let level, UInt8(ascii: type) == typeOfRecord {
                bibliographicLevel = UInt8(ascii: level)
                levelDecided = true
            }
            if Self.theses.contains(key) && typeOfRecord == UInt8(ascii: "a") { isThesis = true }
        }
    }

    /// The leader: encoding level `3` (abbreviated) and descriptive form `u` (unknown) whatever the
    /// type, so that the record's Dublin Core origin shows and it never wins master selection.
    var leader: Leader {
        var leader = Leader("00000nam a22000003u 4500")!
        leader[6] = typeOfRecord
        leader[7] = bibliographicLevel
        return leader
    }

    /// Whether `term` names a kind of resource this type knows (`Text`, `[Text]`, `serial`, `Peta`).
    static func recognizes(_ term: String) -> Bool { terms[key(term)] != nil }

    /// Whether `term` is one of the DCMI Type Vocabulary's terms (655 $2 `dct` rather than `local`).
    static func isDCMIType(_ term: String) -> Bool { dcmiTypes.contains(key(term)) }

    private static func key(_ term: String) -> String {
        String(DublinCoreText.unbracketed(DublinCoreText.clean(term)).lowercased().filter { $0 != " " && $0 != "-" })
    }

    private static let dcmiTypes: Set<String> = ["collection", "dataset", "event", "image", "interactiveresource",
        "movingimage", "physicalobject", "service", "software", "sound", "stillimage", "text"]

    private static let theses: Set<String> = ["thesis", "skripsi", "tesis", "disertasi", "dissertation",
        "tugasakhir"]

    /// Words (lower case, blanks and hyphens removed) → leader/06 and, when it is not `m`, leader/07.
    private static let terms: [String: (Unicode.Scalar, Unicode.Scalar?)] = [
        // Language material.
        "text": ("a", nil), "teks": ("a", nil), "book": ("a", nil), "books": ("a", nil), "buku": ("a", nil),
        "monograph": ("a", nil), "monograf": ("a", nil), "printedtext": ("a", nil), "ebook": ("a", nil),
        "thesis": ("a", nil), "skripsi": ("a", nil), "tesis": ("a", nil), "disertasi": ("a", nil),
        "dissertation": ("a", nil), "tugasakhir": ("a", nil), "article": ("a", "a"), "artikel": ("a", "a"),
        // Continuing resources.
        "serial": ("a", "s"), "terbitanberkala": ("a", "s"), "majalah": ("a", "s"), "jurnal": ("a", "s"),
        "journal": ("a", "s"), "magazine": ("a", "s"), "newspaper": ("a", "s"), "suratkabar": ("a", "s"),
        "periodical": ("a", "s"), "koran": ("a", "s"),
        // Manuscripts.
        "manuscript": ("t", nil), "manuskrip": ("t", nil), "naskah": ("t", nil), "naskahkuno": ("t", nil),
        // Cartographic.
        "cartographic": ("e", nil), "map": ("e", nil), "peta": ("e", nil), "atlas": ("e", nil),
        "bahankartografis": ("e", nil), "cartographicmaterial": ("e", nil),
        // Music.
        "notatedmusic": ("c", nil), "score": ("c", nil), "partitur": ("c", nil), "music": ("j", nil),
        "musik": ("j", nil), "rekamanmusik": ("j", nil), "musicalrecording": ("j", nil),
        // Sound.
        "sound": ("i", nil), "audio": ("i", nil), "soundrecording": ("i", nil), "rekamansuara": ("i", nil),
        "kaset": ("i", nil), "cassette": ("i", nil), "audiobook": ("i", nil),
        // Projected and moving images.
        "movingimage": ("g", nil), "video": ("g", nil), "film": ("g", nil), "videorecording": ("g", nil),
        "rekamanvideo": ("g", nil), "vcd": ("g", nil), "dvd": ("g", nil), "filmdanvideo": ("g", nil),
        // Still images.
        "image": ("k", nil), "stillimage": ("k", nil), "gambar": ("k", nil), "foto": ("k", nil),
        "photograph": ("k", nil), "bahangrafis": ("k", nil), "grafis": ("k", nil), "graphic": ("k", nil),
        "poster": ("k", nil), "lukisan": ("k", nil),
        // Electronic resources.
        "software": ("m", nil), "dataset": ("m", nil), "interactiveresource": ("m", nil),
        "computerfile": ("m", nil), "sumberelektronik": ("m", nil), "electronicresource": ("m", nil),
        "cdrom": ("m", nil), "perangkatlunak": ("m", nil),
        // Objects and mixed.
        "physicalobject": ("r", nil), "realia": ("r", nil), "benda": ("r", nil),
        "collection": ("p", "c"), "koleksi": ("p", "c"), "kit": ("o", nil), "bahancampuran": ("p", "c"),
        "mixedmaterials": ("p", "c"),
    ]

    /// The 008/18–34 layout by material, `|` (no attempt to code) in every defined position and
    /// blank in the undefined ones, as MARC 21 requires.
    var materialPositions: String {
        switch Character(Unicode.Scalar(typeOfRecord)) {
        case "a", "t":
            if "bis".contains(Character(Unicode.Scalar(bibliographicLevel))) { return "|| |||||||||   ||" }
            return isThesis ? "||||||m   |||| ||" : "|||||||||||||| ||"
        case "e", "f": return "|||||| |  || | ||"
        case "c", "d", "i", "j": return "|||||||||||||| | "
        case "g", "k", "o", "r": return "||| |     ||   ||"
        case "m": return "    ||  | |      "
        default: return "     |           "
        }
    }
}
