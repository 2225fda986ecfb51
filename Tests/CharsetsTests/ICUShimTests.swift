import Testing
import CICUShim

/// Direct calls into the shim: an ICU answer that does not go through the Swift codecs, to check
/// them against, and the shim's own contract (status codes, sizes, offsets).
enum ShimICU {
    struct Result: Equatable {
        var status: Int32
        var bytes: [UInt8]
        var errorOffset: Int
    }

    /// ICU's whole-buffer conversion of `bytes` in `converter` to UTF-8, stopping at the first problem.
    static func toUTF8(_ bytes: [UInt8], converter: String) -> Result {
        convert(bytes) { src, count, dest, capacity, needed, errorOffset in
            kicu_convert_to_utf8(converter, src, count, dest, capacity, &needed, &errorOffset)
        }
    }

    /// ICU's whole-buffer conversion of UTF-8 `utf8` to `converter`, stopping at the first problem.
    static func fromUTF8(_ utf8: [UInt8], converter: String) -> Result {
        convert(utf8) { src, count, dest, capacity, needed, errorOffset in
            kicu_convert_from_utf8(converter, src, count, dest, capacity, &needed, &errorOffset)
        }
    }

    private static func convert(
        _ input: [UInt8],
        _ call: (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UInt8>?, Int, inout Int, inout Int) -> Int32
    ) -> Result {
        var needed = 0
        var errorOffset = 0
        // Measure first (capacity 0), then convert: this is also the shim's documented protocol.
        var status = input.withUnsafeBufferPointer { call($0.baseAddress, $0.count, nil, 0, &needed, &errorOffset) }
        guard status == KICU_OK || status == KICU_BUFFER_TOO_SMALL else {
            return Result(status: status, bytes: [], errorOffset: errorOffset)
        }
        var output = [UInt8](repeating: 0, count: needed)
        status = input.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer {
                call(src.baseAddress, src.count, $0.baseAddress, $0.count, &needed, &errorOffset)
            }
        }
        return Result(status: status, bytes: Array(output.prefix(needed)), errorOffset: errorOffset)
    }
}

@Suite struct ICUShimTests {
    @Test func linksAgainstSystemICU() {
        let version = String(cString: kicu_version())
        #expect(version.hasPrefix("7"), "built against ICU \(version)")
    }

