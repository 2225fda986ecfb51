import MARCRecord
import Normalize
import Testing

@Suite struct DublinCoreCrosswalkTests {
    /// A SLiMS 9 `oai.php` description as `lib/detail.inc.php` writes it.
    private let slims = dc([
        ("title", "Laskar pelangi : sebuah novel"), ("creator", "Hirata, Andrea"), ("publisher", "Bentang Pustaka"),
        ("date", "2008"), ("hasVersion", "Cet. 15"), ("language", "Indonesia"), ("medium", "Text"),
        ("format", "Text"), ("extent", "xxxiv, 529 hlm. : ilus. ; 20 cm"), ("description", ""),
        ("abstract", "Kisah sepuluh anak\nBelitong."), ("subject", "Novel Indonesia"), ("subject", "899.221 3"),
        ("identifier", "http://perpustakaan.contoh.ac.id/index.php?p=show_detail&id=12"),
        ("identifier", "9793062797"), ("identifier", "899.221 3 HIR l"), ("identifier_isbn", "978-979-3062-79-2"),
        ("hasPart", "B00012"), ("image", "laskar_pelangi.jpg"),
    ])

    @Test func slimsDescription() throws {
        let record = DublinCoreCrosswalk.marcRecord(from: slims, controlNumber: "slims-12",
            sourceIdentifier: "oai:slims/12")
        #expect(record.leaderString == "00000nam a22000003u 4500")
        #expect(record.tags == ["001", "008", "020", "020", "024", "041", "245", "250", "260", "300", "520", "546",
            "653", "653", "655", "720", "856", "884"])
        #expect(record.lines("001") == ["slims-12"])
        #expect(record.lines("245") == ["00 $aLaskar pelangi :$bsebuah novel."])
        #expect(record.lines("720") == ["   $aHirata, Andrea$eauthor"])
        #expect(record.lines("020") == ["   $a9793062797", "   $a9789793062792"])
        #expect(record.lines("024") == ["8  $a899.221 3 HIR l"])
        #expect(record.lines("260") == ["   $bBentang Pustaka$c2008"])
        #expect(record.lines("300") == ["   $axxxiv, 529 hlm. :$bilus. ;$c20 cm"])
        // SLiMS repeats its GMD in medium and format: a resource type, once, not a physical medium.
        #expect(record.lines("340").isEmpty)
        #expect(record.lines("655") == [" 7 $aText$2dct"])
        // The empty dc:description is dropped; line breaks become blanks.
        #expect(record.lines("520") == ["3  $aKisah sepuluh anak Belitong."])
        #expect(record.lines("546") == ["   $aIndonesia"])
        #expect(record.lines("041") == ["   $aind"])
        #expect(record.lines("856") == ["40 $uhttp://perpustakaan.contoh.ac.id/index.php?p=show_detail&id=12"])
        #expect(record.lines("884") == ["   $aDCMI Dublin Core to MARC 21 crosswalk (Katalog)$koai:slims/12"
            + "$uhttps://www.loc.gov/marc/dccross.html"])
        #expect(record.f008.count == 40)
        #expect(record.f008 == "000000s2008    xx |||||||||||||| ||ind d")
        #expect(DublinCoreCrosswalk.unmappedElements(in: slims).map(\.name) == ["hasPart", "image"])
    }

    @Test func inlisliteDescription() throws {
        let inlislite = dc([
            ("title", "Bumi manusia / Pramoedya Ananta Toer"), ("creator", "Pramoedya Ananta Toer"),
            ("subject", "Novel sejarah"), ("publisher", "Hasta Mitra"), ("publishYear", "1980"),
            ("coverage", "Jakarta"), ("relation", "xii, 535 hlm. ; 21 cm"), ("contributor", "Hasta Mitra (Jakarta)"),
            ("language", "ind"), ("type", "Monograf"),
            ("source", "http://192.168.10.5/inlislite3/opac/detail-opac?id=2041"),
        ])
        let record = DublinCoreCrosswalk.marcRecord(from: inlislite, datestamp: "2019-08-12")
        #expect(record.firstField("001") == nil)
        #expect(record.lines("245") == ["00 $aBumi manusia /$cPramoedya Ananta Toer."])
        #expect(record.lines("260") == ["   $bHasta Mitra$c1980"])
        // INLISLite's physical description in dc:relation is an extent.
        #expect(record.lines("300") == ["   $axii, 535 hlm. ;$c21 cm"])
        #expect(record.lines("787").isEmpty)
        #expect(record.lines("500") == ["   $aJakarta"])
        #expect(record.lines("720") == ["   $aPramoedya Ananta Toer$eauthor", "   $aHasta Mitra (Jakarta)"])
        #expect(record.lines("786") == ["0  $ohttp://192.168.10.5/inlislite3/opac/detail-opac?id=2041"])
        #expect(record.lines("655") == [" 7 $aMonograf$2local"])
        #expect(record.f008(0, 5) == "190812")
        #expect(record.f008(6, 14) == "s1980    ")
        #expect(record.f008(35, 37) == "ind")
    }

    @Test(arguments: [
        // dc:type, leader/06–07, 008/18–34
        ("Text", "am", "|||||||||||||| ||"),
        ("[Text]", "am", "|||||||||||||| ||"),
        ("Skripsi", "am", "||||||m   |||| ||"),
        ("Terbitan Berkala", "as", "|| |||||||||   ||"),
        ("StillImage", "km", "||| |     ||   ||"),
        ("Rekaman Video", "gm", "||| |     ||   ||"),
        ("Bahan Kartografis", "em", "|||||| |  || | ||"),
        ("Rekaman Suara", "im", "|||||||||||||| | "),
        ("Sumber Elektronik", "mm", "    ||  | |      "),
        ("Manuskrip", "tm", "|||||||||||||| ||"),
        ("Collection", "pc", "     |           "),
        ("Something else", "am", "|||||||||||||| ||"),
    ])
    func typeDecidesLeaderAnd008(type: String, leader: String, material: String) {
        let record = DublinCoreCrosswalk.marcRecord(from: dc([("title", "X"), ("type", type), ("date", "2019")]))
        #expect(String(record.leaderString.dropFirst(6).prefix(2)) == leader)
        #expect(record.f008(18, 34) == material)
        #expect(record.f008.count == 40)
    }

    @Test func typeTermsAreIn655WithTheirVocabulary() {
        let record = DublinCoreCrosswalk.marcRecord(from: dc([("type", "StillImage"), ("type", "Foto")]))
        #expect(record.lines("655") == [" 7 $aStillImage$2dct", " 7 $aFoto$2local"])
    }

    @Test func serialsFromSLiMSFormat() {
        let record = DublinCoreCrosswalk.marcRecord(from: dc([("title", "Jurnal perpustakaan pertanian"),
            ("format", "Text"), ("format", "serial"), ("date", "1992"), ("identifier", "01262912")]))
        #expect(record.leader.bibliographicLevel == "s")
        #expect(record.f008(6, 14) == "u1992uuuu")
        #expect(record.lines("022") == ["   $a0126-2912"])
        #expect(record.lines("655") == [" 7 $aText$2dct", " 7 $aserial$2local"])
        #expect(record.lines("340").isEmpty)
    }

    @Test(arguments: [
        ("Indonesia", ["ind"]), ("Bahasa Indonesia", ["ind"]), ("id", ["ind"]), ("in", ["ind"]), ("id-ID", ["ind"]),
        ("en", ["eng"]), ("Inggris", ["eng"]), ("English", ["eng"]), ("eng", ["eng"]), ("Arab", ["ara"]),
        ("Jawa", ["jav"]), ("ind; eng", ["ind", "eng"]), ("Indonesia, Inggris", ["ind", "eng"]), ("Klingon", []),
    ])
    func languages(value: String, codes: [String]) {
        let record = DublinCoreCrosswalk.marcRecord(from: dc([("title", "X"), ("language", value)]))
        #expect(record.lines("546") == ["   $a\(value)"])
        #expect(record.f008(35, 37) == (codes.first ?? "und"))
        #expect(record.lines("041") == (codes.isEmpty ? [] : ["   " + codes.map { "$a\($0)" }.joined()]))
    }

    @Test func identifiers() {
        let record = DublinCoreCrosswalk.marcRecord(from: dc([
            ("identifier", "ISBN 978-602-291-234-7 (pbk.)"),
            ("identifier_isbn", "9789794334120"),  // wrong check digit
            ("identifier", "9786232160057; 9799731089"),  // INLISLite packs several into one
            ("identifier", "ISSN 2088-7442"),
            ("identifier", "doi:10.1234/jpi.v3i2.55"),
            ("identifier", "urn:isbn:9789794334126"),
            ("identifier", "12"),
        ]))
        #expect(record.lines("020") == ["   $a9786022912347$qpbk.", "   $z9789794334120", "   $a9786232160057",
            "   $a9799731089", "   $a9789794334126"])
        #expect(record.lines("022") == ["   $a2088-7442"])
        #expect(record.lines("024") == ["7  $a10.1234/jpi.v3i2.55$2doi", "8  $a12"])
    }

    @Test func formatsAndRelations() {
        let withURL = DublinCoreCrosswalk.marcRecord(from: dc([
            ("identifier", "https://repository.contoh.ac.id/12/1.pdf"), ("format", "application/pdf"),
            ("relation", "http://contoh.ac.id/slims/images/docs/sampul.jpg"), ("relation", "Seri kajian budaya"),
        ]))
        #expect(withURL.lines("856") == ["40 $uhttps://repository.contoh.ac.id/12/1.pdf$qapplication/pdf",
            "42 $uhttp://contoh.ac.id/slims/images/docs/sampul.jpg"])
        #expect(withURL.lines("787") == ["0  $nSeri kajian budaya"])
        let without = DublinCoreCrosswalk.marcRecord(from: dc([("format", "Application/PDF"),
            ("format", "200 p."), ("format", "Kertas")]))
        #expect(without.lines("347") == ["   $bapplication/pdf"])
        #expect(without.lines("300") == ["   $a200 p."])
        #expect(without.lines("340") == ["   $aKertas"])
    }

    @Test func moreTitlesAndRights() {
        let record = DublinCoreCrosswalk.marcRecord(from: dc([
            ("title", "Negeri 5 menara = The land of five towers"), ("title", "Negeri lima menara"),
            ("alternative", "N5M"), ("rights", "Hak cipta dilindungi undang-undang"), ("source", "Majalah Tempo"),
            ("isPartOf", "Trilogi Negeri 5 menara ; 1"), ("tableOfContents", "Bagian 1 -- Bagian 2"),
        ]))
        #expect(record.lines("245") == ["00 $aNegeri 5 menara =$bThe land of five towers."])
        #expect(record.lines("246") == ["33 $aN5M", "33 $aNegeri lima menara"])
        #expect(record.lines("540") == ["   $aHak cipta dilindungi undang-undang"])
        #expect(record.lines("786") == ["0  $nMajalah Tempo"])
        #expect(record.lines("490") == ["0  $aTrilogi Negeri 5 menara ; 1"])
        #expect(record.lines("505") == ["0  $aBagian 1 -- Bagian 2"])
    }

    @Test func datesWithoutAYearAndRecordsWithNothing() {
        let undated = DublinCoreCrosswalk.marcRecord(from: dc([("title", "Serat Centhini"), ("date", "[s.a.]")]))
        #expect(undated.f008(6, 14) == "nuuuu    ")
        #expect(undated.lines("260") == ["   $c[s.a.]"])
        let dated = DublinCoreCrosswalk.marcRecord(from: dc([("date", "2019-05-01"), ("date", "c2018")]),
            datestamp: "2020-02-29T10:00:00Z")
        #expect(dated.f008(0, 14) == "200229s2019    ")
        let empty = DublinCoreCrosswalk.marcRecord(from: DublinCoreRecord())
        #expect(empty.tags == ["008", "884"])
        #expect(empty.f008.count == 40)
    }

    @Test func deterministic() {
        let a = DublinCoreCrosswalk.marcRecord(from: slims, controlNumber: "12", sourceIdentifier: "oai:slims/12")
        let b = DublinCoreCrosswalk.marcRecord(from: slims, controlNumber: "12", sourceIdentifier: "oai:slims/12")
        #expect(a == b)
        #expect(a.fields.map(\.value) == b.fields.map(\.value))
    }
}
