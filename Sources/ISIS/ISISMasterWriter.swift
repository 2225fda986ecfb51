/// Builds master files (MST + XRF bytes) in any layout, byte order and MSTXL shift, for tests and
/// benchmarks only: it writes what real databases contain — locked records, logical and physical
/// deletes, superseded copies and junk between records, records straddling blocks, stale padding —
/// so the reader can be checked against known contents. It keeps no inverted file and is not a
/// database updater.
package struct ISISMasterWriter {
    package let format: ISISMasterFormat
    /// Sets the XRF "new" (not yet inverted) flag on every pointer written.
    package var markNew = false
    /// Sets the "inverted-file update pending" flag on every pointer written.
    package var markPending = false
    private var mst: [UInt8]
    private var pointers: [Int32] = []

    package init(format: ISISMasterFormat) {
        precondition((0...6).contains(format.shift))
        self.format = format
        mst = [UInt8](repeating: 0, count: Int(ISISControlRecord.firstRecordOffset))
    }

    /// Bytes of master file so far.
    package var masterSize: Int { mst.count }

    /// Appends a record and points its MFN at it (an earlier copy stays behind as a superseded one).
    /// A `.logicallyDeleted` record gets STATUS 1 and a negative pointer. `locked` negates MFRL;
    /// `padding` goes after the last field, inside MFRL; `fillerJunk` fills the layout's pad bytes.
    /// Returns where the record starts.
    @discardableResult
    package mutating func append(_ record: ISISRecord, locked: Bool = false, padding: [UInt8] = [],
        fillerJunk: Bool = false) -> Int64
    {
        let layout = format.layout
        let base = layout.leaderSize + record.fields.count * layout.entrySize
        var padding = padding
        // ISIS keeps MFRL even (Biblio::Isis warns otherwise): one more byte of padding if needed.
        if (base + record.fields.reduce(0) { $0 + $1.bytes.count } + padding.count) % 2 == 1 { padding.append(0x20) }
        let length = base + record.fields.reduce(0) { $0 + $1.bytes.count } + padding.count
        precondition(length <= layout.maxRecordLength, "record too long for \(layout)")
        place(prefix: layout.leaderSize - 4)
        let start = mst.count
        let filler: [UInt8] = fillerJunk ? [0x74, 0x64] : [0, 0]  // "td", as seen in cds-ffi-cisis
        put32(Int32(record.mfn))
        let mfrl = locked ? -length : length
        if layout.isFFI { put32(Int32(mfrl)) } else { put16(UInt16(bitPattern: Int16(mfrl))) }
        if layout == .isis20 { mst += filler }
        put32(0)  // MFBWB
        put16(0)  // MFBWP
        if layout == .ffi24 { mst += filler }
        if layout.isFFI { put32(Int32(base)) } else { put16(UInt16(base)) }
        put16(UInt16(record.fields.count))
        put16(record.status == .logicallyDeleted ? 1 : 0)
        var position = 0
        for field in record.fields {
            put16(UInt16(field.tag))
            if layout == .ffi24 { mst += filler }
            if layout.isFFI {
                put32(Int32(position))
                put32(Int32(field.bytes.count))
            } else {
                put16(UInt16(position))
                put16(UInt16(field.bytes.count))
            }
            position += field.bytes.count
        }
        for field in record.fields { mst += field.bytes }
        mst += padding
        setPointer(record.mfn, at: start, deleted: record.status == .logicallyDeleted)
        return Int64(start)
    }

    /// Bytes no pointer leads to (junk, or a torn write), at the current end.
    package mutating func appendJunk(_ bytes: [UInt8]) { mst += bytes }

    /// Marks `mfn` physically deleted: block −1, offset 0.
    package mutating func deletePhysically(mfn: Int) {
        grow(to: mfn)
        pointers[mfn - 1] = -Int32(2048 >> format.shift)
    }

    /// Makes MFNs up to `mfn` exist in the control record; unwritten ones stay never-assigned.
    package mutating func reserve(upTo mfn: Int) { grow(to: mfn) }

    /// Overwrites an MFN's raw XRF pointer (to build damaged files).
    package mutating func setRawPointer(mfn: Int, _ pointer: Int32) {
        grow(to: mfn)
        pointers[mfn - 1] = pointer
    }

    /// The finished files: the MST padded to whole blocks with its control record filled in, and
    /// the XRF with XRFPOS in each block (negative in the last).
    package func files() -> (mst: [UInt8], xrf: [UInt8]) {
        var out = self
        let end = out.mst.count
        let nextBlock = end / 512 + 1
        let nextPosition = end % 512 + 1
        out.mst += [UInt8](repeating: 0, count: (512 - end % 512) % 512)
        var control: [UInt8] = []
        out.swap(into: &control) { w in
            w.put32(0)
            w.put32(Int32(w.pointers.count + 1))
            w.put32(Int32(nextBlock))
            w.put16(UInt16(nextPosition))
            w.put16(UInt16(w.format.shift) << 8)
            w.put32(Int32(w.pointers.count))
        }
        out.mst.replaceSubrange(0..<control.count, with: control)
        var xrf: [UInt8] = []
        let blocks = max(1, (pointers.count + 126) / 127)
        out.swap(into: &xrf) { w in
            for b in 0..<blocks {
                w.put32(Int32(b + 1) * (b == blocks - 1 ? -1 : 1))
                for slot in 0..<127 {
                    let i = b * 127 + slot
                    w.put32(i < w.pointers.count ? w.pointers[i] : 0)
                }
            }
        }
        return (out.mst, xrf)
    }

    // MARK: - Placement and integers

    /// Moves the end to where the next record may start: 2-byte aligned (2^shift with a shift),
    /// and with its never-split prefix inside one block.
    private mutating func place(prefix: Int) {
        let align = max(2, 1 << format.shift)
        var at = (mst.count + align - 1) / align * align
        if at % 512 + prefix > 512 { at = (at / 512 + 1) * 512 }
        mst += [UInt8](repeating: 0, count: at - mst.count)
    }

    private mutating func setPointer(_ mfn: Int, at start: Int, deleted: Bool) {
        grow(to: mfn)
        let s = format.shift
        let block = start / 512 + 1
        var value = block * (2048 >> s) + (start % 512) >> s
        if markNew { value |= 0x400 >> s }
        if markPending { value |= 0x200 >> s }
        pointers[mfn - 1] = Int32(deleted ? -value : value)
    }

    private mutating func grow(to mfn: Int) {
        if pointers.count < mfn { pointers += [Int32](repeating: 0, count: mfn - pointers.count) }
    }

    /// Runs `body` with `mst` temporarily swapped for `buffer`, so the integer writers fill it.
    private mutating func swap(into buffer: inout [UInt8], _ body: (inout ISISMasterWriter) -> Void) {
        Swift.swap(&mst, &buffer)
        body(&self)
        Swift.swap(&mst, &buffer)
    }

    private mutating func put16(_ v: UInt16) {
        let e = format.byteOrder == .little ? v.littleEndian : v.bigEndian
        withUnsafeBytes(of: e) { mst += $0 }
    }

    private mutating func put32(_ v: Int32) {
        let e = format.byteOrder == .little ? v.littleEndian : v.bigEndian
        withUnsafeBytes(of: e) { mst += $0 }
    }
}
