
/// What kind of thing a record describes, as far as the vetoes need it: the type of record
/// (leader/06, grouped), the bibliographic level (leader/07, grouped) and the carrier (print,
/// electronic, microform), read from 007/00–01, the 008 form of item, 245 $h, 337/338 and 533, as
/// RecordManager's format calculator does.
public struct FormatClass: Sendable, Hashable {
    public enum Carrier: UInt8, Sendable {
        case unknown = 0, print = 1, electronic = 2, microform = 3
        var name: String {
            switch self {
            case .unknown: "unknown"
            case .print: "print"
            case .electronic: "electronic"
            case .microform: "microform"
            }
        }
    }

    /// leader/06 grouped: `a` and `t` are both text (manuscript theses are often typed `t` by one
    /// library and `a` by another); everything else stands for itself.
    public var type: UInt8
    /// leader/07 grouped: `m` monograph (also blank and unknown codes), `s`/`i` continuing, `a`/`b`
    /// component part, `c`/`d` collection.
    public var level: UInt8
    public var carrier: Carrier

    public init(type: UInt8, level: UInt8, carrier: Carrier) {
        self.type = type
        self.level = level
        self.carrier = carrier
    }

    static func groupType(_ b: UInt8) -> UInt8 { b == UInt8(ascii: "t") ? UInt8(ascii: "a") : b }

    static func groupLevel(_ b: UInt8) -> UInt8 {
        switch b {
        case UInt8(ascii: "s"), UInt8(ascii: "i"): UInt8(ascii: "s")
        case UInt8(ascii: "a"), UInt8(ascii: "b"): UInt8(ascii: "a")
        case UInt8(ascii: "c"), UInt8(ascii: "d"): UInt8(ascii: "c")
        default: UInt8(ascii: "m")
        }
    }

    /// The carrier a piece of evidence names, or nil when it names none.
    static func carrier(inText folded: [UInt8]) -> Carrier? {
        let electronic: [StaticString] = ["electronic", "online", "computer", "e book", "ebook", "digital"]
        for word in electronic where contains(folded, word) {
            return .electronic
        }
        if contains(folded, "microf") || contains(folded, "microopaque") { return .microform }
        return nil
    }

    /// Byte search: the texts are short and the patterns few, and `String.contains` costs more
    /// than the rest of the profile.
    static func contains(_ text: [UInt8], _ pattern: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        guard let first = p.first, text.count >= p.count else { return false }
        var i = 0
        while i + p.count <= text.count {
            if text[i] == first {
                var k = 1
                while k < p.count && text[i + k] == p[k] { k += 1 }
                if k == p.count { return true }
            }
            i += 1
        }
        return false
    }

    var typeName: String { String(decoding: [type], as: UTF8.self) }
    var levelName: String {
        switch level {
        case UInt8(ascii: "s"): "serial"
        case UInt8(ascii: "a"): "component part"
        case UInt8(ascii: "c"): "collection"
        default: "monograph"
        }
    }
}
