public import Charsets
public import ISIS
import KatalogIO
import MARCRecord

/// How ISIS input is read and mapped (`--profile`, `--encoding`, `--isis-*`, `--include-deleted`).
public struct ISISInputOptions: Sendable {
    /// A shipped profile name or a path to a TOML file; nil: `isismarc` when the records look like
    /// MARC kept in ISIS, else `raw`.
    public var profile: String?
    /// `--encoding`: `auto` guesses from the bytes; MARC-8 and ISO 5426 are refused.
    public var inputEncoding: InputEncoding
    public var layout: ISISLayout?
    public var byteOrder: ISISByteOrder?
    /// Emit logically deleted records, with leader/05 = `d`.
    public var includeDeleted: Bool
    /// Override the profile's 001 prefix and source code.
    public var idPrefix: String?
    public var source: String?

    public init(profile: String? = nil, inputEncoding: InputEncoding = .auto, layout: ISISLayout? = nil,
        byteOrder: ISISByteOrder? = nil, includeDeleted: Bool = false, idPrefix: String? = nil, source: String? = nil)
    {
        self.profile = profile
        self.inputEncoding = inputEncoding
        self.layout = layout
        self.byteOrder = byteOrder
        self.includeDeleted = includeDeleted
        self.idPrefix = idPrefix
        self.source = source
    }

    /// `--encoding` as ISIS understands it: `auto` guesses, MARC-8 and ISO 5426 are no ISIS
    /// character sets.
    public static func encoding(_ input: InputEncoding) throws(InputError) -> ISISEncoding? {
        switch input {
        case .auto: return nil
        case .utf8: return .utf8
        case .codePage(let page): return .codePage(page)
        case .marc8, .iso5426:
            throw InputError(path: "--encoding", message: "\(input) is not a character set ISIS databases use "
                + "(use auto, utf8 or a code page: cp850, cp437, cp852, cp1252, latin1, …)")
        }
    }

    /// The profile named, read, and given the overrides; nil when it is to be guessed.
    public func resolvedProfile() throws(InputError) -> ISISProfile? {
        var profile: ISISProfile?
        if let name = self.profile {
            if let shipped = ISISProfile.shipped(name) {
                profile = shipped
            } else {
                guard let bytes = try? readWholeFile(name) else {
                    throw InputError(path: name, message: "--profile: not a shipped profile ("
                        + ISISProfile.shippedNames.joined(separator: ", ") + ") and no file by that name")
                }
                do {
                    profile = try ISISProfile(toml: String(decoding: bytes, as: UTF8.self), source: name)
                } catch {
                    throw InputError(path: name, message: "\(error)")
                }
            }
        }
        guard var p = profile else { return nil }
        if let idPrefix { p.idPrefix = idPrefix }
        if let source { p.source = source }
        return p
    }
}

/// Reads a small file whole (profiles, FDTs).
func readWholeFile(_ path: String) throws -> [UInt8] {
    let file = try FileByteSource(path: path)
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = try chunk.withUnsafeMutableBytes { try file.read(into: $0) }
        if n == 0 { return out }
        out += chunk[0..<n]
        if out.count > 16 << 20 { return out }  // no profile or FDT is this big; stop reading
    }
}

extension InputOpener {
    /// An ISIS master file or ISIS ISO export, read as MARC 21 through a profile.
    static func openISIS(_ path: String, format: RecordFormat, source: PrefixedByteSource<FileByteSource>?,
        mode: ReadMode, options: ISISInputOptions) throws(InputError) -> ISISMARCReader
    {
        let profile = try options.resolvedProfile()
        _ = try ISISInputOptions.encoding(options.inputEncoding)  // refuse MARC-8 before opening anything
        var fdt: [UInt8]?
        let reader: any ISISRecordReader
        switch format {
        case .isis:
            guard path != "-" else {
                throw InputError(path: path, message: "an ISIS master file cannot be read from standard input "
                    + "(records are found through its .xrf); name the .mst file")
            }
            do {
                reader = try ISISMasterReader(path: path, mode: mode, includeLogicallyDeleted: options.includeDeleted,
                    layout: options.layout, byteOrder: options.byteOrder)
            } catch {
                throw InputError(path: path, message: error.finding.message)
            }
            fdt = ISISFieldUsage.siblingPath(of: path, extension: "fdt").flatMap { try? readWholeFile($0) }
        default:
            guard let source else { throw InputError(path: path, message: "no input") }
            reader = ISISISOReader(source: source, fileName: path, mode: mode)
        }
        // With no profile named, the reader guesses one and applies the overrides to it.
        return ISISMARCReader(source: reader, fileName: path, mode: mode,
            encoding: try ISISInputOptions.encoding(options.inputEncoding),
            profile: profile, fieldDefinitionBytes: fdt, idPrefix: options.idPrefix, sourceCode: options.source)
    }
}
