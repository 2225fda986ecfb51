/// A master-file record's leader, as stored.
public struct ISISLeader: Sendable, Hashable {
    public var mfn: Int
    /// MFRL as stored: negative while the record is locked for editing (CISIS multi-user).
    public var storedLength: Int
    /// MFBWB/MFBWP: the previous version while an index update is pending, else 0.
    public var previousBlock: Int
    public var previousOffset: Int
    /// Where the field data starts, from the record start.
    public var base: Int
    /// Number of directory entries (NVF).
    public var fieldCount: Int
    /// 0 active, 1 logically deleted.
    public var status: Int

    public var isLocked: Bool { storedLength < 0 }
    /// The record's length in bytes (the lock sign removed, as CISIS `recread` does).
    public var length: Int { abs(storedLength) }

    init(_ p: UnsafeRawBufferPointer, layout: ISISLayout, integers n: ISISIntegers) {
        mfn = Int(n.i32(p, 0))
        storedLength = layout.isFFI ? Int(n.i32(p, 4)) : Int(n.i16(p, 4))
        previousBlock = Int(n.i32(p, layout.mfbwbOffset))
        previousOffset = Int(n.u16(p, layout.mfbwpOffset))
        base = layout.isFFI ? Int(n.u32(p, layout.baseOffset)) : Int(n.u16(p, layout.baseOffset))
        fieldCount = Int(n.u16(p, layout.nvfOffset))
        status = Int(n.u16(p, layout.statusOffset))
    }
}

/// One directory entry: the tag and where the occurrence lies after BASE.
struct ISISDirectoryEntry {
    var tag: Int
    var position: Int
    var length: Int

    @inline(__always)
    init(tag: Int, position: Int, length: Int) {
        self.tag = tag
        self.position = position
        self.length = length
    }

    @inline(__always)
    init(_ p: UnsafeRawBufferPointer, at offset: Int, layout: ISISLayout, integers n: ISISIntegers) {
        tag = Int(n.u16(p, offset))
        if layout.isFFI {
            position = Int(n.u32(p, offset + layout.entryPositionOffset))
            length = Int(n.u32(p, offset + layout.entryLengthOffset))
        } else {
            position = Int(n.u16(p, offset + layout.entryPositionOffset))
            length = Int(n.u16(p, offset + layout.entryLengthOffset))
        }
    }
}

extension ISISLayout {
    /// How well a record's bytes fit this layout, for detection: `nil` when they cannot be one
    /// (MFN, BASE = leader + NVF × entry, every field inside the record), else a tie-break score
    /// counting fields that follow each other without a gap, as ISIS writes them.
    func fit(_ p: UnsafeRawBufferPointer, mfn: Int, order: ISISByteOrder) -> Int? {
        guard p.count >= leaderSize else { return nil }
        let n = ISISIntegers(order: order)
        let leader = ISISLeader(p, layout: self, integers: n)
        guard leader.mfn == mfn, leader.base == leaderSize + leader.fieldCount * entrySize,
            leader.length >= leader.base, leader.length <= maxRecordLength, p.count >= leader.base
        else { return nil }
        var score = 0
        var previousEnd = 0
        for i in 0..<leader.fieldCount {
            let e = ISISDirectoryEntry(p, at: leaderSize + i * entrySize, layout: self, integers: n)
            guard e.position + e.length <= leader.length - leader.base else { return nil }
            if e.position == previousEnd { score += 1 }
            previousEnd = e.position + e.length
        }
        return score
    }
}
