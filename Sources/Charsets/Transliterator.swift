internal import CICUShim

/// ICU transforms, for match keys: "Москва" with `"Any-Latin; Latin-ASCII"` is "Moskva".
///
/// An id is an ICU transform id or a compound id (`"Any-Latin; NFD; [:Nonspacing Mark:] Remove; NFC"`).
/// The shim compiles each id once (tens of milliseconds) and keeps it; concurrent calls are safe.
/// Ids are meant to be constants in code: an unknown id traps. Check an id that comes from a
/// configuration file with `isValid(id:)` first.
public enum Transliterator {
    /// Latin letters with their diacritics, everything outside ASCII spelled out.
    public static let latinASCII = "Any-Latin; Latin-ASCII"
    /// Latin letters, diacritics removed, other non-ASCII Latin (ß, Œ, typographic quotes) kept.
    public static let latinWithoutMarks = "Any-Latin; NFD; [:Nonspacing Mark:] Remove; NFC"

    public static func transliterate(_ string: String, id: String) -> String {
        var string = string
        let output = string.withUTF8 { input in
            var output: [UInt8] = []
            transliterate(input, id: id, into: &output)
            return output
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the transliteration of `input` to `output`. Ill-formed UTF-8 becomes U+FFFD.
    public static func transliterate(_ input: UnsafeBufferPointer<UInt8>, id: String, into output: inout [UInt8]) {
        let status = run(input, id: id, into: &output)
        precondition(status == KICU_OK, "transliterator \"\(id)\": \(UnicodeNormalizer.statusName(status))")
    }

    /// Whether ICU knows the transform `id` (it is compiled, and cached, on the way).
    public static func isValid(id: String) -> Bool {
        var output: [UInt8] = []
        return [UInt8]("a".utf8).withUnsafeBufferPointer { run($0, id: id, into: &output) } == KICU_OK
    }

    private static func run(_ input: UnsafeBufferPointer<UInt8>, id: String, into output: inout [UInt8]) -> Int32 {
        precondition(input.count <= Int(Int32.max), "ICU transliterates at most 2 GiB at a time")
        // Han syllables grow from 3 bytes to about 6 ("bei "), Cyrillic letters from 2 to 1–4.
        return UnicodeNormalizer.appendFromShim(to: &output, estimate: input.count * 2 + 32) { dest, capacity, needed in
            kicu_transliterate_utf8(id, input.baseAddress, input.count, dest, capacity, &needed)
        }
    }
}
