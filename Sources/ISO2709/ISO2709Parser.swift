#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import MARCRecord

/// Turns one frame into a record, checking the leader, directory and fields against the bytes, in
/// two passes as the leader drives them (directory first, then fields). Every repair becomes a
/// finding; the parser never throws — strictness is the reader's decision.
package struct ISO2709Parser {
    package var fileName: String?

    /// One directory entry as read; `-1` marks digits that were not digits.
    struct RawEntry {
        var tag: Tag
        var length: Int
        var start: Int
    }

    /// Spare capacity given to each record's storage (bytes) and, a 32nd of it, entries.
    static let editRoom = 128

    var scratch: [RawEntry] = []
    var segments: [Range<Int>] = []

    package init(fileName: String?) {
        self.fileName = fileName
    }

    /// The context for one frame's findings.
    struct Site {
        var fileName: String?
        var recordNumber: Int
        var streamOffset: Int64
        var findings: [Finding] = []

        mutating func add(_ severity: Finding.Severity, _ code: FindingCode, _ message: String, action: String?,
            at recordOffset: Int, tag: String?)
        {
            findings.append(Finding(severity, code, message, action: action, file: fileName,
                recordNumber: recordNumber, streamOffset: streamOffset + Int64(recordOffset),
                recordOffset: recordOffset, tag: tag))
        }
    }

    /// Parses `frame` (the bytes from the leader to the terminator, if any).
    package mutating func parse(
        _ frame: ArraySlice<UInt8>, terminated: Bool, streamOffset: Int64, recordNumber: Int
    ) -> (record: MARCRecord?, findings: [Finding]) {
        var site = Site(fileName: fileName, recordNumber: recordNumber, streamOffset: streamOffset)
        var bytes = frame
        // Garbage in front of a leader: look for the first place a leader could start.
        if bytes.count >= 5, !bytes.prefix(5).allSatisfy(Byte.isDigit) {
            let copy = Array(bytes.prefix(4096 + 24))
            if let p = (1..<max(1, copy.count - 23)).first(where: { ISO2709Framer.looksLikeLeader(copy, at: $0) }) {
                site.add(.warning, .junkBeforeLeader,
                    "\(p) byte(s) before the leader (\(ASCII.escaped(copy.prefix(p), limit: 16)))",
                    action: "skipped", at: 0, tag: "LDR")
                bytes = bytes.dropFirst(p)
                site.streamOffset += Int64(p)
            }
        }
        // Room for edits after the bytes: the normalizer adds fields to most records (an ISBN-13 beside
        // every ISBN-10), and growing the storage then would copy the whole record a second time.
        var storage = [UInt8](unsafeUninitializedCapacity: bytes.count + Self.editRoom) { buffer, count in
            bytes.withUnsafeBufferPointer { source in
                if let from = source.baseAddress { buffer.baseAddress!.initialize(from: from, count: source.count) }
            }
            count = bytes.count
        }
        let record = parseRecord(&storage, terminated: terminated, site: &site)
        if !site.findings.isEmpty, let number = record?.controlNumber {
            for i in site.findings.indices { site.findings[i].controlNumber = number }
        }
        return (record, site.findings)
    }

    // MARK: - Record

    private mutating func parseRecord(_ s: inout [UInt8], terminated: Bool, site: inout Site) -> MARCRecord? {
        let n = s.count
        let dataEnd = terminated ? n - 1 : n
        guard n >= Leader.length + 2 else {
            site.add(.error, .strayBytes,
                "\(n) byte(s) that cannot hold a leader and a field (\(ASCII.escaped(s, limit: 24)))",
                action: "skipped", at: 0, tag: nil)
            return nil
        }

        // Leader 00–04: the record length, checked against the frame.
        let declaredLength = s.withUnsafeBufferPointer { Byte.decimal($0.baseAddress!, 0, 5) }
        if let declaredLength {
            if declaredLength != n {
                checkLength(declared: declaredLength, frame: s, terminated: terminated, site: &site)
            }
        } else {
            site.add(.warning, .lengthNotNumeric, "record length '\(ASCII.escaped(s[0..<5]))' is not a number",
                action: "length taken from the record terminator", at: 0, tag: "LDR")
        }

        // Leader 10–11 and 20–22: the shapes of indicators, subfield codes and directory entries.
        var indicatorCount = 2
        if Byte.isDigit(s[10]) {
            indicatorCount = Int(s[10] - Byte.zero)
        } else {
            site.add(.warning, .badIndicatorCount, "indicator count '\(ASCII.escaped([s[10]]))' is not a digit",
                action: "assumed 2", at: 10, tag: "LDR")
            s[10] = UInt8(ascii: "2")
        }
        var codeLength = 2
        if Byte.isDigit(s[11]) && s[11] != UInt8(ascii: "1") {
            codeLength = Int(s[11] - Byte.zero)
        } else {
            site.add(.warning, .badSubfieldCodeLength,
                "subfield code length '\(ASCII.escaped([s[11]]))' is not 0 or a digit of 2 or more",
                action: "assumed 2", at: 11, tag: "LDR")
            s[11] = UInt8(ascii: "2")
        }
        var lengthDigits = 4
        var startDigits = 5
        var implDigits = 0
        if Byte.isDigit(s[20]) && Byte.isDigit(s[21]) && Byte.isDigit(s[22]) && s[20] > Byte.zero
            && s[21] > Byte.zero
        {
            lengthDigits = Int(s[20] - Byte.zero)
            startDigits = Int(s[21] - Byte.zero)
            implDigits = Int(s[22] - Byte.zero)
        } else {
            site.add(.warning, .badEntryMap, "entry map '\(ASCII.escaped(s[20..<24]))' is not usable",
                action: "read the directory as 4500", at: 20, tag: "LDR")
            s.replaceSubrange(20..<23, with: Array("450".utf8))
            if !Byte.isDigit(s[23]) { s[23] = Byte.zero }
        }

        // The directory ends at the first field terminator after the leader.
        let directoryEnd: Int? = s.withUnsafeBufferPointer { p in
            guard dataEnd > Leader.length,
                let hit = memchr(p.baseAddress! + Leader.length, Int32(Byte.fieldTerminator), dataEnd - Leader.length)
            else { return nil }
            return p.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        guard let directoryEnd else {
            site.add(.error, .noDirectory, "no field terminator after the leader: directory and fields cannot be told apart",
                action: "record skipped", at: Leader.length, tag: "DIR")
            return nil
        }
        let dataStart = directoryEnd + 1
        let baseAddress = s.withUnsafeBufferPointer { Byte.decimal($0.baseAddress!, 12, 5) }
        if baseAddress != dataStart {
            let shown = baseAddress.map(String.init) ?? "'\(ASCII.escaped(s[12..<17]))'"
            site.add(.warning, .baseAddressMismatch,
                "base address \(shown) but the directory ends at byte \(directoryEnd)",
                action: "data read from byte \(dataStart)", at: 12, tag: "LDR")
        }

        // Directory entries.
        var entrySize = 3 + lengthDigits + startDigits + implDigits
        var directoryLength = directoryEnd - Leader.length
        if directoryLength % entrySize != 0 && directoryLength % 12 == 0 && entrySize != 12 {
            site.add(.warning, .badEntryMap,
                "entry map says \(entrySize)-byte directory entries but the directory holds 12-byte ones",
                action: "read the directory as 4500", at: 20, tag: "LDR")
            (lengthDigits, startDigits, implDigits, entrySize) = (4, 5, 0, 12)
            s.replaceSubrange(20..<23, with: Array("450".utf8))
        }
        if directoryLength % entrySize != 0 {
            let extra = directoryLength % entrySize
            site.add(.warning, .directoryLength,
                "directory is \(directoryLength) bytes, not a multiple of \(entrySize): \(extra) byte(s) left over "
                    + "(\(ASCII.escaped(s[(directoryEnd - extra)..<directoryEnd])))",
                action: "partial entry ignored", at: directoryEnd - extra, tag: "DIR")
            directoryLength -= extra
        }
        let entryCount = directoryLength / entrySize
        let dataLength = dataEnd - dataStart
        var entries: [FieldEntry] = []
        entries.reserveCapacity(entryCount + Self.editRoom / 32)
        var covered = 0
        // The usual directory, 4500 with every entry in bounds and ending at a field terminator, is read
        // in one pass with the digit counts fixed; anything else goes through the general reading below.
        var fast = lengthDigits == 4 && startDigits == 5 && entrySize == 12
        if fast {
            s.withUnsafeBufferPointer { p in
                let base = p.baseAddress!
                for i in 0..<entryCount {
                    let at = Leader.length + i * 12
                    guard let length = Byte.decimal(base, at + 3, 4), let start = Byte.decimal(base, at + 7, 5),
                        length >= 1, start + length <= dataLength,
                        base[dataStart + start + length - 1] == Byte.fieldTerminator
                    else {
                        fast = false
                        return
                    }
                    entries.append(FieldEntry(tag: Tag(base[at], base[at + 1], base[at + 2]), start: dataStart + start,
                        length: length - 1))
                    covered += length
                }
            }
            // Data no entry claims is reported from `scratch`, which only the general reading fills.
            if covered != dataLength { fast = false }
        }
        if !fast {
            entries.removeAll(keepingCapacity: true)
            covered = 0
            scratch.removeAll(keepingCapacity: true)
            var valid = true
            s.withUnsafeBufferPointer { p in
                let base = p.baseAddress!
                for i in 0..<entryCount {
                    let at = Leader.length + i * entrySize
                    let tag = Tag(base[at], base[at + 1], base[at + 2])
                    let length = Byte.decimal(base, at + 3, lengthDigits) ?? -1
                    let start = Byte.decimal(base, at + 3 + lengthDigits, startDigits) ?? -1
                    scratch.append(RawEntry(tag: tag, length: length, start: start))
                    if length < 1 || start < 0 || start + length > dataLength
                        || base[dataStart + start + length - 1] != Byte.fieldTerminator
                    {
                        valid = false
                    }
                    covered += max(length, 0)
                }
            }
            if valid {
                for e in scratch {
                    entries.append(FieldEntry(tag: e.tag, start: dataStart + e.start, length: e.length - 1))
                }
                if covered != dataLength {
                    reportUnreferencedData(s, dataStart: dataStart, dataEnd: dataEnd, site: &site)
                }
            } else {
                entries = rebuildFromTerminators(
                    s, dataStart: dataStart, dataEnd: dataEnd, startDigits: startDigits, site: &site)
            }
        }

        if entries.isEmpty {
            if entryCount == 0 && dataLength == 0 {
                site.add(.warning, .noFields, "record has a leader but no fields", action: "kept", at: 0, tag: nil)
            } else {
                site.add(.error, .unrecoverableRecord, "no field could be recovered", action: "record skipped",
                    at: Leader.length, tag: "DIR")
                return nil
            }
        }
        if indicatorCount != 2 || codeLength != 2,
            fieldsHaveMARCShape(s, entries),
            !(indicatorCount == 2 && codeLength > 2)
        {
            site.add(.warning, .badIndicatorCount,
                "leader says \(indicatorCount) indicator(s) and subfield code length \(codeLength), but the fields "
                    + "have 2 indicators and one-character codes",
                action: "read as 2 and 2", at: 10, tag: "LDR")
            (indicatorCount, codeLength) = (2, 2)
            s[10] = UInt8(ascii: "2")
            s[11] = UInt8(ascii: "2")
        }
        var record = MARCRecord(storage: s, entries: entries, indicatorCount: indicatorCount,
            subfieldCodeLength: codeLength)
        checkFields(&record, site: &site)
        return record
    }

    /// True when most data fields look like MARC 21 / UNIMARC ones: two indicators, then a delimiter.
    private func fieldsHaveMARCShape(_ s: [UInt8], _ entries: [FieldEntry]) -> Bool {
        var dataFields = 0
        var shaped = 0
        for e in entries where !e.tag.isControlField {
            dataFields += 1
            if e.length >= 3 && s[Int(e.start) + 2] == Byte.subfieldDelimiter { shaped += 1 }
        }
        return dataFields > 0 && shaped * 2 > dataFields
    }

    private func checkLength(declared: Int, frame s: [UInt8], terminated: Bool, site: inout Site) {
        let n = s.count
        let characters = s.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        if declared == characters && characters != n {
            site.add(.warning, .lengthInCharacters,
                "record length \(declared) counts characters; the record has \(n) bytes",
                action: "length taken from the record terminator", at: 0, tag: "LDR")
        } else if n > 99_999 {
            site.add(.warning, .lengthOverflow,
                "record of \(n) bytes is longer than a 5-digit length can say (leader says \(declared))",
                action: "length taken from the record terminator", at: 0, tag: "LDR")
        } else if terminated {
            site.add(.warning, .lengthMismatch, "record length \(declared) but the record terminator ends it at \(n)",
                action: "length taken from the record terminator", at: 0, tag: "LDR")
        } else if declared < n {
            site.add(.warning, .lengthMismatch, "record length \(declared) but \(n) bytes precede the next record",
                action: "all \(n) bytes read", at: 0, tag: "LDR")
        } else {
            site.add(.warning, .lengthMismatch, "record length \(declared) but only \(n) bytes remain",
                action: "read what is there", at: 0, tag: "LDR")
        }
    }
}
