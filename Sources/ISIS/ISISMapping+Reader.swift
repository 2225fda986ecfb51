import Charsets
public import MARCRecord

/// Reads ISIS records (master file or ISIS ISO export) as MARC 21 records through a profile.
///
/// With no encoding or no profile given, the first records (up to `sampleSize`, held in memory,
/// so standard input works too) are read ahead to decide: the encoding from their bytes and the
/// FDT's (`ISISEncodingGuesser`), the profile `isismarc` when they look like MARC kept in ISIS and
/// `raw` otherwise. Each decision is an info finding.
public struct ISISMARCReader: RecordReader {
    private var source: any ISISRecordReader
    private let fileName: String
    private var findings: FindingQueue
    private let requestedEncoding: ISISEncoding?
    private let requestedProfile: ISISProfile?
    private let fdtBytes: [UInt8]?
    private let sampleSize: Int
    /// Overrides of the guessed profile's 001 prefix and source code.
    private let idPrefix: String?
    private let sourceCode: String?
    private var sample: [ISISRecord] = []
    private var sampleIndex = 0
    private var decided = false
    private var reportedInfo: Set<String> = []
    /// The mapper's buffers, reused from record to record.
    private var scratch = ISISMapper.Scratch()
    /// What was decided (set once the first record has been asked for).
    public private(set) var mapper: ISISMapper?
    public private(set) var encodingGuess: ISISEncodingGuess?
    /// The shipped profile chosen when none was given.
    public private(set) var guessedProfileName: String?

    public init(source: any ISISRecordReader, fileName: String, mode: ReadMode = .lenient,
        encoding: ISISEncoding? = nil, profile: ISISProfile? = nil, fieldDefinitionBytes: [UInt8]? = nil,
        idPrefix: String? = nil, sourceCode: String? = nil, sampleSize: Int = 1000)
    {
        self.idPrefix = idPrefix
        self.sourceCode = sourceCode
        self.source = source
        self.fileName = fileName
        findings = FindingQueue(mode: mode)
        requestedEncoding = encoding
        requestedProfile = profile
        fdtBytes = fieldDefinitionBytes
        self.sampleSize = max(1, sampleSize)
    }

    public var bytesConsumed: Int64 { source.bytesConsumed }
    public var recordsSkipped: Int { source.recordsSkipped }
    /// MFNs by status, when reading a master file (complete at the end).
    public var statusCounts: ISISStatusCounts? { (source as? ISISMasterReader)?.counts }
    /// Whether logically deleted records are read (and written with leader/05 `d`).
    public var includesDeleted: Bool { (source as? ISISMasterReader)?.includeLogicallyDeleted ?? false }
    public var masterFormat: ISISMasterFormat? { (source as? ISISMasterReader)?.file.format }

    public mutating func drainFindings() -> [Finding] {
        var out = source.drainFindings()
        out += findings.drain()
        return out
    }

    /// The next ISIS record as stored, after the encoding and profile are decided.
    public mutating func nextISIS() throws(ReadError) -> ISISRecord? {
        if !decided { try decide() }
        if sampleIndex < sample.count {
            defer {
                sampleIndex += 1
                if sampleIndex == sample.count {
                    sample = []
                    sampleIndex = 0
                }
            }
            return sample[sampleIndex]
        }
        return try source.next()
    }

    /// The next record, mapped, with the ISIS record it came from.
    public mutating func nextMapped() throws(ReadError) -> (isis: ISISRecord, mapped: ISISMapper.Mapped)? {
        guard let record = try nextISIS(), mapper != nil else { return nil }
        // Through the optional in place: binding it to a constant copied the whole mapper (its
        // profile and rule tables) once per record.
        let mapped = mapper!.map(record, scratch: &scratch)
        for var f in mapped.findings {
            // An info finding about a mapping repeats on every record of a database (ABCD's 3008):
            // the first says it, `inspect` counts them all.
            if f.severity == .info {
                let key = "\(f.code)|\(f.tag ?? "")"
                if reportedInfo.contains(key) { continue }
                reportedInfo.insert(key)
                f.action = (f.action.map { $0 + "; " } ?? "") + "not repeated for later records"
            }
            try findings.report(f)
        }
        return (record, mapped)
    }

    public mutating func next() throws(ReadError) -> MARCRecord? {
        try nextMapped()?.mapped.record
    }

    private mutating func decide() throws(ReadError) {
        decided = true
        if requestedEncoding == nil || requestedProfile == nil {
            var guesser = ISISEncodingGuesser()
            if let fdtBytes { guesser.add(fdtBytes) }
            var marcLike = 0
            var fieldBytes = 0
            while sample.count < sampleSize && fieldBytes < 4 << 20, let record = try source.next() {
                sample.append(record)
                for field in record.fields {
                    guesser.add(field.bytes)
                    fieldBytes += field.bytes.count
                }
                if Self.looksLikeMARC(record) { marcLike += 1 }
            }
            if requestedEncoding == nil {
                let guess = guesser.guess()
                encodingGuess = guess
                try findings.report(Finding(.info, .isisEncodingGuessed,
                    "character set guessed from \(sample.count) record(s)\(fdtBytes == nil ? "" : " and the FDT"): "
                        + "\(guess)", action: "read as \(guess.encoding)", file: fileName))
            }
            if requestedProfile == nil {
                let name = !sample.isEmpty && marcLike * 2 >= sample.count ? "isismarc" : "raw"
                try findings.report(Finding(.info, .isisProfileChosen,
                    "\(marcLike) of \(sample.count) sampled record(s) look like MARC kept in ISIS",
                    action: "mapped with profile \(name) (choose another with --profile)", file: fileName))
                guessedProfileName = name
            }
        }
        let encoding = requestedEncoding ?? encodingGuess?.encoding ?? .codePage(.latin1)
        var profile = requestedProfile ?? ISISProfile.shipped(guessedProfileName ?? "raw")!
        if let idPrefix { profile.idPrefix = idPrefix }
        if let sourceCode { profile.source = sourceCode }
        mapper = ISISMapper(profile: profile, decoder: ISISTextDecoder(encoding), fileName: fileName)
    }

    /// A record looks like MARC kept in ISIS when it has a leader field (3005–3019) or a field in
    /// the MARC data range that starts with two indicator characters and a `^`.
    public static func looksLikeMARC(_ record: ISISRecord) -> Bool {
        for field in record.fields {
            if (3005...3019).contains(field.tag) { return true }
            guard (10...999).contains(field.tag) else { continue }
            var it = field.bytes.makeIterator()
            if let a = it.next(), let b = it.next(), let c = it.next(),
                ISISMapper.isIndicator(a), ISISMapper.isIndicator(b), c == UInt8(ascii: "^")
            {
                return true
            }
        }
        return false
    }
}
