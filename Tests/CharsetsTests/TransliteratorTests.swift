import Testing
@testable import Charsets

@Suite struct TransliteratorTests {
    @Test(arguments: [
        ("Москва", "Moskva"),
        ("Привет, мир!", "Privet, mir!"),
        ("Αθήνα", "Athena"),
        ("القاهرة", "alqahrt"),  // Arabic script has no vowels to spell out
        ("ירושלים", "yrwslym"),
        ("北京大学", "bei jing da xue"),  // Han as Mandarin pinyin
        ("東京", "dong jing"),  // ... even when the text is Japanese
        ("とうきょう", "toukyou"),
        ("서울", "seoul"),
        ("Ærøskøbing “Straße”", "AEroskobing \"Strasse\""),
    ])
    func spellsScriptsInLatinASCII(_ source: String, _ expected: String) {
        let result = Transliterator.transliterate(source, id: Transliterator.latinASCII)
        #expect(Array(result.utf8) == Array(expected.utf8))
    }

    @Test func removesMarksButKeepsOtherLatin() {
        let result = Transliterator.transliterate("Dvořák Straße Œuvre", id: Transliterator.latinWithoutMarks)
        #expect(Array(result.utf8) == Array("Dvorak Straße Œuvre".utf8))
    }

    @Test func validatesIds() {
        #expect(Transliterator.isValid(id: Transliterator.latinASCII))
        #expect(Transliterator.isValid(id: "Cyrillic-Latin"))
        #expect(!Transliterator.isValid(id: "Klingon-Latin"))
        #expect(!Transliterator.isValid(id: "Any-Latin; [:Foo"))
    }

    @Test func appendsAndReplacesIllFormedInput() {
        var output = Array("key:".utf8)
        [UInt8]([0x41, 0xFF, 0xD0, 0x96]).withUnsafeBufferPointer {
            Transliterator.transliterate($0, id: "Any-Latin", into: &output)
        }
        #expect(output == Array("key:A\u{FFFD}Ž".utf8))
    }

    @Test func growsPastItsFirstGuess() {
        // 200 Han characters: 600 bytes in, about 5 bytes out each, past the 2x + 32 first guess.
        let source = String(repeating: "龍", count: 200)
        let result = Transliterator.transliterate(source, id: Transliterator.latinASCII)
        #expect(result == Array(repeating: "long", count: 200).joined(separator: " "))
    }

    @Test func runsConcurrently() async {
        let words = ["Москва", "Αθήνα", "北京", "서울", "Kraków"]
        let results = await withTaskGroup(of: (String, String).self) { group in
            for k in 0..<64 {
                let word = words[k % words.count]
                group.addTask { (word, Transliterator.transliterate(word, id: Transliterator.latinASCII)) }
            }
            var results: [String: Set<String>] = [:]
            for await (word, latin) in group { results[word, default: []].insert(latin) }
            return results
        }
        #expect(results["Москва"] == ["Moskva"])
        #expect(results["Kraków"] == ["Krakow"])
        #expect(results.values.allSatisfy { $0.count == 1 })
    }
}
