/// The named character mnemonics of LC's MARCMaker/MARCBreaker for MARC-8 bytes outside ASCII (ANSEL
/// spacing characters, combining marks and two C1 controls), as LC's MARCMaker and MARCBreaker User's Manual
/// lists them. They are decoded to their MARC-8 byte only in records whose leader/09 is blank (MARC-8):
/// converting MARC-8 to Unicode (combining marks come before their base letter in MARC-8, after it in
/// Unicode) is the character-set layer's work, not this reader's.
extension MRKMnemonics {
    static let marc8Names: [(byte: UInt8, name: String)] = [
        (0x8D, "joiner"), (0x8E, "nonjoin"),
        (0xA1, "Lstrok"), (0xA2, "Ostrok"), (0xA3, "Dstrok"), (0xA4, "THORN"), (0xA5, "AElig"), (0xA6, "OElig"),
        (0xA7, "softsign"), (0xA8, "middot"), (0xA9, "flat"), (0xAA, "reg"), (0xAB, "plusmn"), (0xAC, "Ohorn"),
        (0xAD, "Uhorn"), (0xAE, "mlrhring"), (0xB0, "mllhring"), (0xB1, "lstrok"), (0xB2, "ostrok"),
        (0xB3, "dstrok"), (0xB4, "thorn"), (0xB5, "aelig"), (0xB6, "oelig"), (0xB7, "hardsign"), (0xB8, "inodot"),
        (0xB9, "pound"), (0xBA, "eth"), (0xBC, "ohorn"), (0xBD, "uhorn"), (0xC0, "deg"), (0xC1, "scriptl"),
        (0xC2, "phono"), (0xC3, "copy"), (0xC4, "sharp"), (0xC5, "iquest"), (0xC6, "iexcl"),
        (0xE0, "hooka"), (0xE1, "grave"), (0xE2, "acute"), (0xE3, "circ"), (0xE4, "tilde"), (0xE5, "macr"),
        (0xE6, "breve"), (0xE7, "dot"), (0xE8, "uml"), (0xE9, "caron"), (0xEA, "ring"), (0xEB, "llig"),
        (0xEC, "rlig"), (0xED, "rcommaa"), (0xEE, "dblac"), (0xEF, "candra"), (0xF0, "cedil"), (0xF1, "ogon"),
        (0xF2, "dotb"), (0xF3, "dbldotb"), (0xF4, "ringb"), (0xF5, "dblunder"), (0xF6, "under"), (0xF7, "commab"),
        (0xF8, "rcedil"), (0xF9, "breveb"), (0xFA, "ldbltil"), (0xFB, "rdbltil"), (0xFE, "commaa"),
    ]

    static let marc8ByName: [[UInt8]: UInt8] = {
        var table: [[UInt8]: UInt8] = [:]
        for (byte, name) in marc8Names { table[Array(name.utf8)] = byte }
        return table
    }()

    /// The mnemonic the writer uses for a MARC-8 byte, indexed by byte; `nil` where there is none.
    static let marc8NameForByte: [[UInt8]?] = {
        var table = [[UInt8]?](repeating: nil, count: 256)
        for (byte, name) in marc8Names { table[Int(byte)] = Array("{\(name)}".utf8) }
        return table
    }()
}
