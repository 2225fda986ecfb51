/// The 24-byte record leader.
public struct Leader: Sendable, Hashable, CustomStringConvertible {
    public static let length = 24
    public private(set) var bytes: [UInt8]

    /// A leader from exactly 24 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Leader.length else { return nil }
        self.bytes = bytes
    }

    /// A leader from a 24-character ASCII string.
    public init?(_ string: String) { self.init(bytes: Array(string.utf8)) }

    /// A MARC 21 bibliographic leader for a new language-material monograph in UTF-8; length and base
    /// address are filled in by the writer.
    public init() { bytes = Array("00000nam a2200000   4500".utf8) }

    public subscript(position: Int) -> UInt8 {
        get { bytes[position] }
        set { bytes[position] = newValue }
    }

    /// Record length as written in positions 00–04; `nil` if they are not digits.
    public var recordLength: Int? { number(0, 5) }
    /// Base address of data, positions 12–16.
    public var baseAddress: Int? { number(12, 5) }
    /// Indicator count, position 10.
    public var indicatorCount: Int? { number(10, 1) }
    /// Subfield code length, position 11.
    public var subfieldCodeLength: Int? { number(11, 1) }

    public var recordStatus: Character { Character(Unicode.Scalar(bytes[5])) }
    public var typeOfRecord: Character { Character(Unicode.Scalar(bytes[6])) }
    public var bibliographicLevel: Character { Character(Unicode.Scalar(bytes[7])) }
    /// Position 09: blank = MARC-8, `a` = UCS/Unicode. A hint only: real files lie both ways.
    public var characterCoding: Character { Character(Unicode.Scalar(bytes[9])) }

    public var description: String { ASCII.escaped(bytes) }

    private func number(_ offset: Int, _ count: Int) -> Int? {
        bytes.withUnsafeBufferPointer { ASCII.decimal($0.baseAddress!, offset, count) }
    }
}
