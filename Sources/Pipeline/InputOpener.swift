import ISO2709
import MARCText
import MARCXML
public import KatalogIO
public import MARCRecord

/// Why an input could not be turned into a reader: it cannot be opened, its format is unknown, or
/// it is a format this version does not read yet. All of these exit with status 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Opens an input path (`-` for standard input) as a record reader, sniffing the format when asked.
public enum InputOpener {
    /// Formats this version can read.
    public static let readable: Set<RecordFormat> = [.iso2709, .marcxml, .json, .mrk, .isis, .isisISO, .oaiDC]

    public struct Opened {
        public var reader: any RecordReader
        public var format: RecordFormat
    }

    public static func open(
        _ path: String, from requested: RecordFormat?, mode: ReadMode, chunkSize: Int = 1 << 18,
        isis: ISISInputOptions = ISISInputOptions()
    ) throws(InputError) -> Opened {
        var file: FileByteSource
        do {
            file = try FileByteSource(path: path)
        } catch {
            throw InputError(path: path, message: "\(error)")
        }
        let prefix: [UInt8]
        do {
            prefix = try file.readPrefix(FormatSniffer.prefixLength)
        } catch {
            throw InputError(path: path, message: "\(error)")
        }
        let format: RecordFormat
        if let requested {
            format = requested
        } else if let sniffed = FormatSniffer.sniff(prefix, fileName: path == "-" ? nil : path) {
            format = sniffed
        } else if prefix.isEmpty {
            format = .iso2709  // an empty input is an empty file of records, whatever the format
        } else {
            throw InputError(path: path,
                message: "format not recognised (first bytes: \(ASCII.escaped(prefix.prefix(16)))); "
                    + "name it with --from")
        }
        guard readable.contains(format) else {
            throw InputError(path: path,
                message: "\(format.displayName) input is recognised but not supported by this version of katalog "
                    + "(readable: \(readable.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        let source = PrefixedByteSource(prefix: prefix, base: file)
        switch format {
        case .iso2709:
            return Opened(reader: ISO2709Reader(source: source, fileName: path, mode: mode, chunkSize: chunkSize),
                format: format)
        case .marcxml:
            return Opened(reader: MARCXMLReader(source: source, fileName: path, mode: mode), format: format)
        case .json:
            return Opened(reader: MARCJSONReader(source: source, fileName: path, mode: mode), format: format)
        case .mrk:
            return Opened(reader: MRKReader(source: source, fileName: path, mode: mode), format: format)
        case .oaiDC:
            return Opened(reader: DublinCoreMARCReader(source: source, fileName: path, mode: mode), format: format)
        case .isis, .isisISO:
            return Opened(reader: try openISIS(path, format: format, source: source, mode: mode, options: isis),
                format: format)
        }
    }
}
