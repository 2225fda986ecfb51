/// Unicode normalization of one field's content that never reaches across the structure: a
/// subfield value starting with a combining mark must not compose with the subfield code before
/// it (NFC would turn `$a` + U+0301 into `$á`), so when a field is not already in the form asked
/// for, each subfield value is normalized on its own, and indicators and codes are kept as bytes.
package enum FieldNormalizer {
    /// The normalized content, or nil when the content is already in `form` (or `form` is `keep`).
    package static func normalize(
        _ content: UnsafeBufferPointer<UInt8>, form: UnicodeForm, dataField: Bool, indicatorCount: Int
    ) -> [UInt8]? {
        if form == .keep || isInForm(content, form) { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(content.count + 8)
        guard dataField else {
            append(content, form: form, to: &out)
            return out.elementsEqual(content) ? nil : out
        }
        let n = content.count
        var i = min(indicatorCount, n)
        out.append(contentsOf: content[0..<i])
        while i < n {
            // A run of value bytes up to the next delimiter.
            var end = i
            while end < n && content[end] != 0x1F { end += 1 }
            append(UnsafeBufferPointer(rebasing: content[i..<end]), form: form, to: &out)
            if end < n {
                out.append(0x1F)
                if end + 1 < n {
                    out.append(content[end + 1])  // the subfield code
                    i = end + 2
                } else {
                    i = end + 1
                }
            } else {
                i = end
            }
        }
        return out.elementsEqual(content) ? nil : out
    }

    static func isInForm(_ bytes: UnsafeBufferPointer<UInt8>, _ form: UnicodeForm) -> Bool {
        switch form {
        case .nfc: UnicodeNormalizer.isNFC(bytes)
        case .nfd: UnicodeNormalizer.isNormalized(bytes, .nfd)
        case .keep: true
        }
    }

    static func append(_ bytes: UnsafeBufferPointer<UInt8>, form: UnicodeForm, to out: inout [UInt8]) {
        if bytes.isEmpty { return }
        if isInForm(bytes, form) {
            out.append(contentsOf: bytes)
            return
        }
        switch form {
        case .nfc: UnicodeNormalizer.nfc(bytes, into: &out)
        case .nfd: UnicodeNormalizer.nfd(bytes, into: &out)
        case .keep: out.append(contentsOf: bytes)
        }
    }
}
