import MARCRecord
import Normalize
import Testing

private typealias TitleCase = (ind2: String, subfields: [(Character, String)], key: String)

private let titleCases: [TitleCase] = [
    // ISBD punctuation, case, subfields $a $b $n $p; $c and $h left out.
    ("0", [("a", "Laskar pelangi :"), ("b", "sebuah novel /"), ("c", "Andrea Hirata.")],
        "laskar pelangi sebuah novel"),
    ("0", [("a", "Bumi manusia /"), ("c", "Pramoedya Ananta Toer.")], "bumi manusia"),
    ("0", [("a", "Negeri 5 menara ="), ("b", "The land of five towers /")], "negeri 5 menara the land of five towers"),
    ("0", [("a", "Sejarah nasional Indonesia."), ("n", "Jilid II,"), ("p", "Zaman kuno.")],
        "sejarah nasional indonesia jilid ii zaman kuno"),
    ("0", [("a", "Tafsir al-Mishbah"), ("h", "[Text] :"), ("b", "pesan, kesan & keserasian al-Qur'an")],
        "tafsir al mishbah pesan kesan keserasian al quran"),
    // Non-filing characters from ind2: The, Les, Die, L'.
    ("4", [("a", "The old man and the sea.")], "old man and the sea"),
    ("4", [("a", "Les misérables /")], "miserables"),
    ("4", [("a", "Die Blechtrommel :"), ("b", "Roman")], "blechtrommel roman"),
    ("2", [("a", "L'Étranger")], "etranger"),
    // Diacritics, precomposed or combining (LC's records are NFD).
    ("0", [("a", "Ca\u{0300} phe\u{0302} Vie\u{0323}\u{0302}t Nam")], "ca phe viet nam"),
    ("0", [("a", "Øresund : Straße")], "oresund strasse"),
]

@Suite struct TitleKeyTests {
    @Test(arguments: titleCases.indices)
    func keys(index: Int) {
        let c = titleCases[index]
        let r = record([("245", "1" + c.ind2, c.subfields)])
        #expect(TitleKey.key(for: r) == c.key)
    }

    /// ICU's romanizations (`Any-Latin`): not the ALA-LC tables catalogues use, so a Cyrillic title
    /// and its LC romanization (`Voĭna i mir` → `voina i mir`) still differ, but the same text always
    /// gives the same ASCII key. Kanji are read as Mandarin.
    @Test(arguments: [
        ("Война и мир", "vojna i mir"),
        ("Ἡ Ὀδύσσεια", "he odysseia"),
        ("ספר הזהר", "spr hzhr"),
        ("إحياء علوم الدين", "ahya lwm aldyn"),
        ("红楼梦", "hong lou meng"),
        ("吾輩は猫である", "wu beiha maodearu"),
        ("ノルウェイの森", "noruu eino sen"),
    ])
    func otherScriptsAreTransliterated(title: String, expected: String) {
        let key = TitleKey.key(title)
        #expect(key == expected)
        #expect(key.utf8.allSatisfy { $0 < 0x80 })
    }

    @Test func sameKeyWhateverTheNormalizationForm() {
    // Fullwidth forms, NFD and NFC, upper and lower case: one key.
        #expect(TitleKey.key("ＬＡＳＫＡＲ　ＰＥＬＡＮＧＩ") == "laskar pelangi")
        #expect(TitleKey.key("Pe\u{0301}rez") == TitleKey.key("Pérez"))
        #expect(TitleKey.key("ИСТОРИЯ") == TitleKey.key("история"))
    }

    @Test func leadingArticlesWhenInd2IsWrong() {
        let wrong = record([("245", "10", [("a", "The old man and the sea.")])])
        #expect(TitleKey.key(for: wrong) == "the old man and the sea")
        #expect(TitleKey.keyWithoutLeadingArticle(for: wrong) == "old man and the sea")
        let right = record([("245", "14", [("a", "The old man and the sea.")])])
        #expect(TitleKey.keyWithoutLeadingArticle(for: right) == "old man and the sea")
    // Indonesian has no articles; a lone article is a title of its own.
        #expect(TitleKey.removingLeadingArticle("di bawah bendera revolusi") == "di bawah bendera revolusi")
        #expect(TitleKey.removingLeadingArticle("die") == "die")
        #expect(TitleKey.removingLeadingArticle("les miserables") == "miserables")
    }

    @Test func recordsWithoutATitle() {
        #expect(TitleKey.key(for: record([("100", "1 ", [("a", "Hirata, Andrea.")])])) == nil)
        #expect(TitleKey.key(for: record([("245", "00", [("a", " : / .")])])) == nil)
    // ind2 larger than the title: nothing left.
        #expect(TitleKey.key(for: record([("245", "09", [("a", "The")])])) == nil)
    }
}
