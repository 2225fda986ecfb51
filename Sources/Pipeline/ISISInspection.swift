public import ISIS
import MARCRecord

/// What `katalog inspect` tells about an ISIS database beyond the common summary: how it is laid
/// out, what its MFNs are, what character set it seems to be in, and how its fields are used —
/// with what the profile leaves unmapped.
public struct ISISInspection: Codable, Sendable {
    /// Master files: `isis18`, `isis20`, `ffi22`, `ffi24`.
    public var layout: String?
    public var byteOrder: String?
    public var shift: Int?
    public var status: ISISStatusCounts?
    /// The character set used, and the guess when it was guessed.
    public var encoding: String
    public var encodingGuess: ISISEncodingGuess?
    public var profile: String
    public var profileGuessed: Bool
    /// The FDT beside the master file, when there is one.
    public var fieldDefinitionTable: String?
    public var fields: [ISISFieldUsage.Row]
    /// Tags the profile keeps in its local field (some or all of their occurrences).
    public var unmappedTags: [Int]
    public var localTag: String

    var text: String {
        var lines: [String] = []
        if let layout, let byteOrder, let shift {
            lines.append("ISIS layout: \(layout), byte order \(byteOrder), MSTXL shift \(shift)")
        }
        if let s = status {
            lines.append("MFNs: \(s.total) — active \(s.active), logically deleted \(s.logicallyDeleted), "
                + "physically deleted \(s.physicallyDeleted), never assigned \(s.neverAssigned), "
                + "unreadable \(s.unreadable)" + (s.locked > 0 ? "; \(s.locked) locked" : ""))
        }
        if let guess = encodingGuess {
            lines.append("character set: \(guess)")
            if !guess.scores.isEmpty {
                lines.append("  scores: " + guess.scores.map { "\($0.name) \($0.score)" }.joined(separator: ", "))
            }
        } else {
            lines.append("character set: \(encoding) (given)")
        }
        lines.append("profile: \(profile)" + (profileGuessed ? " (chosen from the records; --profile to change)" : ""))
        if let fieldDefinitionTable { lines.append("field definition table: \(fieldDefinitionTable)") }
        lines.append("fields:")
        lines.append("  tag\tname\toccurrences\trecords\tsubfields\tunmapped\tsample")
        for row in fields {
            lines.append("  \(row.tag)\t\(row.name ?? "-")\t\(row.occurrences)\t\(row.records)\t"
                + "\(row.subfieldCodes.isEmpty ? "-" : row.subfieldCodes)\t\(row.unmapped)\t\(row.sample)")
        }
        lines.append("unmapped by profile \(profile) (kept in \(localTag)): "
            + (unmappedTags.isEmpty ? "none" : unmappedTags.map(String.init).joined(separator: ", ")))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Inspector {
    /// Reads a whole ISIS input through its mapping, counting field usage on the way.
    static func inspectISIS(_ reader: inout ISISMARCReader, path: String, report: inout InspectReport,
        reporter: FindingReporter, progress: inout ProgressMeter) throws(ReadError)
    {
        var usage = ISISFieldUsage()
        var unmapped: Set<Int> = []
        while let (isis, mapped) = try reader.nextMapped() {
            let findings = reader.drainFindings()
            if !findings.isEmpty { reporter.record(findings) }
            report.records += 1
            usage.add(isis, unmappedTags: mapped.unmappedTags)
            unmapped.formUnion(mapped.unmappedTags)
            // Leader bytes of the MARC records made (the mapping sets 06/07 and 09 = 'a').
            report.leader09[ASCII.escaped([mapped.record.leaderByte(9)]), default: 0] += 1
            report.typeOfRecord[ASCII.escaped([mapped.record.leaderByte(6)]), default: 0] += 1
            let length = mapped.record.encodedLength
            report.minRecordLength = min(report.minRecordLength ?? .max, length)
            report.maxRecordLength = max(report.maxRecordLength ?? 0, length)
            progress.tick(records: report.records, bytes: reader.bytesConsumed)
        }
        reporter.record(reader.drainFindings())
        guard let mapper = reader.mapper else { return }
        var fdt: ISISFieldDefinitionTable?
        var fdtPath: String?
        if report.format == "isis", let p = ISISFieldUsage.siblingPath(of: path, extension: "fdt"),
            let bytes = try? readWholeFile(p)
        {
            fdtPath = p
            fdt = ISISFieldDefinitionTable.parse(bytes, fileName: p).0
        }
        let format = reader.masterFormat
        report.isis = ISISInspection(layout: format?.layout.rawValue, byteOrder: format?.byteOrder.rawValue,
            shift: format?.shift, status: reader.statusCounts, encoding: "\(mapper.decoder.encoding)",
            encodingGuess: reader.encodingGuess, profile: mapper.profile.name,
            profileGuessed: reader.guessedProfileName != nil, fieldDefinitionTable: fdtPath,
            fields: usage.rows(decoder: mapper.decoder, fdt: fdt), unmappedTags: unmapped.sorted(),
            localTag: mapper.profile.localTag.description)
    }
}
