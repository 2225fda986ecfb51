/// The byte order of a master file's integers. ISIS files don't record it: it is the writing
/// machine's (DOS, WinISIS and Linux/x86 CISIS little-endian; CISIS on HP-UX, Sun, MPE big-endian).
public enum ISISByteOrder: String, Sendable, Hashable, CaseIterable, Codable {
    case little
    case big
}

/// The four record leader and directory layouts CISIS writes: it dumps its C structs as they are,
/// so the layout follows the build flags (`PACKED`, `CIFFI`) of whatever program wrote the file.
public enum ISISLayout: String, Sendable, Hashable, CaseIterable, Codable {
    /// 18-byte leader, 6-byte entries: DOS ISIS, WinISIS, CISIS on Windows.
    case isis18
    /// 20-byte leader (2 pad bytes after MFRL), 6-byte entries: CISIS on Unix.
    case isis20
    /// 22-byte leader with 32-bit MFRL/BASE, 10-byte entries: CISIS FFI on Windows.
    case ffi22
    /// 24-byte leader (2 pad bytes after MFBWP), 12-byte entries (2 pad bytes after TAG): CISIS FFI on Unix.
    case ffi24

    public var leaderSize: Int {
        switch self {
        case .isis18: 18
        case .isis20: 20
        case .ffi22: 22
        case .ffi24: 24
        }
    }

    public var entrySize: Int {
        switch self {
        case .isis18, .isis20: 6
        case .ffi22: 10
        case .ffi24: 12
        }
    }

    /// FFI ("fat field") layouts hold MFRL, BASE, POS and LEN in 32 bits.
    public var isFFI: Bool { self == .ffi22 || self == .ffi24 }

    /// The largest record the layout can describe: MFRL is a signed 16-bit number outside FFI
    /// (its sign is the lock flag); FFI builds allow 1 MiB, G4 builds 4 MiB.
    public var maxRecordLength: Int { isFFI ? 4 << 20 : 32_767 }

    // Offsets inside the leader (see isis-format.md §3).
    var mfbwbOffset: Int { self == .isis18 ? 6 : 8 }
    var mfbwpOffset: Int { self == .isis18 ? 10 : 12 }
    var baseOffset: Int {
        switch self {
        case .isis18: 12
        case .isis20, .ffi22: 14
        case .ffi24: 16
        }
    }
    var nvfOffset: Int { baseOffset + (isFFI ? 4 : 2) }
    var statusOffset: Int { nvfOffset + 2 }

    // Offsets inside a directory entry.
    var entryPositionOffset: Int { self == .ffi24 ? 4 : 2 }
    var entryLengthOffset: Int {
        switch self {
        case .isis18, .isis20: 4
        case .ffi22: 6
        case .ffi24: 8
        }
    }
}

/// What detection (or the caller's overrides) decided about a master file.
public struct ISISMasterFormat: Sendable, Hashable, Codable, CustomStringConvertible {
    public var layout: ISISLayout
    public var byteOrder: ISISByteOrder
    /// MSTXL: XRF offsets are stored shifted right by this many bits, and records start on
    /// 2^shift-byte boundaries. 0 to 6.
    public var shift: Int

    public init(layout: ISISLayout, byteOrder: ISISByteOrder, shift: Int) {
        self.layout = layout
        self.byteOrder = byteOrder
        self.shift = shift
    }

    public var description: String { "\(layout.rawValue)/\(byteOrder == .little ? "LE" : "BE")/shift \(shift)" }
}

/// Loads integers in a file's byte order from raw bytes; bounds are the caller's business.
struct ISISIntegers {
    let order: ISISByteOrder

    @inline(__always) func u16(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt16 {
        let v = p.loadUnaligned(fromByteOffset: at, as: UInt16.self)
        return order == .little ? UInt16(littleEndian: v) : UInt16(bigEndian: v)
    }

    @inline(__always) func i16(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int16 { Int16(bitPattern: u16(p, at)) }

    @inline(__always) func u32(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        let v = p.loadUnaligned(fromByteOffset: at, as: UInt32.self)
        return order == .little ? UInt32(littleEndian: v) : UInt32(bigEndian: v)
    }

    @inline(__always) func i32(_ p: UnsafeRawBufferPointer, _ at: Int) -> Int32 { Int32(bitPattern: u32(p, at)) }
}
