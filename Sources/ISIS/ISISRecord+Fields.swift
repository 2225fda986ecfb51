extension ISISRecord {
    /// The fields of a record, in directory order, as a random-access collection of views into
    /// the record's one buffer (nothing is copied). An array literal of `Field`s makes one too.
    ///
    /// The buffer holds the field bytes, then — 4-byte aligned, at its very end — a table of
    /// 12 bytes per field: tag (`Int32`), start and length in the buffer (`UInt32`), in the
    /// machine's byte order. 32 bits are plenty: a record is at most 4 MiB (FFI) and an ISIS tag
    /// at most 65,535. Access is `@inlinable` so that a loop over the fields in another module is
    /// specialised and costs no call and no reference counting per field.
    @frozen
    public struct Fields: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral {
        @usableFromInline package let storage: [UInt8]
        @usableFromInline package let entryCount: Int

        @usableFromInline static var entrySize: Int { 12 }

        /// Builds the buffer: `body` writes `dataCount` bytes of field contents, then appends
        /// exactly `entryCount` entries pointing into them.
        @inline(__always)
        package init(dataCount: Int, entryCount: Int,
            initializingWith body: (_ data: UnsafeMutableRawBufferPointer, _ table: inout Table) -> Void)
        {
            let tableStart = (dataCount + 3) & ~3
            let total = tableStart + entryCount * Self.entrySize
            storage = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                raw[dataCount..<tableStart].initializeMemory(as: UInt8.self, repeating: 0)
                var table = Table(raw: raw, at: tableStart, dataCount: dataCount)
                body(UnsafeMutableRawBufferPointer(rebasing: raw[0..<dataCount]), &table)
                precondition(table.at == total, "the table must get exactly the entries announced")
                initialized = total
            }
            self.entryCount = entryCount
        }

        /// Fields over a copy of `data`, with the entries `body` appends to the table (at most
        /// `entryLimit`), built in `buffer`'s array when nobody else holds it any more (the record
        /// it went into last time has been dropped): a reader handing out one record at a time so
        /// allocates nothing in the steady state. `buffer` keeps a reference to the result for next
        /// time; when it is still shared (the caller kept the record), the first change to it
        /// makes a copy (copy-on-write), so the record handed out earlier never changes.
        @inline(__always)
        package init(reusing buffer: inout [UInt8], data: UnsafeRawBufferPointer, entryLimit: Int,
            tableWith body: (_ table: inout Table) -> Void)
        {
            let dataCount = data.count
            let tableStart = (dataCount + 3) & ~3
            let most = tableStart + entryLimit * Self.entrySize
            // A shared array is copied at its capacity: after a huge record, start afresh rather
            // than give every later record (say, a kept sample) its size.
            if buffer.capacity > Swift.max(4096, 4 * most) { buffer = [] }
            // Sized by trimming or zero-padding what the last record left (no need to clear it:
            // every byte up to the table is written below), then filled in place.
            if buffer.count > most {
                buffer.removeLast(buffer.count - most)
            } else {
                buffer.reserveCapacity(most)
                var zeros = most - buffer.count
                while zeros > 0 {
                    let n = Swift.min(zeros, Self.zeros.count)
                    buffer.append(contentsOf: Self.zeros[0..<n])
                    zeros -= n
                }
            }
            var entries = 0
            buffer.withUnsafeMutableBytes { raw in
                if dataCount > 0 { raw.baseAddress!.copyMemory(from: data.baseAddress!, byteCount: dataCount) }
                for i in dataCount..<tableStart { raw[i] = 0 }  // the padding
                var table = Table(raw: raw, at: tableStart, dataCount: dataCount)
                body(&table)
                entries = (table.at - tableStart) / Self.entrySize
            }
            // The table must end the buffer: drop the room entries left unused.
            if entries < entryLimit { buffer.removeLast((entryLimit - entries) * Self.entrySize) }
            storage = buffer
            entryCount = entries
        }

        private static let zeros = [UInt8](repeating: 0, count: 1024)

        /// Fields whose bytes lie in `data` where `entries` say (an ISO 2709 record's bytes).
        package init(data: some Collection<UInt8>, entries: [ISISFieldEntry]) {
            self.init(dataCount: data.count, entryCount: entries.count) { buffer, table in
                _ = buffer.initializeMemory(as: UInt8.self, fromContentsOf: data)
                for e in entries { table.append(tag: e.tag, start: e.start, length: e.length) }
            }
        }

        public init(_ fields: some Collection<Field>) {
            let dataCount = fields.reduce(0) { $0 + $1.bytes.count }
            self.init(dataCount: dataCount, entryCount: fields.count) { buffer, table in
                var at = 0
                for field in fields {
                    let n = field.bytes.count
                    _ = UnsafeMutableRawBufferPointer(rebasing: buffer[at..<at + n]).initializeMemory(
                        as: UInt8.self, fromContentsOf: field.bytes)
                    table.append(tag: field.tag, start: at, length: n)
                    at += n
                }
            }
        }

        public init(arrayLiteral fields: Field...) {
            self.init(fields)
        }

        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { entryCount }

        @inlinable
        public subscript(position: Int) -> Field {
            // The table is well formed by construction; the index is the caller's, so check it
            // before reading raw memory (the slice below checks its own bounds).
            precondition(position >= 0 && position < entryCount, "field index out of range")
            let at = storage.count - (entryCount - position) * Self.entrySize
            let (tag, start, length) = storage.withUnsafeBytes { raw in
                (raw.loadUnaligned(fromByteOffset: at, as: Int32.self),
                    Int(raw.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)),
                    Int(raw.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self)))
            }
            return Field(tag: Int(tag), bytes: storage[start..<start + length])
        }

        /// One field's tag and where its bytes lie in `storage`, without making a slice.
        @inlinable
        package func entry(_ position: Int) -> (tag: Int, start: Int, length: Int) {
            precondition(position >= 0 && position < entryCount, "field index out of range")
            let at = storage.count - (entryCount - position) * Self.entrySize
            return storage.withUnsafeBytes { raw in
                (Int(raw.loadUnaligned(fromByteOffset: at, as: Int32.self)),
                    Int(raw.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)),
                    Int(raw.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self)))
            }
        }

        /// True when every byte before the table is ASCII: the fields' bytes, and any bytes
        /// between them, so false may be said of a record whose fields are ASCII (never the
        /// reverse). One pass over the record, which the compiler vectorises.
        package var isASCII: Bool {
            storage.withUnsafeBufferPointer { p in
                var high: UInt8 = 0
                for b in p[0..<(p.count - entryCount * Self.entrySize)] { high |= b }
                return high < 0x80
            }
        }

        /// Total bytes of the fields.
        public var byteCount: Int { reduce(0) { $0 + $1.bytes.count } }

        /// Equal when the tags and bytes are, in order, wherever the bytes sit in storage.
        public static func == (lhs: Fields, rhs: Fields) -> Bool {
            lhs.elementsEqual(rhs)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(count)
            for field in self { hasher.combine(field) }
        }
    }
}

