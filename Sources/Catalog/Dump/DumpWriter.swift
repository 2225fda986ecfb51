public import ISO2709
import KatalogIO
import MARCText
public import MARCRecord
import MARCXML

/// Writes a catalogue dump: a stream of `DumpEntry` to one file, or to numbered chunks of
/// `chunkSize` records (`DumpChunkNaming`), in ISO 2709, MARCXML or MARC-in-JSON, optionally gzipped.
///
/// - Every file is written under a temporary name in its own folder and renamed when it is complete
///   (`OutputFile`): a failure leaves no partial file under a final name. Chunks completed before a
///   failure stay; they are whole files, and the summary of a failed run is never printed as success.
/// - A deleted cluster (nil record) is written as `DeletedRecord`.
/// - Each MARCXML file is one `<collection>` in the MARC 21 slim namespace; an empty dump is still one
///   file (an empty collection, an empty ISO 2709 or JSON file), so a consumer always finds it.
/// - Nothing is held but the current record: memory stays flat for any catalogue size.
public final class DumpWriter {
    public struct Options: Sendable {
        public var format: DumpFormat
        /// gzip each file (the name is used as given: add `.gz` yourself).
        public var gzip: Bool
        /// Records per file; nil writes one file.
        public var chunkSize: Int?
        /// 003 of deletion records.
        public var unionAgency: String
        /// ISO 2709 records over 99,999 bytes: refused with a finding, or split into linked records.
        public var oversize: OversizePolicy
        /// zlib level, 1–9.
        public var compressionLevel: Int32

        public init(format: DumpFormat, gzip: Bool = false, chunkSize: Int? = nil, unionAgency: String = "KATALOG",
            oversize: OversizePolicy = .refuse, compressionLevel: Int32 = 6)
        {
            self.format = format
            self.gzip = gzip
            self.chunkSize = chunkSize
            self.unionAgency = unionAgency
            self.oversize = oversize
            self.compressionLevel = compressionLevel
        }
    }

    public let path: String
    public let options: Options
    public private(set) var summary = DumpSummary()
    private var chunk: Chunk?
    private var inChunk = 0
    /// Set by a failure or `discard()`: the dump is abandoned and writes no more files.
    private var abandoned = false

    /// `path` `-` writes standard output (not with chunks).
    public init(path: String, options: Options) throws(DumpError) {
        if let size = options.chunkSize {
            guard size >= 1 else { throw DumpError(.usage, path: nil, "chunk size must be at least 1, not \(size)") }
            guard path != "-" else { throw DumpError(.usage, path: nil, "chunks need a file name, not standard output") }
        }
        guard (1...9).contains(options.compressionLevel) else {
            throw DumpError(.usage, path: nil, "compression level must be 1–9, not \(options.compressionLevel)")
        }
        self.path = path
        self.options = options
    }

    /// Writes one cluster. The findings are the record writer's (a character MARCXML cannot carry, a
    /// record too long for ISO 2709), with the cluster id and the dump's record number filled in.
    /// After a throw the writer has discarded its open file and cannot be used again.
    public func write(_ entry: DumpEntry) throws -> [Finding] {
        guard !abandoned else { throw DumpError(.usage, path: path, "the dump was abandoned after a failure") }
        do {
            if chunk == nil || inChunk == options.chunkSize {
                try closeChunk()
                try openChunk()
            }
            let record = entry.record
                ?? DeletedRecord.make(clusterID: entry.clusterID, unionAgency: options.unionAgency)
            var findings = try chunk!.writer.write(record)
            inChunk += 1
            summary.records += 1
            if entry.record == nil { summary.deleted += 1 }
            for i in findings.indices {
                findings[i].file = findings[i].file ?? chunk!.path
                findings[i].recordNumber = findings[i].recordNumber ?? summary.records
                findings[i].controlNumber = findings[i].controlNumber ?? entry.clusterID
                switch findings[i].severity {
                case .error: summary.errors += 1
                case .warning: summary.warnings += 1
                default: break
                }
            }
            return findings
        } catch {
            discard()
            throw error
        }
    }

    /// Closes the last file (an empty dump still gets its one file) and returns what was written.
    @discardableResult
    public func finish() throws -> DumpSummary {
        guard !abandoned else { throw DumpError(.usage, path: path, "the dump was abandoned after a failure") }
        do {
            if chunk == nil && summary.files.isEmpty { try openChunk() }
            try closeChunk()
            return summary
        } catch {
            discard()
            throw error
        }
    }

    /// Abandons the file being written; its final name is left as it was.
    public func discard() {
        abandoned = true
        chunk?.discard()
        chunk = nil
    }

    deinit { discard() }

    /// Writes every entry, handing each finding to `report`, and finishes.
    public static func write(_ entries: some Sequence<DumpEntry>, to path: String, options: Options,
        report: (Finding) -> Void = { _ in }) throws -> DumpSummary
    {
        let writer = try DumpWriter(path: path, options: options)
        for entry in entries {
            for finding in try writer.write(entry) { report(finding) }
        }
        return try writer.finish()
    }

    // MARK: - Files

    private func openChunk() throws {
        let number = summary.files.count + 1
        let target = options.chunkSize == nil ? path : DumpChunkNaming.path(for: path, chunk: number)
        chunk = try Chunk(path: target, options: options)
        inChunk = 0
    }

    private func closeChunk() throws {
        guard let open = chunk else { return }
        chunk = nil
        try open.commit()
        summary.files.append(open.path)
    }
}

/// What one dump run wrote.
public struct DumpSummary: Sendable, Equatable {
    /// The files, in order (one unless the dump was chunked).
    public var files: [String] = []
    /// Records written, deletion records included.
    public var records = 0
    /// Deletion records among them.
    public var deleted = 0
    /// Findings by severity (an error finding means a record was not written, or lost bytes).
    public var errors = 0
    public var warnings = 0

    public init() {}
}

/// One open dump file: its record writer, and the gzip pipe between them when compressing.
private final class Chunk {
    let path: String
    let file: OutputFile
    let gzip: GzipPipe?
    var writer: any RecordWriter
    private var finished = false

    init(path: String, options: DumpWriter.Options) throws(DumpError) {
        self.path = path
        do { file = try OutputFile(path: path) } catch {
            throw DumpError(.io, path: path, "cannot create: \(error)")
        }
        gzip = options.gzip ? try GzipPipe(destination: file, level: options.compressionLevel) : nil
        let sink = gzip?.input ?? file
        switch options.format {
        case .iso2709: writer = ISO2709Writer(output: sink, oversize: options.oversize)
        case .marcxml: writer = MARCXMLWriter(output: sink)
        case .json: writer = MARCJSONWriter(output: sink)
        }
    }

    func commit() throws {
        guard !finished else { return }
        do {
            try writer.finish()
            if let gzip { try gzip.commit() } else { try file.commit() }
            finished = true
        } catch let error as DumpError {
            throw error
        } catch {
            throw DumpError(.io, path: path, "\(error)")
        }
    }

    func discard() {
        guard !finished else { return }
        finished = true
        gzip?.discard()
        file.discard()
    }

    deinit { discard() }
}
