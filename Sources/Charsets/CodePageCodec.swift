internal import CICUShim
internal import Synchronization

/// Decodes one single-byte code page to UTF-8 and encodes UTF-8 back, by table lookup in Swift.
/// The tables come from ICU once per code page and process; after that no call reaches ICU except
/// to compose a decomposed letter the page lacks (see `encode`).
///
/// Both directions append to `output` and report problems in `issues` with offsets relative to
/// `input`; adjacent problems of one kind make one issue.
public struct CodePageCodec: Sendable {
    public let codePage: CodePage
    let tables: Tables

    /// The codec for `codePage`, built on first use and then shared. Traps only if the ICU library
    /// linked in lacks the page's converter, which the tests rule out for every case.
    public init(_ codePage: CodePage) {
        self.codePage = codePage
        self.tables = Self.cache.withLock { cache in
            if let tables = cache[codePage] { return tables }
            let tables = Tables(converter: codePage.icuName)
            cache[codePage] = tables
            return tables
        }
    }

    private static let cache = Mutex<[CodePage: Tables]>([:])

    /// ICU's own name for the table in use, e.g. "ibm-850_P100-1995".
    public var icuConverterName: String { tables.canonicalName }

    /// The character `byte` decodes to, or nil when the page maps it to nothing.
    public func scalar(forByte byte: UInt8) -> Unicode.Scalar? {
        let value = tables.toUnicode[Int(byte)]
        return value == Tables.unmapped ? nil : Unicode.Scalar(value)
    }

    /// The byte that encodes `scalar` (ICU's round-trip mapping), or nil when the page lacks it.
    public func byte(for scalar: Unicode.Scalar) -> UInt8? {
        tables.byte(for: scalar.value)
    }

    // MARK: - Decoding

    /// Appends the UTF-8 of `input` to `output`. A byte the page maps to nothing becomes U+FFFD and
    /// is reported as `.unmappedBytes`. The output is NFC for every listed page: none of them has a
    /// combining mark or a character NFC would change (checked in the tests).
    public func decode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], issues: inout [CharsetIssue]) {
        guard let source = input.baseAddress, !input.isEmpty else { return }
        let tables = self.tables
        // First pass: the exact output size, so the second pass writes through a pointer.
        let (total, anyHigh, lengthFlags) = tables.utf8Length.withUnsafeBufferPointer { lengths in
            var total = 0
            var anyHigh: UInt8 = 0
            var lengthFlags: UInt8 = 0
            for byte in input {
                let length = lengths[Int(byte)]
                total &+= Int(length & Tables.lengthMask)
                lengthFlags |= length
                anyHigh |= byte
            }
            return (total, anyHigh, lengthFlags)
        }
        if anyHigh < 0x80 && tables.asciiIsIdentity {
            output.append(contentsOf: input)
            return
        }
        let chunk = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            var target = buffer.baseAddress!
            tables.utf8.withUnsafeBufferPointer { utf8 in
                tables.utf8Length.withUnsafeBufferPointer { lengths in
                    for k in 0..<input.count {
                        let byte = Int(source[k])
                        let length = Int(lengths[byte] & Tables.lengthMask)
                        let entry = utf8.baseAddress! + byte &* 4
                        target[0] = entry[0]
                        if length > 1 {
                            target[1] = entry[1]
                            if length > 2 {
                                target[2] = entry[2]
                                if length > 3 { target[3] = entry[3] }
                            }
                        }
                        target += length
                    }
                }
            }
            initialized = total
        }
        UnicodeNormalizer.appendChunk(chunk, to: &output)
        if lengthFlags & Tables.unmappedFlag != 0 { reportUnmapped(input, issues: &issues) }
    }

    private func reportUnmapped(_ input: UnsafeBufferPointer<UInt8>, issues: inout [CharsetIssue]) {
        let name = codePage.rawValue
        let describe: UnicodeNormalizer.IssueRun.Describe = { units, bytes in
            units == 1
                ? "byte \(bytes) has no character in \(name); U+FFFD written"
                : "\(units) bytes (\(bytes)) have no character in \(name); U+FFFD written for each"
        }
        var run = UnicodeNormalizer.IssueRun(.unmappedBytes)
        for k in 0..<input.count where tables.toUnicode[Int(input[k])] == Tables.unmapped {
            run.add(input, k..<(k + 1), issues: &issues, describe: describe)
        }
        run.flush(into: &issues, describe: describe)
    }
}

// MARK: - Convenience

extension CodePageCodec {
    public func decode(_ bytes: [UInt8]) -> (utf8: [UInt8], issues: [CharsetIssue]) {
        var output: [UInt8] = []
        var issues: [CharsetIssue] = []
        bytes.withUnsafeBufferPointer { decode($0, into: &output, issues: &issues) }
        return (output, issues)
    }

    public func encode(_ utf8: [UInt8]) -> (bytes: [UInt8], issues: [CharsetIssue]) {
        var output: [UInt8] = []
        var issues: [CharsetIssue] = []
        utf8.withUnsafeBufferPointer { encode($0, into: &output, issues: &issues) }
        return (output, issues)
    }

    public func encode(_ string: String) -> (bytes: [UInt8], issues: [CharsetIssue]) {
        encode(Array(string.utf8))
    }
}

extension CodePage {
    /// The shared codec for this page.
    public var codec: CodePageCodec { CodePageCodec(self) }
}
