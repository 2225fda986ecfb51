internal import CICUShim

/// Unicode normalization of UTF-8 bytes, through ICU's `Normalizer2` behind the `CICUShim` target.
///
/// Katalog's records are UTF-8 in NFC; this is the one place that puts them there. Foundation's
/// normalization is not used: on Linux it is quadratic on large strings.
///
/// - Every `normalize` appends to `output` (it never clears it), so a caller can assemble a field
///   from pieces and reuse one buffer.
/// - ASCII input is returned as it is without calling ICU: it is already in every form (for
///   NFKC_Casefold only A–Z change, to a–z).
/// - Ill-formed UTF-8 does not crash and is not passed on: each maximal ill-formed subpart becomes
///   U+FFFD (one `.invalidUTF8` issue per run) before ICU normalizes. ICU 72 itself would copy such
///   bytes through unchanged and call them normalized, so invalid input is never `isNormalized`.
/// - Inputs larger than `Int32.max` bytes (ICU's limit) trap.
public enum UnicodeNormalizer {
    public enum Form: Sendable, Hashable, CaseIterable {
        case nfc, nfd, nfkc, nfkd
        /// Unicode's NFKC_Casefold: NFKC, full case folding and default-ignorables removed; meant
        /// for match keys, never for stored text.
        case nfkcCasefold

        var shimForm: Int32 {
            switch self {
            case .nfc: KICU_NFC
            case .nfd: KICU_NFD
            case .nfkc: KICU_NFKC
            case .nfkd: KICU_NFKD
            case .nfkcCasefold: KICU_NFKC_CASEFOLD
            }
        }

        /// First guess at the output size. Decomposing grows Latin letters from 2 bytes to 3 and
        /// Hangul syllables from 3 to 6 or 9; composing never grows much. A wrong guess only costs a
        /// second ICU call.
        func estimate(_ count: Int) -> Int {
            switch self {
            case .nfc, .nfkc, .nfkcCasefold: count + count / 8 + 16
            case .nfd, .nfkd: count + count / 2 + 16
            }
        }
    }

    // MARK: - Buffers

    /// Appends `input` in `form` to `output`; ill-formed UTF-8 is repaired and reported in `issues`
    /// (offsets relative to `input`).
    public static func normalize(
        _ input: UnsafeBufferPointer<UInt8>, to form: Form, into output: inout [UInt8], issues: inout [CharsetIssue]
    ) {
        guard !input.isEmpty else { return }
        let scan = UTF8.scan(input)
        if scan.isASCII {
            appendASCII(input, form: form, into: &output)
        } else if scan.isValid {
            icuNormalize(input, form: form, into: &output)
        } else {
            var repaired: [UInt8] = []
            repaired.reserveCapacity(input.count + 16)
            UTF8.repair(input, into: &repaired, issues: &issues)
            repaired.withUnsafeBufferPointer { icuNormalize($0, form: form, into: &output) }
        }
    }

    /// Appends `input` in `form` to `output`; ill-formed UTF-8 becomes U+FFFD without a report.
    public static func normalize(_ input: UnsafeBufferPointer<UInt8>, to form: Form, into output: inout [UInt8]) {
        var ignored: [CharsetIssue] = []
        normalize(input, to: form, into: &output, issues: &ignored)
    }

    /// Whether `normalize(input, to: form)` would give back `input` unchanged. False for ill-formed
    /// UTF-8, which normalizing repairs.
    public static func isNormalized(_ input: UnsafeBufferPointer<UInt8>, _ form: Form) -> Bool {
        guard !input.isEmpty else { return true }
        let scan = UTF8.scan(input)
        if scan.isASCII {
            return form != .nfkcCasefold || !input.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        }
        guard scan.isValid else { return false }
        precondition(input.count <= Int(Int32.max), "ICU normalizes at most 2 GiB at a time")
        var result: Int32 = 0
        let status = kicu_is_normalized_utf8(form.shimForm, input.baseAddress, input.count, &result)
        precondition(status == KICU_OK, "ICU normalization check failed: \(statusName(status))")
        return result != 0
    }