    @Test func resolvesConverterAliasesToCanonicalNames() {
        func canonical(_ alias: String) -> String? {
            var buffer = [CChar](repeating: 0, count: 64)
            guard kicu_converter_name(alias, &buffer, buffer.count) == KICU_OK else { return nil }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        #expect(canonical("cp850") == "ibm-850_P100-1995")
        #expect(canonical("850") == "ibm-850_P100-1995")
        #expect(canonical("latin1") == "ISO-8859-1")
        // ICU's windows-1252 is its ibm-5348 table; the plain ibm-1252 is a different (older) table.
        #expect(canonical("windows-1252") == "ibm-5348_P100-1997")
        #expect(canonical("ibm-1252") != canonical("windows-1252"))
        #expect(canonical("no-such-charset") == nil)
        // ucnv_open("") would open the default converter; the shim refuses it.
        #expect(canonical("") == nil)
    }

    @Test func singleByteTablesRefuseMultiByteAndUnknownConverters() {
        var toUnicode = [UInt32](repeating: 0, count: 256)
        var fromUnicode = [Int16](repeating: 0, count: 256)
        #expect(kicu_sbcs_tables("UTF-8", &toUnicode, &fromUnicode, nil, 0) == KICU_NOT_SINGLE_BYTE)
        #expect(kicu_sbcs_tables("Shift_JIS", &toUnicode, &fromUnicode, nil, 0) == KICU_NOT_SINGLE_BYTE)
        #expect(kicu_sbcs_tables("no-such-charset", &toUnicode, &fromUnicode, nil, 0) == KICU_UNKNOWN_NAME)
        #expect(kicu_sbcs_tables("", &toUnicode, &fromUnicode, nil, 0) == KICU_UNKNOWN_NAME)
    }

    @Test func singleByteTablesMarkUnmappedBytes() {
        var toUnicode = [UInt32](repeating: 0, count: 256)
        var fromUnicode = [Int16](repeating: 0, count: 256)
        var name = [CChar](repeating: 0, count: 64)
        #expect(kicu_sbcs_tables("windows-1253", &toUnicode, &fromUnicode, &name, name.count) == KICU_OK)
        // 0xD2 and 0xFF are undefined in Microsoft's cp1253 and in ICU's table.
        #expect(toUnicode[0xD2] == 0xFFFF_FFFF)
        #expect(fromUnicode[0xD2] == -1)
        #expect(toUnicode[0xC1] == 0x0391)  // Α
        #expect(fromUnicode[0xC1] == 0xC1)
        #expect(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).hasPrefix("ibm-5349"))
    }

    @Test func conversionStopsAtTheFirstProblemAndSaysWhere() {
        #expect(
            ShimICU.toUTF8([0x41, 0x42, 0xD2, 0x43], converter: "windows-1253")
                == .init(status: KICU_UNMAPPABLE, bytes: [], errorOffset: 2))
        #expect(
            ShimICU.fromUTF8(Array("aЖb".utf8), converter: "ISO-8859-1")
                == .init(status: KICU_UNMAPPABLE, bytes: [], errorOffset: 1))
        // "é" is two UTF-8 bytes; the offset counts UTF-8 bytes, not UTF-16 units.
        #expect(ShimICU.fromUTF8(Array("éé€".utf8), converter: "ISO-8859-1").errorOffset == 4)
        #expect(
            ShimICU.fromUTF8([0x61, 0xFF], converter: "ISO-8859-1")
                == .init(status: KICU_MALFORMED, bytes: [], errorOffset: 1))
        #expect(
            ShimICU.fromUTF8(Array("Ωé".utf8), converter: "ibm-437")
                == .init(status: KICU_OK, bytes: [0xEA, 0x82], errorOffset: 0))
    }

    @Test func normalizeReportsTheSizeItNeedsWhenTheBufferIsShort() {
        let hangul = Array("한국".utf8)  // 6 bytes; NFD: 3 jamo of 3 bytes per syllable
        var needed = 0
        var small = [UInt8](repeating: 0, count: 4)
        let status = hangul.withUnsafeBufferPointer {
            kicu_normalize_utf8(KICU_NFD, $0.baseAddress, $0.count, &small, small.count, &needed)
        }
        #expect(status == KICU_BUFFER_TOO_SMALL)
        #expect(needed == 18)
        var exact = [UInt8](repeating: 0, count: needed)
        let again = hangul.withUnsafeBufferPointer {
            kicu_normalize_utf8(KICU_NFD, $0.baseAddress, $0.count, &exact, exact.count, &needed)
        }
        #expect(again == KICU_OK)
        #expect(String(decoding: exact, as: UTF8.self).unicodeScalars.count == 6)
    }

    /// Why Charsets validates UTF-8 itself: ICU 72's Normalizer2 copies ill-formed bytes through and
    /// calls the result normalized. If ICU starts replacing them, this test says so.
    @Test func icuPassesIllFormedUTF8ThroughNormalization() {
        let input: [UInt8] = [0x65, 0xCC, 0x81, 0xFF, 0xC3]
        var output = [UInt8](repeating: 0, count: 16)
        var needed = 0
        let status = kicu_normalize_utf8(KICU_NFC, input, input.count, &output, output.count, &needed)
        #expect(status == KICU_OK)
        #expect(Array(output.prefix(needed)) == [0xC3, 0xA9, 0xFF, 0xC3])
        var normalized: Int32 = 0
        #expect(kicu_is_normalized_utf8(KICU_NFC, [0xFF, 0xC3], 2, &normalized) == KICU_OK)
        #expect(normalized == 1)
    }

    @Test func canonicalDecompositionReportsItsLength() {
        var one: [UInt32] = [0]
        var count = 0
        #expect(kicu_canonical_decomposition(0xE9, &one, one.count, &count) == KICU_BUFFER_TOO_SMALL)
        #expect(count == 2)
        #expect(kicu_canonical_decomposition(0x61, &one, one.count, &count) == KICU_OK)
        #expect(count == 0)
        #expect(kicu_canonical_decomposition(0x11_0000, &one, one.count, &count) == KICU_INVALID_ARGUMENT)
    }

    @Test func reportsCombiningClassAndNFCQuickCheck() {
        #expect(kicu_nfc_properties(0x61) == 0)  // a: starter, NFC_QC Yes
        #expect(kicu_nfc_properties(0x301) == 230 | 2 << 8)  // combining acute: above, Maybe
        #expect(kicu_nfc_properties(0x323) == 220 | 2 << 8)  // combining dot below
        #expect(kicu_nfc_properties(0x212B) == 1 << 8)  // Angstrom sign: a singleton, No
        #expect(kicu_nfc_properties(0x416) == 0)  // Ж
        #expect(kicu_nfc_properties(0x11_0000) == 0)
    }

    @Test func transliterationRefusesUnknownAndMalformedIds() {
        var output = [UInt8](repeating: 0, count: 16)
        var needed = 0
        for id in ["Nonsense-Thing", "Any-Latin; [:Foo", ""] {
            let status = kicu_transliterate_utf8(id, [0x61], 1, &output, output.count, &needed)
            #expect(status == KICU_UNKNOWN_NAME, "\(id)")
        }
        #expect(kicu_transliterate_utf8("Any-Latin", [0x61], 1, &output, output.count, &needed) == KICU_OK)
        #expect(needed == 1 && output[0] == 0x61)
    }

    @Test func statusNamesAreDistinct() {
        let codes: [Int32] = [
            KICU_OK, KICU_BUFFER_TOO_SMALL, KICU_UNKNOWN_NAME, KICU_NOT_SINGLE_BYTE, KICU_UNMAPPABLE, KICU_MALFORMED,
            KICU_INVALID_ARGUMENT, KICU_ICU_ERROR,
        ]
        let names = Set(codes.map { String(cString: kicu_status_name($0)) })
        #expect(names.count == codes.count)
        #expect(!names.contains("unknown status"))
    }
}
