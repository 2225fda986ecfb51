// Runtime forms of the packed tables in Generated/. The generator writes EACC and the reverse
// mappings as hex text because a 16k-element array literal takes swiftc far longer to check; they
// are parsed here once, on first use (Swift initialises a `static let` lazily and thread-safely).

/// EACC (three-byte MARC-8 CJK) as a two-level table, so a lookup is two loads and no search:
/// the first two bytes pick a row, the third indexes it.
struct MARC8EACCTable: Sendable {
    /// `(b1 - 0x21) * 94 + (b2 - 0x21)` → row number; row 0 is all zero (unmapped).
    private let rowIndex: [UInt16]
    /// 96 slots per row, for third bytes 0x20-0x7F (EACC uses 0x20 as a third byte: 0x212320).
    private let rows: [UInt32]

    static let shared = MARC8EACCTable(packed: MARC8Tables.eaccPacked)

    init(packed: StaticString) {
        var rowIndex = [UInt16](repeating: 0, count: 94 * 94)
        var rows = [UInt32](repeating: 0, count: 96)
        forEachRecord(in: packed, width: 11) { record in
            let code = hexValue(record, 0, 6)
            let scalar = hexValue(record, 6, 5)
            let b1 = Int(code >> 16), b2 = Int(code >> 8 & 0xFF), b3 = Int(code & 0xFF)
            let slot = (b1 - 0x21) * 94 + (b2 - 0x21)
            if rowIndex[slot] == 0 {
                rowIndex[slot] = UInt16(rows.count / 96)
                rows += repeatElement(0, count: 96)
            }
            rows[Int(rowIndex[slot]) * 96 + (b3 - 0x20)] = scalar
        }
        self.rowIndex = rowIndex
        self.rows = rows
    }

    /// The scalar for a code whose bytes have had their high bit stripped, or 0.
    @inline(__always)
    func scalar(_ b1: UInt8, _ b2: UInt8, _ b3: UInt8) -> UInt32 {
        guard (0x21...0x7E).contains(b1), (0x21...0x7E).contains(b2), (0x20...0x7F).contains(b3) else { return 0 }
        let row = rowIndex[(Int(b1) - 0x21) * 94 + (Int(b2) - 0x21)]
        return rows[Int(row) * 96 + Int(b3) - 0x20]
    }
}

/// Unicode → (set, code) for an encoder: scalars sorted, several entries per scalar when several
/// sets carry it, best first (the generator's order of preference).
struct MARC8ReverseTable: Sendable {
    let scalars: [UInt32]
    /// `set << 24 | code`, bit 31 set for a combining mark.
    let values: [UInt32]

    static let marc8 = MARC8ReverseTable(packed: MARC8Tables.reversePacked)
    static let iso5426 = MARC8ReverseTable(packed: ISO5426Tables.reversePacked)

    init(packed: StaticString) {
        var scalars: [UInt32] = []
        var values: [UInt32] = []
        forEachRecord(in: packed, width: 13) { record in
            scalars.append(hexValue(record, 0, 5))
            let combining: UInt32 = record[12] == UInt8(ascii: "c") ? 0x8000_0000 : 0
            values.append(hexValue(record, 5, 1) << 24 | hexValue(record, 6, 6) | combining)
        }
        self.scalars = scalars
        self.values = values
    }

    /// The index of the best entry for `scalar`, or nil; later entries for the same scalar follow.
    func firstIndex(of scalar: UInt32) -> Int? {
        var low = 0
        var high = scalars.count
        while low < high {
            let mid = (low + high) >> 1
            if scalars[mid] < scalar { low = mid + 1 } else { high = mid }
        }
        return low < scalars.count && scalars[low] == scalar ? low : nil
    }
}

/// Calls `body` with each fixed-width record of a packed literal, skipping the line breaks.
private func forEachRecord(in packed: StaticString, width: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    packed.withUTF8Buffer { text in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width) { record in
            var filled = 0
            for byte in text where byte != 0x0A && byte != 0x0D {
                record[filled] = byte
                filled += 1
                if filled == width {
                    body(UnsafeBufferPointer(record))
                    filled = 0
                }
            }
            precondition(filled == 0, "packed table ends inside a record")
        }
    }
}

private func hexValue(_ record: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> UInt32 {
    var value: UInt32 = 0
    for byte in record[start..<start + count] {
        guard let digit = hexDigitValue(byte) else { preconditionFailure("bad hex digit in a packed table") }
        value = value << 4 | digit
    }
    return value
}

@inline(__always)
func hexDigitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 0x30...0x39: UInt32(byte - 0x30)
    case 0x41...0x46: UInt32(byte - 0x41 + 10)
    case 0x61...0x66: UInt32(byte - 0x61 + 10)
    default: nil
    }
}
