import Charsets
import Foundation
import MARCRecord
import Testing
import _KatalogTestSupport

/// Issue acceptance: every MARC-8 file under ../shared/corpus/marc decodes, and our decoding agrees,
/// after NFC, subfield by subfield with yaz-marcdump and with Perl's MARC::Charset, except where a
/// disagreement has been settled against the LC code table (MARC8SettledTests, one test each).
@Suite(.enabled(if: Paths.hasCorpus, "../shared/corpus is absent"), .serialized)
struct MARC8PeerTests {
    @Test func everyMARC8FileDecodes() throws {
        let files = try MARC8Peers.marc8Files()
        #expect(files.count >= 20, "MARC-8 files found: \(files.count)")
        for file in files {
            for index in file.marc8 {
                var record = file.records[index]
                _ = RecordTranscoder(input: .marc8).transcode(&record)
                for field in record.fields {
                    #expect(String(validating: field.content, as: UTF8.self) != nil,
                        "\(file.path) record \(index + 1) \(field.tag): not UTF-8 after decoding")
                }
            }
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: MARC8Peers.yaz), "yaz-marcdump is not installed"))
    func agreesWithYaz() throws {
        try agrees(with: "yaz") { try MARC8Peers.yazRecords($0) }
    }

    @Test(.enabled(if: MARC8Peers.hasMARCCharset, "Perl MARC::Charset is not installed (libmarc-charset-perl)"))
    func agreesWithMARCCharset() throws {
        try agrees(with: "MARC::Charset") { try MARC8Peers.perlRecords($0) }
    }

    /// Compares every MARC-8 record of the corpus with a peer's decoding; every disagreement must
    /// belong to a class settled in MARC8SettledTests.
    func agrees(with peer: String, decode: (String) throws -> [MARCRecord?]) throws {
        var all: [Disagreement] = []
        var compared = 0
        var structural = 0
        for file in try MARC8Peers.marc8Files() {
            let theirs = MARC8Peers.align(file.records, try decode(file.path))
            for index in file.marc8 {
                guard let record = theirs[index] else { continue }
                compared += 1
                all += MARC8Peers.compare(file: file.path, record: index + 1, peer: peer,
                    ours: MARC8Peers.ours(file.records[index]), theirs: DecodedRecord(record), structural: &structural)
            }
        }
        let unsettled = all.filter { !MARC8Peers.isSettled($0) }
        let classes = Dictionary(grouping: all.compactMap(MARC8Peers.settlement), by: { $0 })
            .map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", ")
        print("\(peer): MARC-8 records compared: \(compared); fields the readers split differently: \(structural); "
            + "disagreements: \(all.count), settled: \(classes)")
        #expect(compared > 40)
        #expect(unsettled.isEmpty, Comment(rawValue: "\(unsettled.count) disagreements:\n"
            + unsettled.prefix(60).map(\.description).joined(separator: "\n")))
    }
}
