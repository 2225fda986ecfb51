public import MARCRecord

/// Streams the records of a master file in MFN order, through the XRF.
///
/// Deleted records are skipped unless `includeLogicallyDeleted` is set (then they come with
/// `status == .logicallyDeleted`; physically deleted ones are gone). A damaged pointer or record is
/// a finding with MFN and byte offset, and reading goes on with the next MFN; strict mode throws at
/// the first finding above `info`.
public struct ISISMasterReader: ISISRecordReader {
    public let file: ISISMasterFile
    public let includeLogicallyDeleted: Bool
    private var findings: FindingQueue
    /// Findings of the MFN being read, before they are queued (or thrown, in strict mode). Kept
    /// across MFNs so that reading a sound record makes no array.
    private var pending: [Finding] = []
    /// The array the last record was built in: reused for the next one once its holder has let
    /// it go, so reading allocates nothing per record in the steady state.
    private var storage: [UInt8] = []
    private var mfn = 0
    private var started = false
    private var finished = false
    /// MFNs by status so far; complete once `next()` has returned `nil`.
    public private(set) var counts = ISISStatusCounts()

    public init(file: ISISMasterFile, mode: ReadMode = .lenient, includeLogicallyDeleted: Bool = false) {
        self.file = file
        self.includeLogicallyDeleted = includeLogicallyDeleted
        findings = FindingQueue(mode: mode)
    }

    /// Opens `path` and detects its format (see `ISISMasterFile.init`).
    public init(path: String, fileName: String? = nil, mode: ReadMode = .lenient,
        includeLogicallyDeleted: Bool = false, layout: ISISLayout? = nil, byteOrder: ISISByteOrder? = nil,
        shift: Int? = nil) throws(ReadError)
    {
        let file = try ISISMasterFile(path: path, fileName: fileName, layout: layout, byteOrder: byteOrder,
            shift: shift)
        self.init(file: file, mode: mode, includeLogicallyDeleted: includeLogicallyDeleted)
    }

    public var bytesConsumed: Int64 { file.mst.bytesRead }
    public var recordsSkipped: Int { counts.unreadable }

    public mutating func drainFindings() -> [Finding] { findings.drain() }

    public mutating func next() throws(ReadError) -> ISISRecord? {
        if !started {
            started = true
            for f in file.detectionFindings { try findings.report(f) }
        }
        let highest = file.highestMFN
        while mfn < highest {
            mfn += 1
            var lookup = try file.lookup(mfn: mfn, readDeleted: includeLogicallyDeleted, findings: &pending,
                storage: &storage)
            if !pending.isEmpty {
                defer { pending.removeAll(keepingCapacity: true) }
                for f in pending { try findings.report(f) }
            }
            if lookup.entry == nil && lookup.status == .unreadable {
                // The XRF ends here: every later MFN is past it too. One finding covers them all.
                counts.unreadable += highest - mfn + 1
                mfn = highest
                break
            }
            counts.count(lookup.status)
            if let record = lookup.record.take() {  // moved out, not copied
                if lookup.leader?.isLocked == true { counts.locked += 1 }
                return record
            }
        }
        finished = true
        return nil
    }
}
