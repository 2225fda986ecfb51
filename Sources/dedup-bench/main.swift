import Dedup
import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import Normalize

// Times match-profile building and single-member merged-record building over an ISO 2709 file
// (Scripts/bench-profile runs it in release mode over the LC 25k slice). The records are normalized
// first, untimed, as the harvester's catalogue sink does before it profiles and merges them.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: dedup-bench FILE.mrc [ROUNDS]\n".utf8))
    exit(2)
}
let rounds = arguments.count >= 3 ? Int(arguments[2]) ?? 5 : 5
var reader = ISO2709Reader(source: try FileByteSource(path: arguments[1]), fileName: arguments[1])
var loaded: [ClusterMember] = []
let normalizer = try Normalizer()
while let record = try reader.next() {
    let localID = record.controlNumber ?? "n\(loaded.count)"
    let (normalized, _) = normalizer.normalized(record, memberCode: "LC", localID: localID)
    loaded.append(ClusterMember(memberCode: "LC", localID: localID, record: normalized, datestamp: nil))
}

/// The best of `rounds` runs of `body` over every member, in µs per record; the checksum keeps the
/// optimizer from dropping the work.
func time(_ name: String, _ members: [ClusterMember], rounds: Int, _ body: (ClusterMember) -> Int) {
    var best = Double.infinity
    var checksum = 0
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        for member in members { checksum &+= body(member) }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = min(best, seconds)
    }
    let perRecord = best * 1e6 / Double(members.count)
    print("\(name): \(String(format: "%.1f", perRecord)) µs/record (best of \(rounds), \(members.count) records, checksum \(checksum))")
}

time("MatchProfile(record:)", loaded, rounds: rounds) { MatchProfile(record: $0.record).keys.count }
let builder = MergedRecordBuilder()
time("MergedRecordBuilder.build, 1 member", loaded, rounds: rounds) { builder.build(clusterID: "kat1", members: [$0])?.fieldCount ?? 0 }
