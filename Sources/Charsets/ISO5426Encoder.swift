/// Encodes the UTF-8 of one field to ISO 5426 (G0 ISO 646 IRV, G1 ISO 5426), the same way
/// `MARC8Encoder` encodes to MARC-8 but without escapes: a direct mapping, else the canonical
/// decomposition from `decompose` when every part is encodable (this is how most accented
/// letters get in: ISO 5426 has the diacritics, not the precomposed letters), else `&#xXXXX;`
/// with an `.unencodable` issue. Diacritics move before their base; U+0360 becomes the double
/// tilde halves 0xDD and 0xDF (U+FE22/U+FE23 likewise, U+FE21 0xDE); the table has no ligature
/// first half, so U+0361 and U+FE20 are references. Invalid UTF-8 becomes `&#xFFFD;` with an
/// `.invalidUTF8` issue. The references stay text for an ISO 5426 reader: ISO 5426 has no
/// lossless rule of its own.
public struct ISO5426Encoder: Sendable {
    private let decompose: (@Sendable (UInt32) -> [UInt32]?)?

    /// - Parameter decompose: the canonical decomposition of a scalar (nil when it has none).
    public init(decompose: (@Sendable (UInt32) -> [UInt32]?)? = nil) {
        self.decompose = decompose
    }

    /// Appends the ISO 5426 form of `input` to `output`; problems go to `issues`, with offsets
    /// relative to the start of `input`.
    public func encode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], issues: inout [CharsetIssue]) {
        var run = MARC8EncodeRun(input: input, scheme: .iso5426, decompose: decompose)
        run.encode(into: &output, issues: &issues)
    }
}