extension ISISRecord.Fields {
    /// Writes the table at the end of a record's buffer, entry by entry.
    package struct Table {
        let raw: UnsafeMutableRawBufferPointer
        fileprivate(set) var at: Int
        let dataCount: Int

        fileprivate init(raw: UnsafeMutableRawBufferPointer, at: Int, dataCount: Int) {
            self.raw = raw
            self.at = at
            self.dataCount = dataCount
        }

        @inline(__always)
        package mutating func append(tag: Int, start: Int, length: Int) {
            precondition(start >= 0 && length >= 0 && start + length <= dataCount && at + 12 <= raw.count,
                "field outside the record's bytes")
            raw.storeBytes(of: Int32(tag), toByteOffset: at, as: Int32.self)
            raw.storeBytes(of: UInt32(start), toByteOffset: at + 4, as: UInt32.self)
            raw.storeBytes(of: UInt32(length), toByteOffset: at + 8, as: UInt32.self)
            at += 12
        }
    }
}

/// Where one field's bytes lie, for a parser that finds them before it can build the record.
package struct ISISFieldEntry: Sendable, Hashable {
    package var tag: Int
    package var start: Int
    package var length: Int

    package init(tag: Int, start: Int, length: Int) {
        self.tag = tag
        self.start = start
        self.length = length
    }
}
