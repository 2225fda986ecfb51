#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KatalogIO
public import MARCRecord

/// A CDS/ISIS master file (`.mst`) with its cross-reference file (`.xrf`), opened for random access
/// by MFN. Opening detects the byte order, the MSTXL shift and the leader layout (isis-format.md §6)
/// unless the caller overrides them; every record read is checked against the result.
///
/// Records are always found through the XRF, never by scanning the MST: the MST holds superseded
/// copies and junk between records. Nothing is loaded whole; records are read at their offsets.
public final class ISISMasterFile {
    public let path: String
    public let xrfPath: String
    /// The name used in findings (`path` unless the caller gave another).
    public let fileName: String
    public let format: ISISMasterFormat
    public let control: ISISControlRecord
    /// What detection found worth saying (an ambiguous layout, a shift that disagrees with the
    /// control record, an override); readers report these first.
    public let detectionFindings: [Finding]

    let mst: RandomAccessFile
    let xrf: RandomAccessFile
    private let decoder: ISISRecordDecoder
    private let integers: ISISIntegers
    /// XRF blocks whose XRFPOS has been checked (one flag per block; the XRF is small).
    /// Unchecked exclusivity: it is read for every MFN, and the dynamic check cost more than the
    /// rest of the look-up; the class is not `Sendable` and no access to it overlaps another.
    @exclusivity(unchecked) private var checkedXRFBlocks: [Bool] = []

    /// Opens `path` (the `.mst`) and the `.xrf` beside it, whatever the letter case of its name.
    /// `layout`, `byteOrder` and `shift` override detection for a file that defeats it.
    public init(path: String, fileName: String? = nil, layout: ISISLayout? = nil, byteOrder: ISISByteOrder? = nil,
        shift: Int? = nil) throws(ReadError)
    {
        self.path = path
        let name = fileName ?? path
        self.fileName = name
        guard let xrfPath = Self.crossReferencePath(for: path) else {
            throw ReadError(.unreadable, Finding(.error, .isisNoCrossReference,
                "no .xrf file beside the master file: records can only be found through it",
                action: "input abandoned", file: name))
        }
        self.xrfPath = xrfPath
        do {
            mst = try RandomAccessFile(path: path)
            xrf = try RandomAccessFile(path: xrfPath, windowSize: 64 << 10)
        } catch {
            throw .readFailure(error, file: name, offset: 0)
        }
        let detected = try Self.detect(mst: mst, xrf: xrf, fileName: name, xrfName: xrfPath,
            overrides: (layout, byteOrder, shift))
        format = detected.format
        control = detected.control
        detectionFindings = detected.findings
        integers = ISISIntegers(order: detected.format.byteOrder)
        decoder = ISISRecordDecoder(format: detected.format, fileName: name)
    }

    public var masterFileSize: Int64 { mst.size }

    /// The highest MFN the control record says exists (deleted ones included).
    public var highestMFN: Int { control.highestMFN }

    /// How many MFNs the XRF has room for (127 per 512-byte block).
    public var crossReferenceCapacity: Int { Int(xrf.size / 512) * 127 + max(0, Int(xrf.size % 512) / 4 - 1) }

    /// The `.xrf` beside `mstPath`: same name, extension `xrf` in any letter case.
    static func crossReferencePath(for mstPath: String) -> String? {
        let slash = mstPath.lastIndex(of: "/")
        let dir = slash.map { String(mstPath[...$0]) } ?? ""
        let name = slash.map { String(mstPath[mstPath.index(after: $0)...]) } ?? mstPath
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        let wanted = (stem + ".xrf").lowercased()
        guard let handle = opendir(dir.isEmpty ? "." : dir) else { return nil }
        defer { closedir(handle) }
        var found: String?
        while let entry = readdir(handle) {
            let candidate = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if candidate == stem + ".xrf" { return dir + candidate }  // the exact spelling wins
            if candidate.lowercased() == wanted { found = dir + candidate }
        }
        return found
    }

    // MARK: - The XRF

    /// The XRF entry of `mfn`, or `nil` when the XRF ends before it. Checks the block's XRFPOS the
    /// first time the block is met; a mismatch is returned as a finding.
    public func entry(mfn: Int) throws(ReadError) -> (entry: ISISXRFEntry, findings: [Finding])? {
        var findings: [Finding] = []
        guard let entry = try entry(mfn: mfn, findings: &findings) else { return nil }
        return (entry, findings)
    }

    /// `entry(mfn:)` with its findings appended to `findings`: the reader's path, which so makes
    /// no array per MFN.
    func entry(mfn: Int, findings: inout [Finding]) throws(ReadError) -> ISISXRFEntry? {
        guard mfn >= 1 else { return nil }
        let blockIndex = (mfn - 1) / 127
        let offset = Int64(4 * (mfn + blockIndex))
        let raw: (header: Int32?, pointer: Int32?)
        do {
            raw = try xrf.withBytes(at: Int64(blockIndex) * 512, count: 512) { [integers] p in
                let slot = Int(offset) - blockIndex * 512
                return (p.count >= 4 ? integers.i32(p, 0) : nil, p.count >= slot + 4 ? integers.i32(p, slot) : nil)
            }
        } catch {
            throw .readFailure(error, file: xrfPath, offset: offset)
        }
        guard let pointer = raw.pointer else { return nil }
        if checkedXRFBlocks.count <= blockIndex {
            checkedXRFBlocks.append(contentsOf: repeatElement(false, count: blockIndex + 1 - checkedXRFBlocks.count))
        }
        if let header = raw.header, !checkedXRFBlocks[blockIndex] {
            checkedXRFBlocks[blockIndex] = true
            if Int(header.magnitude) != blockIndex + 1 {
                findings.append(Finding(.warning, .isisBadXRFBlock,
                    "XRF block \(blockIndex + 1) starts with XRFPOS \(header), not ±\(blockIndex + 1)",
                    action: "its pointers read anyway; each is checked against its record", file: xrfPath,
                    recordNumber: mfn, streamOffset: Int64(blockIndex) * 512))
            }
        }
        return ISISXRFEntry(mfn: mfn, pointer: pointer, shift: format.shift)
    }

