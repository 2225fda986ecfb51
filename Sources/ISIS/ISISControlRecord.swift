/// The control record (MFN 0): the first 32 bytes of a master file.
public struct ISISControlRecord: Sendable, Hashable, Codable {
    /// Always 0.
    public var controlMFN: Int32
    /// The next MFN to assign: `nextMFN − 1` MFNs exist, deleted ones included.
    public var nextMFN: Int32
    /// The last 512-byte block in use (1-based). WinISIS leaves unused blocks after it.
    public var nextBlock: Int32
    /// The next free byte in that block, 1-based.
    public var nextPosition: UInt16
    /// Low byte: 0 user database, 1 system database; high byte: the MSTXL shift (CISIS).
    public var type: UInt16
    /// Statistics; CISIS multi-user keeps database lock counters in `counters[2...3]`.
    public var recordCount: Int32
    public var counters: [Int32]

    public static let size = 32
    /// Where the first record starts.
    public static let firstRecordOffset: Int64 = 64

    public var shift: Int { Int(type >> 8) }
    public var highestMFN: Int { max(0, Int(nextMFN) - 1) }

    init(_ p: UnsafeRawBufferPointer, order: ISISByteOrder) {
        let n = ISISIntegers(order: order)
        controlMFN = n.i32(p, 0)
        nextMFN = n.i32(p, 4)
        nextBlock = n.i32(p, 8)
        nextPosition = n.u16(p, 12)
        type = n.u16(p, 14)
        recordCount = n.i32(p, 16)
        counters = [n.i32(p, 20), n.i32(p, 24), n.i32(p, 28)]
    }

    /// The structural checks that tell the byte order apart (isis-format.md §6): a control MFN of
    /// 0, positive next MFN and block, and a last block inside the file. (Not `nextBlock × 512 ≈ size`:
    /// WinISIS leaves trailing blocks.)
    func isPlausible(fileSize: Int64) -> Bool {
        controlMFN == 0 && nextMFN >= 1 && nextBlock >= 1 && (Int64(nextBlock) - 1) * 512 <= fileSize
    }
}
