public import MARCRecord

/// Decides, per record, what character set its bytes are in. Leader/09 is a hint, not the truth:
/// real exports label MARC-8 as UTF-8 and the other way round, and Latin-1 or Windows-1252 text
/// turns up under either label.
///
/// The evidence, in the order it is trusted:
/// 1. escape sequences (0x1B) only occur in MARC-8;
/// 2. bytes that are all well-formed UTF-8 multibyte sequences are UTF-8 (MARC-8 and the code pages
///    almost never form them by accident: an ANSEL mark is followed by an ASCII letter, not by a
///    continuation byte);
/// 3. otherwise the record is MARC-8 (UNIMARC: ISO 5426) unless its high bytes behave like the
///    letters of a code page: an ANSEL combining mark (0xE0–0xFE) always precedes its base letter,
///    so high bytes that end words (“café ”) or C1 bytes used as Windows-1252 punctuation
///    (0x91–0x94 quotes) say Windows-1252.
public enum EncodingDetector {
    /// What the bytes showed and what was decided.
    public struct Verdict: Sendable, Equatable {
        public enum Encoding: String, Sendable, Equatable {
            /// No byte above 0x7F and no escape: every ASCII-compatible set reads it the same.
            case ascii
            case utf8
            case marc8
            case iso5426
            case windows1252
            case windows1251
            case cp866
        }
        public var encoding: Encoding
        /// What leader/09 says: `a` UTF-8, blank MARC-8 (for MARC 21 records).
        public var leaderSaysUTF8: Bool
        /// The record looks like UNIMARC (a 200 field and no 245).
        public var unimarc: Bool
        /// How sure the detector is, 0…1 (1 for escapes or clean UTF-8).
        public var confidence: Double
        /// One line of why, for `inspect` and findings.
        public var reason: String

        /// True when leader/09 disagrees with the bytes (ASCII agrees with either).
        public var leaderDisagrees: Bool {
            switch encoding {
            case .ascii: false
            case .utf8: !leaderSaysUTF8
            case .marc8, .iso5426, .windows1252, .windows1251, .cp866: leaderSaysUTF8
            }
        }
    }

