import _KatalogTestSupport
import Charsets
import Foundation
import Testing

/// Decodes every field of clean MARC-8 records from the corpus (CJK, Hebrew, Cyrillic, Arabic,
/// Greek, sub/superscripts) and compares with yaz-marcdump's UTF-8 of the same records. Known,
/// deliberate differences are folded away first: yaz writes U+0361/U+0360 where we write LC's
/// U+FE20-U+FE23 halves, and neither output is normalised (compared after NFC).
@Suite(.enabled(if: Paths.hasCorpus && YazFields.executable != nil, "needs ../shared/corpus and yaz-marcdump"))
struct MARC8YazComparisonTests {
    static let files = [
        "marc/marc-perl/marc-charset/t/cjk1.marc", "marc/marc-perl/marc-charset/t/cjk2.marc",
        "marc/marc-perl/marc-charset/t/hebrew1.marc", "marc/marc-perl/marc-charset/t/cyrillic.marc",
        "marc/yaz/test/marc-files/marc7.marc", "marc/yaz/test/marc-files/marc9.marc",
        "marc/marc4j/src/org/marc4j/samples/resources/diacritic4.mrc",
    ]

    @Test(arguments: files)
    func agreesWithYaz(_ relative: String) throws {
        let path = try #require(Paths.corpusFile(relative))
        let yazOutput = try run(try #require(YazFields.executable), ["-i", "marc", "-o", "marc", "-f", "MARC-8", "-t", "UTF-8", path])
        #expect(yazOutput.status == 0)
        let ours = YazFields.split(try Paths.bytes(path))
        let theirs = YazFields.split(yazOutput.stdout)
        #expect(ours.count == theirs.count)
        #expect(ours.count > 10)
        var nonASCII = 0
        for (field, reference) in zip(ours, theirs) {
            var output: [UInt8] = []
            var issues: [CharsetIssue] = []
            field.withUnsafeBufferPointer { MARC8Decoder().decode($0, into: &output, issues: &issues) }
            if field.contains(where: { $0 >= 0x80 || $0 == 0x1B }) { nonASCII += 1 }
            let mine = YazFields.comparable(output)
            let yours = YazFields.comparable(reference)
            #expect(mine == yours, "\(relative): \(mine.debugDescription) vs yaz \(yours.debugDescription)")
            #expect(issues.filter { $0.kind != .setNotReset }.isEmpty, "\(issues.map(\.message))")
        }
        #expect(nonASCII > 0, "the file has MARC-8 beyond ASCII")
    }
}

enum YazFields {
    static let executable: String? = ["/usr/bin/yaz-marcdump", "/usr/local/bin/yaz-marcdump"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The data of every field of every record, read through the directory (clean files only).
    static func split(_ data: [UInt8]) -> [[UInt8]] {
        var fields: [[UInt8]] = []
        var start = 0
        while start + 24 < data.count {
            guard let length = Int(String(decoding: data[start..<start + 5], as: UTF8.self)),
                  let base = Int(String(decoding: data[start + 12..<start + 17], as: UTF8.self)) else { break }
            var entry = start + 24
            while entry + 12 <= start + base - 1 {
                let digits = String(decoding: data[entry + 3..<entry + 12], as: UTF8.self)
                guard let fieldLength = Int(digits.prefix(4)), let offset = Int(digits.suffix(5)) else { break }
                let from = start + base + offset
                fields.append(Array(data[from..<from + fieldLength - 1]))
                entry += 12
            }
            start += length
        }
        return fields
    }

    static func comparable(_ utf8: [UInt8]) -> String {
        var text = String(decoding: utf8, as: UTF8.self)
        text.unicodeScalars.removeAll { [0x360, 0x361, 0xFE20, 0xFE21, 0xFE22, 0xFE23].contains($0.value) }
        return text.precomposedStringWithCanonicalMapping
    }
}
