import Charsets

/// Turns the bytes of one ISIS field into UTF-8 in NFC, through `CodePageCodec` (or as UTF-8
/// with stray bytes replaced), and says what could not be read.
public struct ISISTextDecoder: Sendable {
    public let encoding: ISISEncoding
    private let codec: CodePageCodec?

    public init(_ encoding: ISISEncoding) {
        self.encoding = encoding
        if case .codePage(let page) = encoding { codec = CodePageCodec(page) } else { codec = nil }
    }

    /// A byte range that could not be decoded (offsets in the field).
    public struct Problem: Sendable, Hashable {
        public var offset: Int
        public var bytes: [UInt8]
        public var message: String
    }

    /// The UTF-8 (NFC) of `bytes`; `problems` gets what was replaced by U+FFFD.
    public func decode(_ bytes: some Collection<UInt8>, problems: inout [Problem]) -> [UInt8] {
        let input = Array(bytes)
        // Most fields are ASCII: nothing to decode or compose. (IBM pages move 0x1A, 0x1C and 0x7F,
        // which never occur in text; they are left as the bytes they are.)
        if !input.contains(where: { $0 >= 0x80 }) { return input }
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 4)
        switch encoding {
        case .codePage:
            var issues: [CharsetIssue] = []
            input.withUnsafeBufferPointer { codec!.decode($0, into: &out, issues: &issues) }
            problems += issues.map { Problem(offset: $0.offset, bytes: $0.bytes, message: $0.message) }
            // Every listed page decodes to NFC already (CodePageCodec's tests check it).
            return out
        case .utf8:
            var i = 0
            let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
            var valid = input.startIndex
            while i < input.count {
                let b = input[i]
                if b < 0x80 { i += 1; continue }
                let n = Self.sequenceLength(input, i)
                if n > 0 { i += n; continue }
                out.append(contentsOf: input[valid..<i])
                out.append(contentsOf: replacement)
                problems.append(Problem(offset: i, bytes: [b], message: "byte is not UTF-8"))
                i += 1
                valid = i
            }
            out.append(contentsOf: input[valid...])
            return UnicodeNormalizer.isNFC(out) ? out : UnicodeNormalizer.nfc(out)
        }
    }

    /// Appends the UTF-8 (NFC) of `bytes` to `output` (the mapper decodes a record's fields one
    /// after the other into one buffer): the same bytes and problems as `decode(_:problems:)`,
    /// without an array per field. ASCII, most fields, is copied as it is.
    public func decode(_ bytes: ArraySlice<UInt8>, appendingTo output: inout [UInt8], problems: inout [Problem]) {
        let ascii = bytes.withUnsafeBufferPointer { b in
            var high: UInt8 = 0
            for x in b { high |= x }
            return high < 0x80
        }
        if ascii {
            output.append(contentsOf: bytes)
            return
        }
        switch encoding {
        case .codePage:
            var issues: [CharsetIssue] = []
            bytes.withUnsafeBufferPointer { codec!.decode($0, into: &output, issues: &issues) }
            for i in issues { problems.append(Problem(offset: i.offset, bytes: i.bytes, message: i.message)) }
        case .utf8:
            output.append(contentsOf: decode(bytes, problems: &problems))
        }
    }

    public func decodeString(_ bytes: some Collection<UInt8>) -> String {
        var ignored: [Problem] = []
        return String(decoding: decode(bytes, problems: &ignored), as: UTF8.self)
    }

    /// The well-formed UTF-8 sequence at `i` (0 if none), by the same rules as every other UTF-8
    /// reader in the package.
    static func sequenceLength(_ a: [UInt8], _ i: Int) -> Int {
        a.withUnsafeBufferPointer { UnicodeNormalizer.UTF8.sequenceLength($0, at: i) }
    }
}
