/// One MFN's entry in the cross-reference file, decoded (isis-format.md §5).
public struct ISISXRFEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The record lives at `offset`.
        case active
        /// Deleted but still readable at `offset`; its leader has STATUS = 1.
        case logicallyDeleted
        /// Deleted and gone (block −1, offset 0).
        case physicallyDeleted
        /// The pointer is 0: this MFN was never written.
        case neverAssigned
        /// The pointer cannot be decoded into a place in the master file.
        case invalid
    }

    public var mfn: Int
    /// The pointer as stored.
    public var pointer: Int32
    public var kind: Kind
    /// 1-based MST block (its absolute value for logically deleted records).
    public var block: Int
    /// Offset of the record inside its block.
    public var blockOffset: Int
    /// Not yet in the inverted file (index state only; the data is valid either way).
    public var isNew: Bool
    /// An inverted-file update is pending (index state only).
    public var isPending: Bool

    /// Where the record starts in the master file.
    public var fileOffset: Int64 { Int64(block - 1) * 512 + Int64(blockOffset) }

    /// Decodes a pointer as CISIS `recxref` does, with the MSTXL shift `s`.
    public init(mfn: Int, pointer: Int32, shift s: Int) {
        self.mfn = mfn
        self.pointer = pointer
        let a = Int(pointer.magnitude)
        // A shift over 11 (only from damage: MSTXL is 0–6) leaves no block number at all.
        let unit = 2048 >> s
        guard unit > 0 else {
            (block, blockOffset, isNew, isPending, kind) = (0, 0, false, false, pointer == 0 ? .neverAssigned : .invalid)
            return
        }
        let signedBlock = Int(pointer) / unit  // truncates toward zero and keeps the sign, as C does
        blockOffset = (a & (0x1FF >> s)) << s
        isNew = a & (0x400 >> s) != 0
        isPending = a & (0x200 >> s) != 0
        block = abs(signedBlock)
        if pointer == 0 {
            kind = .neverAssigned
        } else if signedBlock > 0 {
            kind = .active
        } else if signedBlock == -1 && blockOffset == 0 {
            kind = .physicallyDeleted
        } else if signedBlock < 0 {
            kind = .logicallyDeleted
        } else {
            kind = .invalid  // block 0 with flags or an offset: points into nothing
        }
    }
}
