import Dedup
import Foundation
import KatalogIO
import MARCRecord
import struct MARCRecord.Tag
import MARCText
import Testing
import _KatalogTestSupport

/// The shipped matcher on the second half of Goldfinch 1.1 val (pairs 5,105–10,208), which no
/// weight or threshold was chosen on. Goldfinch has no identifiers, so this measures the content
/// path alone. Skips without the corpus or without `unzip`.
@Suite struct GoldfinchTests {
    static let folder = Paths.corpusFile("dedup/goldfinch")
    static let unzip = ["/usr/bin/unzip", "/bin/unzip"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool {
        guard let folder, unzip != nil else { return false }
        return FileManager.default.fileExists(atPath: folder + "/202303_goldfinch_set_1.1_val.json.zip")
    }

    @Test(.enabled(if: available))
    func secondHalfPrecisionAndRecall() throws {
        let folder = try #require(Self.folder)
        // Read from the zip through a pipe: the corpus is never unpacked into the project.
        let json = try run(try #require(Self.unzip), ["-p", folder + "/202303_goldfinch_set_1.1_val.json.zip"])
        #expect(json.status == 0)
        var reader = MARCJSONReader(source: MemoryByteSource(json.stdout))
        let cid: Tag = "CID"
        var profiles: [MatchProfile] = []
        var ids: [String] = []
        while var record = try reader.next() {
            record.removeFields { $0.tag == cid }  // the answer
            ids.append(record.controlNumber ?? "")
            profiles.append(MatchProfile(record: record))
        }
        let labels = try String(contentsOfFile: folder + "/202303_goldfinch_set_1.1_val_labels.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        try #require(labels.count == 10_208 && profiles.count == 20_416)

        let matcher = Matcher()
        var tp = 0, fp = 0, fn = 0
        for k in 5_104..<10_208 {
            #expect(String(labels[k][0]) == ids[2 * k] && String(labels[k][1]) == ids[2 * k + 1])
            let same = labels[k][2] == "1"
            let decision = matcher.compare(profiles[2 * k], profiles[2 * k + 1])
            let merged = decision.verdict == .match
            if merged && same { tp += 1 }
            if merged && !same { fp += 1 }
            if !merged && same { fn += 1 }
        }
        // On real records too: the decision does not depend on the order, and stored profiles
        // read back equal.
        for k in stride(from: 0, to: 10_208, by: 10) {
            let a = profiles[2 * k], b = profiles[2 * k + 1]
            #expect(matcher.compare(a, b) == matcher.compare(b, a), "pair \(k + 1)")
            #expect(MatchProfile(serialized: a.serialized()) == a, "record \(ids[2 * k])")
        }
        let precision = Double(tp) / Double(tp + fp), recall = Double(tp) / Double(tp + fn)
        // Measured when the weights were trained: P 0.9941, R 0.9515 (fp 14, fn 121).
        #expect(precision >= 0.993, "precision \(precision) (tp \(tp), fp \(fp), fn \(fn))")
        #expect(recall >= 0.945, "recall \(recall) (tp \(tp), fp \(fp), fn \(fn))")
    }
}
