/// A three-character MARC field tag, kept as its three bytes packed into an integer so that
/// comparing and hashing tags never builds a `String`.
public struct Tag: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The three tag bytes, first byte in bits 16–23.
    public let rawValue: UInt32

    @inlinable @inline(__always)
    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) {
        rawValue = UInt32(b0) << 16 | UInt32(b1) << 8 | UInt32(b2)
    }

    /// A tag from exactly three bytes of UTF-8; `nil` otherwise.
    public init?(_ string: some StringProtocol) {
        // No array: tags are made from literals (`field.tag == "245"`) in loops over every record.
        var bytes = string.utf8.makeIterator()
        guard let b0 = bytes.next(), let b1 = bytes.next(), let b2 = bytes.next(), bytes.next() == nil else { return nil }
        self.init(b0, b1, b2)
    }

    public init(stringLiteral value: String) {
        guard let tag = Tag(value) else { preconditionFailure("a tag has three bytes: \(value)") }
        self = tag
    }

    public var bytes: [UInt8] { [byte(0), byte(1), byte(2)] }

    @inlinable @inline(__always)
    public func byte(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: rawValue >> (8 * UInt32(2 - index))) }

    /// Control fields are the `00X` tags: they hold data without indicators or subfields.
    /// Non-numeric `00` tags are treated the same way, as MARC readers conventionally do.
    @inlinable @inline(__always)
    public var isControlField: Bool { rawValue >> 8 == 0x3030 }

    /// True when every byte is an ASCII letter or digit, as ISO 2709 requires.
    @inlinable
    public var isWellFormed: Bool {
        @inline(__always) func ok(_ b: UInt8) -> Bool { b &- 0x30 < 10 || b &- 0x61 < 26 || b &- 0x41 < 26 }
        return ok(byte(0)) && ok(byte(1)) && ok(byte(2))
    }

    public var isNumeric: Bool { (0..<3).allSatisfy { ASCII.isDigit(byte($0)) } }

    public var description: String { ASCII.escaped(bytes) }

    public static func < (lhs: Tag, rhs: Tag) -> Bool { lhs.rawValue < rhs.rawValue }
}
