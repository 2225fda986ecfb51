/// What a pass over a buffer learnt about it as UTF-8.
struct UTF8Scan: Sendable, Equatable {
    /// Bytes at or above 0x80.
    var highBytes = 0
    /// Well-formed multibyte sequences.
    var multibyteSequences = 0
    /// Bytes that belong to no well-formed sequence.
    var invalidBytes = 0
    /// Offset of the first invalid byte.
    var firstInvalid: Int?

    var isASCII: Bool { highBytes == 0 }
    var isValid: Bool { invalidBytes == 0 }

    /// Scans `bytes` as UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), with
    /// the normalizer's own decoder, counting what the detector weighs.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        typealias UTF8 = UnicodeNormalizer.UTF8
        var i = UTF8.asciiRun(bytes, from: 0)
        while i < bytes.count {
            highBytes += 1
            let length = UTF8.sequenceLength(bytes, at: i)
            if length > 0 {
                multibyteSequences += 1
                highBytes += length - 1
                i += length
            } else {
                invalidBytes += 1
                if firstInvalid == nil { firstInvalid = i }
                i += 1
            }
            i += UTF8.asciiRun(bytes, from: i)
        }
    }
}
