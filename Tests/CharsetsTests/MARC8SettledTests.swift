import MARCRecord
import Testing
import _KatalogTestSupport
@testable import Charsets

/// Where yaz-marcdump or Perl's MARC::Charset decode the corpus's MARC-8 differently from us
/// (InteropTests/MARC8PeerTests), each class of disagreement settled here against the LC code
/// tables (read from ../shared/corpus/charsets when present) or the MARC-8 rules they come with.
@Suite struct MARC8SettledTests {
    static let table = "charsets/marc8-codetables.xml"

    func entries(final: UInt8) throws -> [CodeTableXML] {
        try CodeTableXML.load(Self.table).filter { $0.final == final }
    }

    /// yaz empties such subfields (it trusts leader/09 over `-f MARC-8`). The leader is a
    /// declaration, the bytes are the data: ANSEL's acute (0xE2) before `e` is é.
    @Test func aMARC8RecordLabelledUTF8IsReadFromItsBytes() {
        var r = record(Array("Th".utf8) + [0xE2] + Array("e".utf8) + [0xE3] + Array("atre".utf8), leader09: "a")
        let findings = RecordTranscoder().transcode(&r)
        #expect(Array(r.firstField("245")!.content) == Array("10\u{1F}aThéâtre".utf8))
        #expect(findings.map(\.code) == [.leaderEncodingMismatch])
    }

    /// Peers drop what they cannot map; LC's tables have no EACC character 21 21 21, and the
    /// project's rule is U+FFFD plus a finding naming the bytes.
    @Test(.enabled(if: Paths.hasCorpus, "needs ../shared/corpus"))
    func bytesTheTablesLackBecomeReplacementCharacters() throws {
        #expect(try !entries(final: 0x31).contains { $0.code == 0x212121 })
        let result = MARC8Codec.decode([0x1B, 0x24, 0x31, 0x21, 0x21, 0x21, 0x1B, 0x28, 0x42])
        #expect(result.bytes == Array("\u{FFFD}".utf8))
        #expect(result.issues.map(\.kind) == [.unmappedBytes])
        #expect(result.issues.first?.bytes == [0x21, 0x21, 0x21])
    }

    /// yaz leaves `&#x8ECA;` as text. LC's lossless conversion rule writes characters MARC-8 lacks
    /// as hexadecimal references, so in a MARC-8 record the reference is the character.
    @Test func numericReferencesAreTheCharactersTheyName() {
        #expect(MARC8Codec.decode(Array("&#x8ECA;&#x8F2A;".utf8)).bytes == Array("車輪".utf8))
    }

    /// MARC::Charset keeps a stray ESC and what follows as text. No MARC-8 set has the final `t`
    /// (technique 1 knows only g, b, p and s; technique 2 needs an intermediate), so the ESC is
    /// junk: dropped and reported, the `t` kept.
    @Test(.enabled(if: Paths.hasCorpus, "needs ../shared/corpus"))
    func anEscapeNamingNoSetLosesOnlyTheESC() throws {
        let finals = Set(try CodeTableXML.load(Self.table).map(\.final))
        #expect(!finals.contains(0x74))
        let result = MARC8Codec.decode(Array("Soci".utf8) + [0x1B] + Array("t".utf8) + [0xE2] + Array("e".utf8))
        #expect(result.bytes == Array("Socite\u{301}".utf8))
        #expect(result.issues.map(\.kind) == [.badEscape])
    }

    /// yaz drops punctuation written while Greek (ESC ( S) is in G0. LC's Greek set has no 0x3A
    /// or 0x2C: the record forgot to switch back, and the ASCII character is what was meant.
    @Test(.enabled(if: Paths.hasCorpus, "needs ../shared/corpus"))
    func punctuationTheGreekSetLacksIsReadAsASCII() throws {
        let greek = try entries(final: 0x53)
        #expect(!greek.contains { $0.code == 0x3A || $0.code == 0x2C })
        let result = MARC8Codec.decode([0x1B, 0x28, 0x53, 0x61, 0x3A, 0x20, 0x62, 0x2C, 0x1B, 0x28, 0x42])
        #expect(result.bytes == Array("α: β,".utf8))
        #expect(result.issues.map(\.kind) == [.readAsASCII, .readAsASCII])
    }

    /// A field left in Greek where Latin was meant: yaz drops what the set lacks, we decode every
    /// byte the LC Greek table has to the character the table gives it.
    @Test(.enabled(if: Paths.hasCorpus, "needs ../shared/corpus"))
    func bytesOfASetLeftInForceDecodePerItsTable() throws {
        let greek = try entries(final: 0x53).filter { !$0.isCombining && $0.code < 0x80 }
        #expect(greek.count > 40)
        for entry in greek {
            let result = MARC8Codec.decode([0x1B, 0x28, 0x53, UInt8(entry.code), 0x1B, 0x28, 0x42])
            #expect(result.bytes == entry.expectedUTF8(afterBase: false), "\(entry)")
        }
    }
}
