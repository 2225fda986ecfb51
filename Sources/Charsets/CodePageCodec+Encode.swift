internal import CICUShim

extension CodePageCodec {
    /// Longest base + combining marks sequence `encode` tries to compose; past it (only in
    /// deliberately odd text) the marks are written as references without trying.
    static let maxComposedScalars = 32

    /// Appends the bytes of UTF-8 `input` in this code page to `output`.
    ///
    /// - A character the page lacks is written as the character reference `&#xXXXX;` (at least four
    ///   upper-case hex digits), the convention MARC uses for lossless conversion to legacy sets,
    ///   and reported as `.unencodable`. All listed pages carry `&#x0-9A-F;` as ASCII.
    /// - Before that, a letter followed by combining marks (decomposed text, as MARC-8 sources and
    ///   many UTF-8 exports have it) is composed: "e" + U+0301 is written as the page's é. A lone
    ///   character whose NFC the page has (U+212B ANGSTROM SIGN → Å) is written that way too.
    /// - Ill-formed UTF-8 is written as `&#xFFFD;` per maximal ill-formed subpart and reported as
    ///   `.invalidUTF8`.
    public func encode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], issues: inout [CharsetIssue]) {
        guard !input.isEmpty else { return }
        output.reserveCapacity(output.count + input.count)
        let tables = self.tables
        let name = codePage.rawValue
        var unencodable = UnicodeNormalizer.IssueRun(.unencodable)
        var firstUnencodable: UInt32 = 0
        let describeUnencodable: UnicodeNormalizer.IssueRun.Describe = { units, bytes in
            let first = "U+" + UnicodeNormalizer.IssueRun.hexDigits(firstUnencodable, minimum: 4)
            return units == 1
                ? "\(first) (UTF-8 \(bytes)) has no byte in \(name); written as &#x…; reference"
                : "\(units) characters from \(first) (UTF-8 \(bytes)) have no byte in \(name); written as &#x…; references"
        }
        var invalid = UnicodeNormalizer.IssueRun(.invalidUTF8)
        // Where the last character the page could encode started, in input and output: the base a
        // combining mark that follows may compose with.
        var base: (input: Int, output: Int)? = nil
        var i = 0
        while i < input.count {
            if tables.asciiIsIdentity && input[i] < 0x80 {
                let run = UnicodeNormalizer.UTF8.asciiRun(input, from: i)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<(i + run)]))
                i += run
                base = (i - 1, output.count - 1)
                continue
            }
            let (scalar, length) = UnicodeNormalizer.UTF8.decode(input, at: i)
            if scalar == UnicodeNormalizer.UTF8.invalid {
                // Issues go out in offset order: close the other kind's open run first.
                unencodable.flush(into: &issues, describe: describeUnencodable)
                invalid.add(input, i..<(i + length), issues: &issues, describe: UnicodeNormalizer.IssueRun.invalidUTF8)
                Self.appendReference(0xFFFD, to: &output)
                base = nil
                i += length
                continue
            }
            if let byte = tables.byte(for: scalar) {
                base = (i, output.count)
                output.append(byte)
                i += length
                continue
            }
            if let composed = compose(input, at: i, length: length, base: base, outputCount: output.count) {
                output.removeSubrange(composed.outputStart...)
                output.append(contentsOf: composed.bytes)
                base = nil
                i = composed.inputEnd
                continue
            }
            invalid.flush(into: &issues, describe: UnicodeNormalizer.IssueRun.invalidUTF8)
            if !unencodable.continues(at: i) {
                // Close the previous run while `firstUnencodable` still describes it.
                unencodable.flush(into: &issues, describe: describeUnencodable)
                firstUnencodable = scalar
            }
            unencodable.add(input, i..<(i + length), issues: &issues, describe: describeUnencodable)
            Self.appendReference(scalar, to: &output)
            base = nil
            i += length
        }
        unencodable.flush(into: &issues, describe: describeUnencodable)
        invalid.flush(into: &issues, describe: UnicodeNormalizer.IssueRun.invalidUTF8)
    }

    /// Tries NFC on the character at `i` together with the combining marks after it, and with the
    /// base before it when it is itself a combining mark; succeeds when the page has every
    /// character of the result, which then replaces the output from `outputStart` on.
    private func compose(
        _ input: UnsafeBufferPointer<UInt8>, at i: Int, length: Int, base: (input: Int, output: Int)?,
        outputCount: Int
    ) -> (bytes: [UInt8], outputStart: Int, inputEnd: Int)? {
        let scalar = UnicodeNormalizer.UTF8.decode(input, at: i).scalar
        // ICU's property lookups, not the standard library's: these run once per character the page
        // lacks, and the standard library's binary-property search was most of that cost.
        let properties = kicu_nfc_properties(scalar)
        var start = (input: i, output: outputCount)
        if properties & 0xFF != 0, let base { start = base }
        var end = i + length
        var scalars = start.input == i ? 1 : 2
        while end < input.count, scalars < Self.maxComposedScalars {
            let (next, nextLength) = UnicodeNormalizer.UTF8.decode(input, at: end)
            guard next != UnicodeNormalizer.UTF8.invalid, kicu_nfc_properties(next) & 0xFF != 0 else { break }
            end += nextLength
            scalars += 1
        }
        // A character on its own changes under NFC only if its NFC_Quick_Check is not Yes (the
        // singletons such as U+212B ANGSTROM SIGN); skipping ICU's normalizer for the rest keeps a
        // page of foreign script (Cyrillic into cp850) from costing a normalization per letter.
        if scalars == 1 && properties >> 8 == 0 { return nil }
        var composed: [UInt8] = []
        UnicodeNormalizer.normalize(UnsafeBufferPointer(rebasing: input[start.input..<end]), to: .nfc, into: &composed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars)
        let encodable = composed.withUnsafeBufferPointer { p -> Bool in
            var k = 0
            while k < p.count {
                let (value, valueLength) = UnicodeNormalizer.UTF8.decode(p, at: k)
                guard let byte = tables.byte(for: value) else { return false }
                bytes.append(byte)
                k += valueLength
            }
            return true
        }
        return encodable ? (bytes, start.output, end) : nil
    }

    /// Appends `&#xXXXX;` in ASCII, digit by digit: text in a script the page lacks is all
    /// references, and building a String per character made that path a hundred times slower.
    static func appendReference(_ scalar: UInt32, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "&"))
        output.append(UInt8(ascii: "#"))
        output.append(UInt8(ascii: "x"))
        var digits = 4
        while digits < 8 && scalar >> (4 * UInt32(digits)) != 0 { digits += 1 }
        for k in stride(from: digits - 1, through: 0, by: -1) {
            output.append(UnicodeNormalizer.IssueRun.hexDigit((scalar >> (4 * UInt32(k))) & 0xF))
        }
        output.append(UInt8(ascii: ";"))
    }
}
