import Charsets
import Foundation
import KatalogIO
import MARCRecord
import Normalize
import Pipeline
import Testing
import _KatalogTestSupport

/// Normalizing twice gives the same bytes as normalizing once, on every record the readers get out of
/// the corpus (the 25k LC slice and every MARC file under `../shared/corpus/marc/`, in any format).
@Suite("Normalizer idempotence over the corpus")
struct NormalizeIdempotenceTests {
    static var corpusFiles: [String] {
        guard let root = Paths.corpus?.appendingPathComponent("marc") else { return [] }
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return files.map { root.appendingPathComponent($0).path }
            .filter { (try? FileManager.default.attributesOfItem(atPath: $0)[.type] as? FileAttributeType) == .typeRegular }
            .sorted()
    }

    @Test("every readable record in the corpus: normalize(normalize(r)) == normalize(r), byte for byte",
          .enabled(if: Paths.hasCorpus))
    func corpus() throws {
        let normalizer = try Normalizer()
        let transcoder = RecordTranscoder()
        var files = 0
        var records = 0
        var changed = 0
        var failures: [String] = []
        for path in Self.corpusFiles {
            guard var opened = try? InputOpener.open(path, from: nil, mode: .lenient) else { continue }
            files += 1
            var number = 0
            do {
                while var record = try opened.reader.next() {
                    number += 1
                    _ = opened.reader.drainFindings()
                    _ = transcoder.transcode(&record)
                    // With a member code, so that the provenance rule takes part too.
                    let (once, changes) = normalizer.normalized(record, memberCode: "TEST")
                    let (twice, again) = normalizer.normalized(once, memberCode: "TEST")
                    records += 1
                    if !changes.isEmpty { changed += 1 }
                    if !(once == twice && once.leader == twice.leader) || !again.isEmpty {
                        failures.append("\(path) record \(number): " + again.map(\.line).joined(separator: "; "))
                    }
                }
            } catch {
                continue  // a file the reader gives up on is the readers' business, tested elsewhere
            }
        }
        let sample = failures.prefix(20).joined(separator: "\n")
        #expect(failures.isEmpty, "\(failures.count) records changed on a second run:\n\(sample)")
        #expect(files > 100)
        #expect(records > 25_500)
        #expect(changed > records / 2)
    }
}