    /// Counts gathered over the content of every field.
    struct Evidence: Sendable, Equatable {
        var utf8 = UTF8Scan(UnsafeBufferPointer(start: nil, count: 0))
        var escapes = 0
        /// Bytes in ANSEL's combining range (0xE0–0xFE).
        var marks = 0
        /// Of those, the ones followed by something a mark can sit on.
        var marksBeforeBase = 0
        /// Of those, the ones followed by a space, punctuation, a delimiter or the end of the field,
        /// where no MARC-8 mark can be but where a Latin-1 letter ends a word.
        var marksBeforeBreak = 0
        /// 0x80–0x9F bytes that Windows-1252 uses for punctuation and MARC-8 leaves unassigned.
        var windowsPunctuation = 0
        /// `&#x` in the text: MARC-8's lossless numeric character references.
        var references = 0
        /// High bytes (not UTF-8) in runs of three or more: whole words of a single-byte Cyrillic
        /// page. MARC-8 never has such runs outside EACC (which needs an escape); Latin-1 text has
        /// one accented letter here and there.
        var runBytes = 0
        /// Of those, bytes in 0x80–0xAF, where CP866 has most Cyrillic letters and CP1251 almost none.
        var runBytesLow = 0

        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
            let scan = UTF8Scan(bytes)
            utf8.highBytes += scan.highBytes
            utf8.multibyteSequences += scan.multibyteSequences
            utf8.invalidBytes += scan.invalidBytes
            let n = bytes.count
            var run = 0
            var runLow = 0
            for b in bytes {
                if b >= 0x80 {
                    run += 1
                    if b < 0xB0 { runLow += 1 }
                } else {
                    if run >= 3 {
                        runBytes += run
                        runBytesLow += runLow
                    }
                    run = 0
                    runLow = 0
                }
            }
            if run >= 3 {
                runBytes += run
                runBytesLow += runLow
            }
            var i = 0
            while i < n {
                let b = bytes[i]
                if b == 0x1B {
                    escapes += 1
                } else if b == 0x26, i + 2 < n, bytes[i + 1] == 0x23, bytes[i + 2] | 0x20 == 0x78 {
                    references += 1
                } else if b >= 0x80 {
                    let next: UInt8 = i + 1 < n ? bytes[i + 1] : 0x1E
                    let nextIsBase = EncodingDetector.isLetterOrDigit(next) || next >= 0x80
                    if (0xE0...0xFE).contains(b) {
                        marks += 1
                        if nextIsBase { marksBeforeBase += 1 } else if next != 0x1B { marksBeforeBreak += 1 }
                    }
                    switch b {
                    case 0x82, 0x84, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97: windowsPunctuation += 1
                    default: break
                    }
                }
                i += 1
            }
        }
    }

    @inline(__always)
    static func isLetterOrDigit(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }

    /// Looks at one record.
    public static func detect(_ record: MARCRecord) -> Verdict {
        let leaderSaysUTF8 = record.leaderByte(9) == UInt8(ascii: "a")
        // Cheap passes first, over the record's bytes after the leader in one piece: a record of
        // plain ASCII, or of well-formed UTF-8 without escapes, is most of any catalogue.
        let quick: Verdict? = record.storage.withUnsafeBufferPointer { all in
            let rest = UnsafeBufferPointer(rebasing: all[min(Leader.length, all.count)...])
            guard !ByteScan.contains(rest, 0x1B) else { return nil }
            if UnicodeNormalizer.UTF8.asciiRun(rest, from: 0) == rest.count {
                if !leaderSaysUTF8 && ByteScan.contains(rest, 0x26) { return nil }  // maybe &#x references
                return Verdict(encoding: .ascii, leaderSaysUTF8: leaderSaysUTF8, unimarc: false, confidence: 1,
                    reason: "ASCII only")
            }
            let scan = UTF8Scan(rest)
            guard scan.isValid else { return nil }
            // UNIMARC has no leader/09 to lie with; only then does it matter which format this is.
            let unimarc = !leaderSaysUTF8 && looksLikeUNIMARC(record)
            return Verdict(encoding: .utf8, leaderSaysUTF8: leaderSaysUTF8, unimarc: unimarc, confidence: 1,
                reason: "\(scan.multibyteSequences) well-formed UTF-8 sequence(s)")
        }
        if let quick { return quick }
        var evidence = Evidence()
        var has200 = false
        var has245 = false
        record.storage.withUnsafeBufferPointer { all in
            for entry in record.entries {
                if entry.tag == Tag(0x32, 0x30, 0x30) { has200 = true }
                if entry.tag == Tag(0x32, 0x34, 0x35) { has245 = true }
                evidence.add(UnsafeBufferPointer(rebasing: all[entry.range]))
            }
        }
        return decide(evidence, leaderSaysUTF8: leaderSaysUTF8, unimarc: has200 && !has245)
    }

    /// A 200 (UNIMARC title) and no 245 (MARC 21 title).
    static func looksLikeUNIMARC(_ record: MARCRecord) -> Bool {
        var has200 = false
        for entry in record.entries {
            if entry.tag == Tag(0x32, 0x34, 0x35) { return false }
            if entry.tag == Tag(0x32, 0x30, 0x30) { has200 = true }
        }
        return has200
    }

    static func decide(_ e: Evidence, leaderSaysUTF8: Bool, unimarc: Bool) -> Verdict {
        func verdict(_ encoding: Verdict.Encoding, _ confidence: Double, _ reason: String) -> Verdict {
            Verdict(encoding: encoding, leaderSaysUTF8: leaderSaysUTF8, unimarc: unimarc, confidence: confidence,
                reason: reason)
        }
        let legacy: Verdict.Encoding = unimarc ? .iso5426 : .marc8
        if e.escapes > 0 && !unimarc {
            return verdict(.marc8, 1, "\(e.escapes) MARC-8 escape sequence(s)")
        }
        if e.utf8.highBytes == 0 {
            if e.references > 0 && !leaderSaysUTF8 && !unimarc {
                return verdict(.marc8, 0.9, "ASCII with &#x references and leader/09 blank")
            }
            return verdict(.ascii, 1, "ASCII only")
        }
        if e.utf8.invalidBytes == 0 {
            return verdict(.utf8, 1, "\(e.utf8.multibyteSequences) well-formed UTF-8 sequence(s)")
        }
        if e.utf8.multibyteSequences > 0 && e.utf8.multibyteSequences * 2 >= e.utf8.invalidBytes {
            // Mostly UTF-8 with a few stray bytes: a record edited in two systems.
            return verdict(.utf8, 0.6,
                "\(e.utf8.multibyteSequences) UTF-8 sequence(s) and \(e.utf8.invalidBytes) stray byte(s)")
        }
        if e.runBytes * 2 > e.utf8.highBytes {
            let cp866 = e.runBytesLow * 2 > e.runBytes
            return verdict(cp866 ? .cp866 : .windows1251, 0.7,
                "\(e.runBytes) of \(e.utf8.highBytes) high bytes in runs of three or more (Cyrillic words), "
                    + "\(e.runBytesLow) of them in 0x80–0xAF")
        }
        let codePageSigns = e.marksBeforeBreak + 2 * e.windowsPunctuation
        if codePageSigns > 0 && codePageSigns * 3 > e.marks {
            return verdict(.windows1252, 0.6,
                "\(e.marksBeforeBreak) of \(e.marks) bytes in 0xE0–0xFE end a word, "
                    + "\(e.windowsPunctuation) Windows punctuation byte(s)")
        }
        let sure = e.marks == 0 ? 0.5 : 0.5 + 0.45 * Double(e.marksBeforeBase) / Double(e.marks)
        return verdict(legacy, sure,
            "\(e.utf8.invalidBytes) byte(s) not UTF-8, \(e.marksBeforeBase) of \(e.marks) mark(s) before a letter")
    }
}
