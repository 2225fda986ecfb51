/// Bytes handed over by a source and not yet consumed, with their place in the stream (sans-IO: the buffer
/// never reads; a reader appends what its source gives).
///
/// Consumed bytes are dropped only when new ones are appended, so index ranges taken from `bytes` stay valid
/// until the next `append`.
struct ChunkBuffer {
    private(set) var bytes: [UInt8] = []
    /// Index of the first byte not yet consumed.
    var readIndex = 0
    /// Stream offset of `bytes[0]`.
    private(set) var baseOffset: Int64 = 0

    var count: Int { bytes.count }

    /// Stream offset of the byte at `index`.
    @inline(__always)
    func offset(_ index: Int) -> Int64 { baseOffset + Int64(index) }

    var consumedOffset: Int64 { offset(readIndex) }

    /// Drops consumed bytes when that is worth a move, then lets `fill` write up to `count` bytes after the
    /// rest. Returns how many bytes `fill` wrote and by how much indices into `bytes` moved down.
    mutating func append(upTo count: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int)
        throws -> (appended: Int, shift: Int)
    {
        var shift = 0
        if readIndex > 0 && (readIndex >= bytes.count / 2 || bytes.count + count > bytes.capacity) {
            shift = readIndex
            bytes.removeSubrange(0..<readIndex)
            baseOffset += Int64(readIndex)
            readIndex = 0
        }
        let old = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        let n: Int
        do {
            n = try bytes.withUnsafeMutableBytes { (raw) throws -> Int in
                try fill(UnsafeMutableRawBufferPointer(rebasing: raw[old..<(old + count)]))
            }
        } catch {
            bytes.removeLast(count)
            throw error
        }
        bytes.removeLast(count - n)
        return (n, shift)
    }
}
