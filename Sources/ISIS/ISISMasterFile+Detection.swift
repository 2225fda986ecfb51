import KatalogIO
import MARCRecord

extension ISISMasterFile {
    typealias Overrides = (layout: ISISLayout?, byteOrder: ISISByteOrder?, shift: Int?)

    /// Byte order from the control record and the first XRFPOS; the shift from MFTYPE's high byte,
    /// verified by the MFNs found where the XRF points; the layout by the BASE rule on a sample of
    /// records spread over the file (isis-format.md §6).
    static func detect(mst: RandomAccessFile, xrf: RandomAccessFile, fileName: String, xrfName: String,
        overrides: Overrides) throws(ReadError) -> (format: ISISMasterFormat, control: ISISControlRecord, findings: [Finding])
    {
        var findings: [Finding] = []
        func note(_ s: Finding.Severity, _ code: FindingCode, _ message: String, _ action: String) {
            findings.append(Finding(s, code, message, action: action, file: fileName))
        }
        let head: [UInt8]
        let xrfHead: [UInt8]
        do {
            head = try mst.bytes(at: 0, count: ISISControlRecord.size)
            xrfHead = try xrf.bytes(at: 0, count: 4)
        } catch {
            throw .readFailure(error, file: fileName, offset: 0)
        }
        guard head.count == ISISControlRecord.size else {
            throw ReadError(.unreadable, Finding(.error, .isisBadControlRecord,
                "the master file has \(head.count) byte(s), fewer than a control record",
                action: "input abandoned", file: fileName, streamOffset: 0))
        }

        // 1. Byte order.
        func control(_ order: ISISByteOrder) -> ISISControlRecord {
            head.withUnsafeBytes { ISISControlRecord($0, order: order) }
        }
        func firstXRFPOS(_ order: ISISByteOrder) -> Int32? {
            xrfHead.count == 4 ? xrfHead.withUnsafeBytes { ISISIntegers(order: order).i32($0, 0) } : nil
        }
        let orders = overrides.byteOrder.map { [$0] } ?? ISISByteOrder.allCases
        var chosen = orders.first { control($0).isPlausible(fileSize: mst.size) && firstXRFPOS($0)?.magnitude == 1 }
        if chosen == nil {
            // A damaged control record or XRF head: settle for either sign of life.
            chosen = orders.first { firstXRFPOS($0)?.magnitude == 1 }
                ?? orders.first { control($0).controlMFN == 0 && (1..<(1 << 26)).contains(control($0).nextMFN) }
            guard let guess = chosen ?? overrides.byteOrder else {
                throw ReadError(.unreadable, Finding(.error, .isisBadControlRecord,
                    "neither byte order gives a plausible control record and XRF: not an ISIS master file, "
                        + "or one too damaged to read",
                    action: "input abandoned", file: fileName, streamOffset: 0))
            }
            chosen = guess
            note(.warning, .isisByteOrderGuessed,
                "control record or first XRF block implausible (MFN 0 \(control(guess).controlMFN), next MFN "
                    + "\(control(guess).nextMFN), next block \(control(guess).nextBlock), XRFPOS "
                    + "\(firstXRFPOS(guess).map(String.init) ?? "missing"))",
                "read as \(guess == .little ? "little" : "big")-endian")
        }
        let order = chosen!
        let ctl = control(order)
        let ints = ISISIntegers(order: order)

        // Sample pointers: the first live MFNs (where detection matters most) and some spread over
        // the whole XRF (a file whose first records happen to fit two layouts).
        let highest = min(ctl.highestMFN, Int(xrf.size / 512) * 127)
        var samples: [(mfn: Int, pointer: Int32)] = []
        func pointer(_ mfn: Int) throws(ReadError) -> Int32? {
            let offset = Int64(4 * (mfn + (mfn - 1) / 127))
            do {
                return try xrf.withBytes(at: offset, count: 4) { $0.count == 4 ? ints.i32($0, 0) : nil }
            } catch {
                throw .readFailure(error, file: xrfName, offset: offset)
            }
        }
        var mfn = 1
        while mfn <= highest && samples.count < 16 && mfn <= 4096 {
            if let p = try pointer(mfn), p != 0, p != -(2048 >> min(6, max(0, ctl.shift))) { samples.append((mfn, p)) }
            mfn += 1
        }
        if highest > mfn {
            let step = max(1, (highest - mfn) / 16)
            for m in stride(from: mfn, through: highest, by: step) {
                if let p = try pointer(m), p != 0 { samples.append((m, p)) }
            }
        }

        // 2. Shift: the control record's, unless the XRF disagrees.
        func mfnMatches(_ s: Int) throws(ReadError) -> Int {
            var hits = 0
            for sample in samples {
                let e = ISISXRFEntry(mfn: sample.mfn, pointer: sample.pointer, shift: s)
                guard e.kind == .active || e.kind == .logicallyDeleted,
                    e.fileOffset >= ISISControlRecord.firstRecordOffset
                else { continue }
                do {
                    let found = try mst.withBytes(at: e.fileOffset, count: 4) { $0.count == 4 ? Int(ints.i32($0, 0)) : -1 }
                    if found == sample.mfn { hits += 1 }
                } catch {
                    throw .readFailure(error, file: fileName, offset: e.fileOffset)
                }
            }
            return hits
        }
        // MSTXL is 0–6; any other high byte of MFTYPE is damage. Taken as it stood, a shift over 11
        // made the XRF block unit (2048 >> shift) zero and trapped on a division by zero (fuzzing,
        // Fixtures/fuzz-regressions/isis-mstxl-out-of-range.mst).
        let controlShift = (0...6).contains(ctl.shift) ? ctl.shift : 0
        if overrides.shift == nil && controlShift != ctl.shift && samples.isEmpty {
            note(.warning, .isisShiftMismatch,
                "the control record gives MSTXL \(ctl.shift) (MFTYPE 0x\(String(ctl.type, radix: 16))), which cannot be",
                "read with shift 0")
        }
        var shift = overrides.shift ?? controlShift
        if overrides.shift == nil && !samples.isEmpty {
            var candidates = [controlShift] + (controlShift == 4 ? [3] : []) + [0, 3, 6, 1, 2, 4, 5]
            candidates = candidates.filter { (0...6).contains($0) }
            var best = (shift: candidates[0], hits: -1)
            for s in candidates where best.hits < samples.count {
                let hits = try mfnMatches(s)
                if hits > best.hits { best = (s, hits) }
            }
            shift = best.shift
            if shift != ctl.shift {
                note(.warning, .isisShiftMismatch,
                    "the control record gives MSTXL \(ctl.shift) (MFTYPE 0x\(String(ctl.type, radix: 16))) but the XRF "
                        + "pointers lead to their records with shift \(shift)",
                    "read with shift \(shift)")
            }
        }

        // 3. Layout.
        let layouts = overrides.layout.map { [$0] } ?? ISISLayout.allCases
        var scored: [(layout: ISISLayout, fits: Int, score: Int)] = []
        for layout in layouts {
            var fits = 0
            var score = 0
            for sample in samples {
                let e = ISISXRFEntry(mfn: sample.mfn, pointer: sample.pointer, shift: shift)
                guard e.kind == .active || e.kind == .logicallyDeleted,
                    e.fileOffset >= ISISControlRecord.firstRecordOffset
                else { continue }
                do {
                    let length = try mst.withBytes(at: e.fileOffset, count: layout.leaderSize) { p in
                        p.count == layout.leaderSize ? ISISLeader(p, layout: layout, integers: ints).length : 0
                    }
                    let fit = try mst.withBytes(at: e.fileOffset, count: min(length, layout.maxRecordLength)) { p in
                        layout.fit(p, mfn: sample.mfn, order: order)
                    }
                    if let fit { fits += 1; score += fit }
                } catch {
                    throw .readFailure(error, file: fileName, offset: e.fileOffset)
                }
            }
            scored.append((layout, fits, score))
        }
        let best = scored.max { ($0.fits, $0.score) < ($1.fits, $1.score) }!  // max keeps the first of equals
        var layout = best.layout
        if overrides.layout == nil, !samples.isEmpty {
            if best.fits == 0 {
                layout = .isis18
                note(.error, .isisLayoutUndetected,
                    "none of the \(samples.count) sampled records fits any leader layout (BASE = leader + NVF × entry)",
                    "read as isis18; records that do not fit are reported and skipped")
            } else {
                let rivals = scored.filter { $0.layout != best.layout && $0.fits == best.fits && $0.score == best.score }
                if !rivals.isEmpty {
                    note(.info, .isisLayoutAmbiguous,
                        "the sampled records fit \(([best.layout] + rivals.map(\.layout)).map(\.rawValue).joined(separator: " and ")) "
                            + "equally well",
                        "read as \(best.layout.rawValue); every record is checked")
                }
            }
        }
        if overrides.layout != nil || overrides.byteOrder != nil || overrides.shift != nil {
            note(.info, .isisFormatOverridden,
                "format given by the caller: \(ISISMasterFormat(layout: layout, byteOrder: order, shift: shift))",
                "detection skipped for what was given")
        }
        return (ISISMasterFormat(layout: layout, byteOrder: order, shift: shift), ctl, findings)
    }
}
