import Charsets
import Foundation
import ISO2709
import KatalogIO
import MARCRecord

/// Reads the base records and writes the members, the manifest and the member list.
struct Generator {
    enum Kind: String { case copy, ebook, edition }

    let options: GeneratorOptions
    let profiles: [MemberProfile]

    init(options: GeneratorOptions) {
        self.options = options
        profiles = options.profiles
    }

    struct Summary {
        var baseRecords = 0
        var kinds: [Kind: Int] = [:]
        /// Groups (of any kind) held by two members or more: the planted duplicates.
        var duplicateGroups = 0
        var readerFindings = 0
    }

    func run() throws -> Summary {
        let directory = options.outputDirectory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let outputs = try profiles.map { try MemberOutput(profile: $0, path: "\(directory)/\($0.fileName)") }
        let changedIndex = options.changed > 0 ? profiles.firstIndex { $0.code == (options.changedMember ?? profiles[0].code) } : nil
        let changedOutput = try changedIndex.map { i in
            try MemberOutput(profile: profiles[i], path: "\(directory)/\(profiles[i].code)-changed.\(profiles[i].format.fileExtension)")
        }
        let manifest = try OutputFile(path: "\(directory)/manifest.tsv")
        try manifest.write("member\tlocalid\tgroup\tkind\tbase\tnotes\n")

        var reader = ISO2709Reader(source: try FileByteSource(path: options.input), fileName: options.input)
        // The LC file is UTF-8, but any ISO 2709 file will do: MARC-8 and the rest are decoded first.
        let decoder = RecordTranscoder(input: .auto, output: .utf8, form: .keep)
        var counters = Array(repeating: 0, count: profiles.count)
        var changedWritten = 0
        var summary = Summary()
        var position = -1
        while let record = try reader.next() {
            summary.readerFindings += reader.drainFindings().count
            position += 1
            if position < options.skip { continue }
            if let base = options.base, summary.baseRecords >= base { break }
            summary.baseRecords += 1
            var decoded = record
            _ = decoder.transcode(&decoded)
            let plan = Plan(base: WorkRecord(decoded), position: position, options: options, memberCount: profiles.count)
            for item in plan.items {
                counters[item.member] += 1
                let profile = profiles[item.member]
                let localID = profile.localID(counters[item.member])
                var rng = SplitMix64(seed: options.seed ^ UInt64(item.member + 1) &* 0x2545_F491_4F6C_DD1D, stream: position)
                var work = item.record
                var variation = CopyVariation(member: profile, localID: localID)
                variation.contentOnly = item.contentOnly
                variation.typo = item.typo
                variation.anchor = item.anchor
                let notes = variation.apply(to: &work, rng: &rng)
                try outputs[item.member].write(work.record())
                try manifest.write(
                    "\(profile.code)\t\(localID)\t\(item.group)\t\(item.kind.rawValue)\t\(plan.baseID)\t\(notes.joined(separator: ","))\n")
                summary.kinds[item.kind, default: 0] += 1
                if item.member == changedIndex, let changedOutput, changedWritten < options.changed {
                    try changedOutput.write(Self.changed(work, number: changedWritten).record())
                    changedWritten += 1
                }
            }
            summary.duplicateGroups += plan.duplicateGroups
        }
        summary.readerFindings += reader.drainFindings().count
        for output in outputs { try output.finish() }
        try changedOutput?.finish()
        try manifest.commit()

        let list = try OutputFile(path: "\(directory)/members.tsv")
        try list.write("member\tfile\tformat\tencoding\trecords\n")
        for output in outputs {
            let p = output.profile
            try list.write("\(p.code)\t\(p.fileName)\t\(p.format.rawValue)\t\(p.format.encodingName)\t\(output.records)\n")
        }
        if let changedOutput {
            let p = changedOutput.profile
            try list.write("\(p.code)\t\(p.code)-changed.\(p.format.fileExtension)\t\(p.format.rawValue)\t"
                + "\(p.format.encodingName)\t\(changedOutput.records)\n")
        }
        try list.commit()
        if !options.quiet {
            for output in outputs {
                Output.standardError("lc-members: \(output.profile.code): \(output.records) records -> \(output.path)"
                    + (output.findings > 0 ? " (\(output.findings) writer findings)" : ""))
            }
            if let changedOutput {
                Output.standardError("lc-members: \(changedOutput.records) changed records -> \(changedOutput.path)")
            }
        }
        return summary
    }

    /// A revised version of a record, as a member's cataloguer leaves it: a later 005, a new note,
    /// and every tenth record a new subject heading. Its match keys stay as they were.
    static func changed(_ w: WorkRecord, number: Int) -> WorkRecord {
        var w = w
        let hour = number % 24 < 10 ? "0\(number % 24)" : "\(number % 24)"
        w.setControl("005", "20260115\(hour)0000.0")
        w.insert(.init(tag: "500", ind1: " ", ind2: " ", subfields: [
            .init(code: "a", value: "Record revised \(number + 1) (benchmark change).")]))
        if number % 10 == 0 {
            w.insert(.init(tag: "650", ind1: " ", ind2: "0", subfields: [.init(code: "a", value: "Union catalogs.")]))
        }
        return w
    }
}