    public static func nfc(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        normalize(input, to: .nfc, into: &output)
    }

    public static func nfd(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        normalize(input, to: .nfd, into: &output)
    }

    public static func nfkcCasefold(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        normalize(input, to: .nfkcCasefold, into: &output)
    }

    public static func isNFC(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        isNormalized(input, .nfc)
    }

    // MARK: - Arrays and strings

    public static func normalize(_ bytes: [UInt8], to form: Form) -> [UInt8] {
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { normalize($0, to: form, into: &output) }
        return output
    }

    public static func normalize(_ string: String, to form: Form) -> String {
        var string = string
        return string.withUTF8 { input in
            // A String is valid UTF-8, so an ASCII string in a form ASCII is already in comes back as is.
            if form != .nfkcCasefold && UTF8.asciiRun(input, from: 0) == input.count { return nil }
            var output: [UInt8] = []
            normalize(input, to: form, into: &output)
            return String(decoding: output, as: Unicode.UTF8.self)
        } ?? string
    }

    public static func nfc(_ bytes: [UInt8]) -> [UInt8] { normalize(bytes, to: .nfc) }
    public static func nfd(_ bytes: [UInt8]) -> [UInt8] { normalize(bytes, to: .nfd) }
    public static func nfkcCasefold(_ bytes: [UInt8]) -> [UInt8] { normalize(bytes, to: .nfkcCasefold) }
    public static func nfc(_ string: String) -> String { normalize(string, to: .nfc) }
    public static func nfd(_ string: String) -> String { normalize(string, to: .nfd) }
    public static func nfkcCasefold(_ string: String) -> String { normalize(string, to: .nfkcCasefold) }

    public static func isNFC(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isNFC($0) }
    }

    public static func isNFC(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { isNFC($0) }
    }

    // MARK: - One code point

    /// The full canonical decomposition (what NFD makes of the code point alone), or nil when it
    /// has none. For encoders whose target set lacks a precomposed letter but has its base and
    /// combining marks: U+00E9 → [U+0065, U+0301], U+1EA5 → [U+0061, U+0302, U+0301].
    public static func canonicalDecomposition(of scalar: UInt32) -> [UInt32]? {
        // Nothing below U+00C0 has a canonical decomposition (U+00A0…U+00BF are compatibility only).
        guard scalar >= 0xC0, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        var buffer: [UInt32] = [0, 0, 0, 0]  // Unicode's longest canonical decomposition is 4
        var count = 0
        var status = kicu_canonical_decomposition(scalar, &buffer, buffer.count, &count)
        if status == KICU_BUFFER_TOO_SMALL {
            buffer = Array(repeating: 0, count: count)
            status = kicu_canonical_decomposition(scalar, &buffer, buffer.count, &count)
        }
        guard status == KICU_OK, count > 0 else { return nil }
        return Array(buffer.prefix(count))
    }

    public static func canonicalDecomposition(of scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
        canonicalDecomposition(of: scalar.value)?.compactMap(Unicode.Scalar.init)
    }

    // MARK: - Internals

    private static func appendASCII(_ input: UnsafeBufferPointer<UInt8>, form: Form, into output: inout [UInt8]) {
        guard form == .nfkcCasefold else {
            output.append(contentsOf: input)
            return
        }
        // NFKC_Casefold on ASCII is plain lowercasing (checked against ICU for all 128 in the tests).
        output.append(contentsOf: input.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
    }

    private static func icuNormalize(_ input: UnsafeBufferPointer<UInt8>, form: Form, into output: inout [UInt8]) {
        precondition(input.count <= Int(Int32.max), "ICU normalizes at most 2 GiB at a time")
        let status = appendFromShim(to: &output, estimate: form.estimate(input.count)) { dest, capacity, needed in
            kicu_normalize_utf8(form.shimForm, input.baseAddress, input.count, dest, capacity, &needed)
        }
        // The shim fails only on arguments checked above or on missing ICU data, which is linked in.
        precondition(status == KICU_OK, "ICU normalization failed: \(statusName(status))")
    }
}
