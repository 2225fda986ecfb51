/// One record of a CDS/ISIS master file, as stored: its MFN, its status and its fields in the
/// order of the directory, each a numeric tag and the raw bytes of one occurrence (character set
/// undecided: ISIS never records it).
///
/// The record keeps everything in one byte buffer, `storage`: the contents of the fields, then a
/// table saying where each lies (see `ISISFieldTable`). Reading a record so costs one allocation
/// whatever its number of fields — one array per field, and even a second array for the table,
/// made allocation, reference counting and generic-metadata look-ups most of the reader's time —
/// and `fields` hands out slices of `storage`.
public struct ISISRecord: Sendable {
    public enum Status: Sendable, Hashable {
        case active
        /// Marked deleted but still readable (the XRF flag or the record's status word says so).
        case logicallyDeleted
    }

    /// One occurrence: its tag and its bytes. `bytes` is usually a slice of the record's storage,
    /// so its indices need not start at 0 (use `startIndex`, or `Array(bytes)` for a copy).
    @frozen
    public struct Field: Sendable, Hashable {
        public var tag: Int
        public var bytes: ArraySlice<UInt8>

        @inlinable
        public init(tag: Int, bytes: ArraySlice<UInt8>) {
            self.tag = tag
            self.bytes = bytes
        }

        public init(tag: Int, bytes: [UInt8]) {
            self.init(tag: tag, bytes: bytes[...])
        }
    }

    public var mfn: Int
    public var status: Status
    /// The fields, as one buffer (field bytes, then the table): see `Fields`.
    @usableFromInline package var packed: Fields

    public init(mfn: Int, status: Status = .active, fields: [Field] = []) {
        self.init(mfn: mfn, status: status, fields: Fields(fields))
    }

    /// A record whose fields are already packed (by a reader, or taken from another record).
    @inlinable
    package init(mfn: Int, status: Status, fields: Fields) {
        self.mfn = mfn
        self.status = status
        packed = fields
    }

    /// The fields in directory order, as views of the record's storage.
    public var fields: Fields {
        @inlinable get { packed }
        set { packed = newValue }
    }

    /// Appends an occurrence at the end (this re-packs the record: building one field by field
    /// is for tests and small tools, not for readers).
    public mutating func appendField(tag: Int, bytes: some Collection<UInt8>) {
        packed = Fields(Array(packed) + [Field(tag: tag, bytes: Array(bytes))])
    }
}

extension ISISRecord: Hashable {
    /// Two records are equal when their MFN, status and fields (tag and bytes, in order) are;
    /// where the bytes sit in storage does not matter.
    public static func == (lhs: ISISRecord, rhs: ISISRecord) -> Bool {
        lhs.mfn == rhs.mfn && lhs.status == rhs.status && lhs.packed == rhs.packed
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(mfn)
        hasher.combine(status)
        hasher.combine(packed)
    }
}
