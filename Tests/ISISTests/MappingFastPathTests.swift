import ISIS
import MARCRecord
import Testing

/// The mapper writes local fields and control numbers straight into the record's bytes (and scans
/// for `^` eight bytes at a time); these check that against the documented form, built here the
/// slow way, on texts whose carets fall on every position of the eight-byte blocks.
struct MappingFastPathTests {
    /// `2# $2 isis $a TAG $b LEADING $x …` from the documented splitting rule.
    func expectedLocal(tag: String, _ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = Array("2 ".utf8) + [0x1F] + Array("2isis".utf8) + [0x1F, UInt8(ascii: "a")]
        out += Array(tag.utf8) + [0x1F, UInt8(ascii: "b")]
        var i = 0
        while i < text.count {
            if text[i] == UInt8(ascii: "^"), i + 1 < text.count, text[i + 1] > 0x20, text[i + 1] < 0x7F {
                out += [0x1F, text[i + 1]]
                i += 2
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }

    func local(_ tag: Int, _ text: [UInt8], mfn: Int = 7) throws -> (MARCRecord, [UInt8]) {
        let mapper = ISISMapper(profile: try #require(ISISProfile.shipped("raw")), decoder: ISISTextDecoder(.utf8))
        let record = mapper.map(ISISRecord(mfn: mfn, fields: [.init(tag: tag, bytes: text)])).record
        let field = try #require(record.fields.first { $0.tag == "886" })
        return (record, Array(field.content))
    }

    @Test func caretsAtEveryPositionAndLength() throws {
        var texts: [[UInt8]] = [[], Array("^".utf8), Array("^a".utf8), Array("a^".utf8), Array("^^a".utf8)]
        for length in 1...19 {
            for caret in 0..<length {
                var text = Array(repeating: UInt8(ascii: "x"), count: length)
                text[caret] = UInt8(ascii: "^")
                texts.append(text)
                if caret + 2 < length {
                    text[caret + 2] = UInt8(ascii: "^")
                    texts.append(text)
                }
                if caret + 1 < length {
                    text[caret + 1] = 0x20  // `^` + blank is no delimiter
                    texts.append(text)
                }
            }
        }
        texts.append(Array("Caf\u{E9} ^aParis^b^cUnesco ^ ^\u{7F}x^".utf8))
        for text in texts {
            let (_, content) = try local(26, text)
            #expect(content == expectedLocal(tag: "026", text), "\(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func tagsAndNumbersAsIsisSpellsThem() throws {
        for (tag, spelled) in [(0, "000"), (5, "005"), (26, "026"), (99, "099"), (100, "100"), (3005, "3005"),
            (65_535, "65535")]
        {
            let (record, content) = try local(tag, Array("v".utf8), mfn: 1_234_567)
            #expect(content == expectedLocal(tag: spelled, Array("v".utf8)))
            #expect(record.controlNumber == "isis1234567" || record.controlNumber?.hasSuffix("1234567") == true)
            let scn = try #require(record.fields.first { $0.tag == "035" })
            #expect(String(decoding: scn.content, as: UTF8.self).hasSuffix(record.controlNumber ?? "?"))
        }
    }
}
