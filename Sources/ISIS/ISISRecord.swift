/// One record of a CDS/ISIS master file, as stored: its MFN, its status and its fields in the
/// order of the directory, each a numeric tag and the raw bytes of one occurrence (character set
/// undecided: ISIS never records it).
public struct ISISRecord: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        case active
        /// Marked deleted but still readable (the XRF flag or the record's status word says so).
        case logicallyDeleted
    }

    public struct Field: Sendable, Hashable {
        public var tag: Int
        public var bytes: [UInt8]

        public init(tag: Int, bytes: [UInt8]) {
            self.tag = tag
            self.bytes = bytes
        }
    }

    public var mfn: Int
    public var status: Status
    public var fields: [Field]

    public init(mfn: Int, status: Status = .active, fields: [Field] = []) {
        self.mfn = mfn
        self.status = status
        self.fields = fields
    }
}
