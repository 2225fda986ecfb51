// Escape sequences: which graphic set G0 or G1 holds from here on.

extension MARC8DecodeRun {
    /// Reads the escape sequence at `i` (an ESC byte) and returns where the text resumes.
    ///
    /// Accepted, as real records write them: technique 1 `ESC g|b|p|s`; technique 2 with one of
    /// `( , ) -` (G0 or G1), `$` in front for the multibyte set (`ESC $ 1` alone means G0), and
    /// `!` anywhere among the intermediates (LC writes ANSEL as `ESC ) ! E`, others `ESC ( ! E` or
    /// `ESC ) E`). A sequence naming no MARC-8 set is skipped whole and reported; an ESC followed
    /// by anything else loses only the ESC, so the text after it survives.
    mutating func escape(at i: Int, issues: inout [CharsetIssue]) -> Int {
        let count = input.count
        var j = i + 1
        var target: Int?  // 0 = G0, 1 = G1
        var multibyte = false
        var malformed = false
        while j < count {
            switch input[j] {
            case UInt8(ascii: "("), UInt8(ascii: ","):
                if target != nil { malformed = true }
                target = 0
            case UInt8(ascii: ")"), UInt8(ascii: "-"):
                if target != nil { malformed = true }
                target = 1
            case UInt8(ascii: "$"):
                if multibyte || target != nil { malformed = true }
                multibyte = true
            case UInt8(ascii: "!"):
                break
            default:
                return designate(from: i, final: j, target: multibyte && target == nil ? 0 : target,
                                 malformed: malformed, issues: &issues)
            }
            j += 1
        }
        badEscape(input[i..<count], at: i, issues: &issues, "escape sequence cut short by the end of the field")
        return count
    }

    private mutating func designate(from i: Int, final j: Int, target: Int?, malformed: Bool,
                                    issues: inout [CharsetIssue]) -> Int {
        let final = input[j]
        guard let target else {
            if j == i + 1 {
                switch final {
                case UInt8(ascii: "g"): g0 = MARC8Set.greekSymbols
                case UInt8(ascii: "b"): g0 = MARC8Set.subscripts
                case UInt8(ascii: "p"): g0 = MARC8Set.superscripts
                case UInt8(ascii: "s"): g0 = MARC8Set.ascii
                default:
                    badEscape(input[i...i], at: i, issues: &issues, "ESC not followed by a MARC-8 escape; ESC dropped")
                    return i + 1
                }
                return j + 1
            }
            badEscape(input[i...j], at: i, issues: &issues, "escape sequence with only `!` or `$`; skipped")
            return j + 1
        }
        guard (0x30...0x7E).contains(final) else {
            // The intermediates are followed by a control or a high byte: the sequence was cut.
            badEscape(input[i..<j], at: i, issues: &issues, "escape sequence cut short; skipped")
            return j
        }
        guard !malformed, let set = MARC8Tables.finals.firstIndex(of: final) else {
            badEscape(input[i...j], at: i, issues: &issues, "escape sequence designates no MARC-8 set; skipped")
            return j + 1
        }
        if target == 0 { g0 = set } else { g1 = set }
        return j + 1
    }

    private func badEscape(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, at i: Int, issues: inout [CharsetIssue],
                           _ message: String) {
        issues.append(CharsetIssue(.badEscape, offset: i, bytes: Array(bytes.prefix(8)), message: message))
    }
}