    // MARK: - Records

    /// What is known about one MFN after looking it up.
    public struct Lookup: Sendable {
        public var status: ISISMFNStatus
        public var entry: ISISXRFEntry?
        public var leader: ISISLeader?
        /// The record, when it could be read (for a logically deleted MFN only if asked for).
        public var record: ISISRecord?
        public var findings: [Finding] = []
    }

    /// Looks `mfn` up through the XRF and reads its record. Logically deleted records are read only
    /// when `readDeleted` is set. Problems with the data come back as findings, never as errors;
    /// only an I/O failure throws.
    public func lookup(mfn: Int, readDeleted: Bool = false) throws(ReadError) -> Lookup {
        var findings: [Finding] = []
        var storage: [UInt8] = []
        var out = try lookup(mfn: mfn, readDeleted: readDeleted, findings: &findings, storage: &storage)
        out.findings = findings
        return out
    }

    /// `lookup(mfn:readDeleted:)` with its findings appended to `findings` (the returned
    /// `Lookup` has none): the reader's path. It copies the record's field area out of the read
    /// window once and moves it into the record, with no other allocation on a sound record.
    /// `storage` is the array the last record was built in, reused once that record is gone.
    func lookup(mfn: Int, readDeleted: Bool, findings: inout [Finding], storage: inout [UInt8]) throws(ReadError)
        -> Lookup
    {
        guard let entry = try entry(mfn: mfn, findings: &findings) else {
            findings.append(Finding(.error, .isisXRFTooShort,
                "MFN \(mfn) is below the control record's next MFN \(control.nextMFN) but past the end of the XRF",
                action: "record skipped", file: xrfPath, recordNumber: mfn, streamOffset: xrf.size))
            return Lookup(status: .unreadable)
        }
        func badPointer(_ why: String, findings: inout [Finding]) -> Lookup {
            findings.append(Finding(.error, .isisBadPointer,
                "XRF pointer 0x\(String(UInt32(bitPattern: entry.pointer), radix: 16)) \(why)",
                action: "record skipped", file: xrfPath, recordNumber: mfn,
                streamOffset: Int64(4 * (mfn + (mfn - 1) / 127))))
            return Lookup(status: .unreadable, entry: entry)
        }
        switch entry.kind {
        case .neverAssigned: return Lookup(status: .neverAssigned, entry: entry)
        case .physicallyDeleted: return Lookup(status: .physicallyDeleted, entry: entry)
        case .invalid: return badPointer("has block 0 and a non-zero offset or flags", findings: &findings)
        case .logicallyDeleted where !readDeleted: return Lookup(status: .logicallyDeleted, entry: entry)
        case .active, .logicallyDeleted: break
        }
        let at = entry.fileOffset
        let layout = format.layout
        if at < ISISControlRecord.firstRecordOffset {
            return badPointer("points to block \(entry.block) offset \(entry.blockOffset), inside the control record",
                findings: &findings)
        }
        if at + Int64(layout.leaderSize) > mst.size {
            return badPointer("points to byte \(at), past the end of the \(mst.size)-byte master file",
                findings: &findings)
        }
        // Decoded into locals so that the fields move into the record uncopied.
        let leader: ISISLeader?
        let fields: ISISRecord.Fields?
        do {
            // The leader is read once: its length says how many bytes to fetch, and the decoder
            // takes it as it is.
            let stored = try mst.withBytes(at: at, count: layout.leaderSize) { [integers] p in
                ISISLeader(p, layout: layout, integers: integers)
            }
            let wanted = min(max(stored.length, layout.leaderSize), layout.maxRecordLength)
            (leader, fields) = try mst.withBytes(at: at, count: wanted) { p in
                decoder.decode(p, leader: stored, mfn: mfn, fileOffset: at, findings: &findings, storage: &storage)
            }
        } catch {
            throw .readFailure(error, file: fileName, offset: at)
        }
        guard let fields, let leader else { return Lookup(status: .unreadable, entry: entry, leader: leader) }
        let deleted = entry.kind == .logicallyDeleted || leader.status == 1
        if leader.status > 1 {
            findings.append(Finding(.warning, .isisStatusMismatch,
                "record STATUS is \(leader.status) (0 active, 1 deleted)",
                action: "status taken from the XRF", file: fileName, recordNumber: mfn,
                streamOffset: at + Int64(layout.statusOffset), recordOffset: layout.statusOffset))
        } else if (entry.kind == .logicallyDeleted) != (leader.status == 1) {
            findings.append(Finding(.info, .isisStatusMismatch,
                entry.kind == .logicallyDeleted
                    ? "the XRF marks the record deleted but its leader STATUS is 0"
                    : "the record's leader STATUS is 1 (deleted) but its XRF pointer is not negative",
                action: "treated as logically deleted", file: fileName, recordNumber: mfn,
                streamOffset: at + Int64(layout.statusOffset), recordOffset: layout.statusOffset))
        }
        let status: ISISRecord.Status = deleted ? .logicallyDeleted : .active
        guard !deleted || readDeleted else { return Lookup(status: .logicallyDeleted, entry: entry, leader: leader) }
        return Lookup(status: deleted ? .logicallyDeleted : .active, entry: entry, leader: leader,
            record: ISISRecord(mfn: mfn, status: status, fields: fields))
    }
}
