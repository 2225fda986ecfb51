public import MARCRecord

/// Turns a record in whatever character set it really uses into UTF-8 (NFC unless told otherwise),
/// or into MARC-8 for the systems that still need it, field by field, reporting every byte it
/// could not map.
///
/// Leader/09 is set to say what the output is: `a` for UTF-8, blank for MARC-8. With
/// `InputEncoding.auto` every record is judged on its own bytes (`EncodingDetector`), and a record
/// whose leader says otherwise is reported.
///
/// Records that need nothing (ASCII, or UTF-8 already in the requested form) are left untouched
/// but for leader/09, so the common case costs one scan of the record's bytes.
public struct RecordTranscoder: Sendable {
    public let input: InputEncoding
    public let output: OutputEncoding
    public let form: UnicodeForm

    let marc8 = MARC8Decoder()
    let iso5426 = ISO5426Decoder()
    let marc8Encoder = MARC8Encoder(decompose: { UnicodeNormalizer.canonicalDecomposition(of: $0) })
    let windows1252: CodePageCodec
    let windows1251: CodePageCodec
    let cp866: CodePageCodec
    let codePage: CodePageCodec?

    public init(input: InputEncoding = .auto, output: OutputEncoding = .utf8, form: UnicodeForm = .nfc) {
        self.input = input
        self.output = output
        self.form = form
        windows1252 = CodePageCodec(.cp1252)
        windows1251 = CodePageCodec(.cp1251)
        cp866 = CodePageCodec(.cp866)
        if case .codePage(let page) = input { codePage = CodePageCodec(page) } else { codePage = nil }
    }

    /// What a record's bytes are taken to be.
    enum Source: Equatable {
        case ascii, utf8, marc8, iso5426
        /// A code page the detector found (CP1252, CP1251, CP866) or the one `--encoding` named.
        case codePage(CodePage)

        var isLegacy: Bool { self != .ascii && self != .utf8 }
    }

    /// Transcodes `record` in place. Findings carry the tag and the offset in the record as read;
    /// the caller adds the file, the record number and the control number.
    public func transcode(_ record: inout MARCRecord) -> [Finding] {
        var findings: [Finding] = []
        let (source, knownValid) = resolve(record, findings: &findings)
        if source != .ascii || output == .marc8 {
            var replacements: [(index: Int, bytes: [UInt8])] = []
            let indicatorCount = record.indicatorCount
            record.storage.withUnsafeBufferPointer { all in
                for (index, entry) in record.entries.enumerated() {
                    let content = UnsafeBufferPointer(rebasing: all[entry.range])
                    if let bytes = transcodeField(content, tag: entry.tag, start: Int(entry.start), source: source,
                        indicatorCount: indicatorCount, knownValid: knownValid, findings: &findings)
                    {
                        replacements.append((index, bytes))
                    }
                }
            }
            if !replacements.isEmpty { record.replaceContents(replacements) }
        }
        record.setLeaderByte(output == .marc8 ? UInt8(ascii: " ") : UInt8(ascii: "a"), at: 9)
        return findings
    }

    /// Decides what the record's bytes are, and reports a leader that says otherwise.
    /// Also says whether the whole record is known to be well-formed UTF-8 (no need to check
    /// each field again).
    func resolve(_ record: MARCRecord, findings: inout [Finding]) -> (Source, knownValid: Bool) {
        switch input {
        case .utf8: return (.utf8, false)
        case .marc8: return (.marc8, false)
        case .iso5426: return (.iso5426, false)
        case .codePage(let page): return (.codePage(page), false)
        case .auto: break
        }
        let verdict = EncodingDetector.detect(record)
        let source: Source = switch verdict.encoding {
        case .ascii: .ascii
        case .utf8: .utf8
        case .marc8: .marc8
        case .iso5426: .iso5426
        case .windows1252: .codePage(.cp1252)
        case .windows1251: .codePage(.cp1251)
        case .cp866: .codePage(.cp866)
        }
        if verdict.leaderDisagrees && !verdict.unimarc {
            let said = verdict.leaderSaysUTF8 ? "UTF-8 ('a')" : "MARC-8 (blank)"
            findings.append(Finding(.warning, .leaderEncodingMismatch,
                "leader/09 says \(said) but the bytes are \(verdict.encoding.displayName): \(verdict.reason)",
                action: "read as \(verdict.encoding.displayName)", recordOffset: 9, tag: "LDR"))
        }
        return (source, verdict.encoding == .utf8 && verdict.confidence == 1)
    }

    /// The form to normalize to, or nil to leave the bytes as they are.
    func normalizationForm(for source: Source) -> UnicodeForm? {
        if output == .marc8 { return .nfc }  // precomposed letters find their MARC-8 codes first
        switch form {
        case .nfc, .nfd: return form
        case .keep: return source.isLegacy ? .nfc : nil
        }
    }

