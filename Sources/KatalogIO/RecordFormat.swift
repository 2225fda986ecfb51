/// The record formats Katalog recognises, named as on the command line (`--from`, `--to`).
public enum RecordFormat: String, CaseIterable, Sendable, Codable {
    case iso2709
    case marcxml
    case json
    case mrk
    case isis
    case isisISO = "isis-iso"
    /// Dublin Core in OAI-PMH's `oai_dc` format (SLiMS, old INLISLite): read through the crosswalk.
    case oaiDC = "oai_dc"

    public var displayName: String {
        switch self {
        case .iso2709: "ISO 2709 (MARC 21 / UNIMARC)"
        case .marcxml: "MARCXML"
        case .json: "MARC-in-JSON"
        case .mrk: "MARCBreaker (.mrk)"
        case .isis: "CDS/ISIS master file"
        case .isisISO: "CDS/ISIS ISO 2709 export"
        case .oaiDC: "Dublin Core (oai_dc)"
        }
    }
}

/// Guesses a format from the first bytes of an input (and its name, for ISIS master files).
public enum FormatSniffer {
    /// How many bytes `sniff` wants to see.
    public static let prefixLength = 4096

    public static func sniff(_ prefix: [UInt8], fileName: String? = nil) -> RecordFormat? {
        if let fileName, fileName.lowercased().hasSuffix(".mst") { return .isis }
        if looksLikeISISMaster(prefix) { return .isis }
        var i = 0
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < prefix.count, [0x20, 0x09, 0x0D, 0x0A, 0x1A, 0x00].contains(prefix[i]) { i += 1 }
        guard i < prefix.count else { return nil }
        let rest = prefix[i...]
        switch prefix[i] {
        case UInt8(ascii: "<"): return looksLikeOAIDC(rest) ? .oaiDC : .marcxml
        case UInt8(ascii: "{"), UInt8(ascii: "["): return .json
        case UInt8(ascii: "="):
            // `=LDR  …`, or a field line `=TAG  …` when the leader line is missing.
            let head = Array(rest.prefix(6))
            let tagLike = head.count == 6 && head[1...3].allSatisfy { $0 < 0x80 && $0 > 0x20 }
                && head[4] == 0x20 && head[5] == 0x20
            return tagLike ? .mrk : nil
        case UInt8(ascii: "#"):
            // MARCBreaker comment lines, then records.
            return rest.split(separator: 0x0A).lazy.map { $0.drop { $0 == 0x0D } }
                .first { !$0.isEmpty && $0.first != UInt8(ascii: "#") }?.first == UInt8(ascii: "=") ? .mrk : nil
        default: break
        }
        guard rest.count >= 24, rest.prefix(5).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            // A header line or other junk before the first record: look further for a leader whose
            // record has the ISO 2709 terminators.
            let bytes = Array(rest)
            for p in 1..<max(1, bytes.count - 24) where isLeaderShaped(bytes, at: p) {
                let tail = bytes[p...]
                return tail.contains(0x1E) && tail.contains(0x1D) ? .iso2709 : nil
            }
            return nil
        }
        // ISIS ISO exports wrap lines every 80 bytes (LF or CR LF) and often use `#` as terminators;
        // a real ISO 2709 record never has a line break at byte 80 of its directory.
        let at80 = rest.index(rest.startIndex, offsetBy: 80, limitedBy: rest.endIndex)
        if let at80, at80 < rest.endIndex, rest[at80] == 0x0A || rest[at80] == 0x0D { return .isisISO }
        let head = rest.prefix(1024)
        if !head.contains(0x1E), !head.contains(0x1D), head.contains(UInt8(ascii: "#")) { return .isisISO }
        return .iso2709
    }

    /// XML whose first bytes name the `oai_dc` namespace and not the MARCXML one: a Dublin Core
    /// harvest or export rather than MARC.
    static func looksLikeOAIDC(_ xml: ArraySlice<UInt8>) -> Bool {
        func contains(_ needle: String) -> Bool {
            let n = Array(needle.utf8)
            guard xml.count >= n.count else { return false }
            var i = xml.startIndex
            while i + n.count <= xml.endIndex {
                if xml[i] == n[0] && xml[i..<(i + n.count)].elementsEqual(n) { return true }
                i += 1
            }
            return false
        }
        return contains("openarchives.org/OAI/2.0/oai_dc/") && !contains("loc.gov/MARC21/slim")
    }

    static func isLeaderShaped(_ b: [UInt8], at p: Int) -> Bool {
        guard p + 24 <= b.count else { return false }
        for i in [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 15, 16] where !(b[p + i] >= 0x30 && b[p + i] <= 0x39) {
            return false
        }
        return true
    }

    /// An ISIS master file starts with a control record: MFN 0, then the next MFN to assign (a small
    /// positive number), in either byte order.
    static func looksLikeISISMaster(_ p: [UInt8]) -> Bool {
        guard p.count >= 64, p[0] == 0, p[1] == 0, p[2] == 0, p[3] == 0 else { return false }
        let le = UInt32(p[4]) | UInt32(p[5]) << 8 | UInt32(p[6]) << 16 | UInt32(p[7]) << 24
        let be = UInt32(p[7]) | UInt32(p[6]) << 8 | UInt32(p[5]) << 16 | UInt32(p[4]) << 24
        return (1...50_000_000).contains(le) || (1...50_000_000).contains(be)
    }
}