    /// The new content of one field, or nil when it stays as it is.
    func transcodeField(
        _ content: UnsafeBufferPointer<UInt8>, tag: Tag, start: Int, source: Source, indicatorCount: Int,
        knownValid: Bool = false, findings: inout [Finding]
    ) -> [UInt8]? {
        var issues: [CharsetIssue] = []
        var decoded: [UInt8]?
        let setName: String
        switch source {
        case .ascii:
            setName = "ASCII"
        case .utf8:
            setName = "UTF-8"
            if UnicodeNormalizer.UTF8.asciiRun(content, from: 0) == content.count {
                if output == .utf8 { return nil }
            } else if !knownValid && !UTF8Scan(content).isValid {
                decoded = repairUTF8(content, issues: &issues)
            }
        case .marc8:
            setName = "MARC-8"
            if needsLegacyDecoding(content, references: true) {
                var out: [UInt8] = []
                out.reserveCapacity(content.count + content.count / 2)
                marc8.decode(content, into: &out, issues: &issues)
                decoded = out
            }
        case .iso5426:
            setName = "ISO 5426"
            if needsLegacyDecoding(content, references: false) {
                var out: [UInt8] = []
                iso5426.decode(content, into: &out, issues: &issues)
                decoded = out
            }
        case .codePage(let page):
            let codec = codec(for: page)
            setName = codec.codePage.rawValue
            if needsLegacyDecoding(content, references: false) {
                var out: [UInt8] = []
                codec.decode(content, into: &out, issues: &issues)
                decoded = out
            }
        }
        var result = decoded
        if let form = normalizationForm(for: source) {
            let normalized = (result ?? Array(content)).withUnsafeBufferPointer {
                FieldNormalizer.normalize($0, form: form, dataField: !tag.isControlField, indicatorCount: indicatorCount)
            }
            if let normalized { result = normalized }
        }
        if output == .marc8 {
            var encoded: [UInt8] = []
            encoded.reserveCapacity(content.count + 16)
            var encodeIssues: [CharsetIssue] = []
            if let result {
                result.withUnsafeBufferPointer { marc8Encoder.encode($0, into: &encoded, issues: &encodeIssues) }
            } else {
                marc8Encoder.encode(content, into: &encoded, issues: &encodeIssues)
            }
            findings += encodeIssues.map { $0.finding(tag: tag, fieldStart: start, decoding: "MARC-8") }
            result = encoded.elementsEqual(content) ? nil : encoded
        }
        findings += issues.map { $0.finding(tag: tag, fieldStart: start, decoding: setName) }
        return result
    }

    func codec(for page: CodePage) -> CodePageCodec {
        if let codePage, codePage.codePage == page { return codePage }
        switch page {
        case .cp1251: return windows1251
        case .cp866: return cp866
        case .cp1252: return windows1252
        default: return CodePageCodec(page)
        }
    }

    /// True when a legacy decoder could change these bytes: anything above 0x7F, an escape, or (in
    /// MARC-8) a `&#x` reference. Most fields of most records are plain ASCII.
    func needsLegacyDecoding(_ content: UnsafeBufferPointer<UInt8>, references: Bool) -> Bool {
        let s = ByteScan.summary(content)
        return s.high || s.escape || (references && s.ampersand)
    }

    /// UTF-8 with stray bytes: each byte that is part of no well-formed sequence is read as
    /// Windows-1252 (the usual culprit: a field typed on a Windows PC into a UTF-8 system).
    func repairUTF8(_ content: UnsafeBufferPointer<UInt8>, issues: inout [CharsetIssue]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.count + 8)
        var i = 0
        while i < content.count {
            let b = content[i]
            if b < 0x80 {
                out.append(b)
                i += 1
                continue
            }
            let length = UnicodeNormalizer.UTF8.sequenceLength(content, at: i)
            if length > 0 {
                out.append(contentsOf: content[i..<(i + length)])
                i += length
                continue
            }
            var ignored: [CharsetIssue] = []
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { one in
                one[0] = b
                windows1252.decode(UnsafeBufferPointer(one), into: &out, issues: &ignored)
            }
            issues.append(CharsetIssue(.invalidUTF8, offset: i, bytes: [b], message: "byte is not UTF-8"))
            i += 1
        }
        return out
    }
}

extension EncodingDetector.Verdict.Encoding {
    var displayName: String {
        switch self {
        case .ascii: "ASCII"
        case .utf8: "UTF-8"
        case .marc8: "MARC-8"
        case .iso5426: "ISO 5426"
        case .windows1252: "Windows-1252"
        case .windows1251: "Windows-1251"
        case .cp866: "CP866"
        }
    }
}

extension MARCRecord {
    /// Gives some fields new content, keeping field order; the storage is rebuilt once.
    mutating func replaceContents(_ replacements: [(index: Int, bytes: [UInt8])]) {
        var next = 0
        var newStorage: [UInt8] = []
        newStorage.reserveCapacity(storage.count + storage.count / 4)
        newStorage.append(contentsOf: storage[0..<Leader.length])
        for i in entries.indices {
            let start = newStorage.count
            if next < replacements.count && replacements[next].index == i {
                newStorage.append(contentsOf: replacements[next].bytes)
                next += 1
            } else {
                newStorage.append(contentsOf: storage[entries[i].range])
            }
            entries[i] = FieldEntry(tag: entries[i].tag, start: start, length: newStorage.count - start)
        }
        storage = newStorage
    }
}
