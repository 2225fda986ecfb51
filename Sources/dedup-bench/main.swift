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
    FileHandle.standardError.write(Data("usage: dedup-bench FILE.mrc [ROUNDS] [all|profile|merge|none]\n".utf8))
    exit(2)
}
let rounds = arguments.count >= 3 ? Int(arguments[2]) ?? 5 : 5
// One phase alone (or none, only the loading) lets `perf stat` count each phase's instructions, a
// figure the other work on a shared machine does not disturb.
let phase = arguments.count >= 4 ? arguments[3] : "all"
var reader = ISO2709Reader(source: try FileByteSource(path: arguments[1]), fileName: arguments[1])
var loaded: [ClusterMember] = []
let normalizer = try Normalizer()
while let record = try reader.next() {
    let localID = record.controlNumber ?? "n\(loaded.count)"
    let (normalized, _) = normalizer.normalized(record, memberCode: "LC", localID: localID)
    loaded.append(ClusterMember(memberCode: "LC", localID: localID, record: normalized, datestamp: nil))
}

/// The CPU time of this thread so far, in seconds: on a machine shared with other work the wall clock
/// says more about the neighbours than about the code.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// The best of `rounds` runs of `body` over every member, in µs per record of wall-clock and of CPU
/// time; the checksum keeps the optimizer from dropping the work.
func time(_ name: String, _ members: [ClusterMember], rounds: Int, _ body: (ClusterMember) -> Int) {
    var best = Double.infinity, bestCPU = Double.infinity
    var checksum = 0
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        let startCPU = threadCPUSeconds()
        for member in members { checksum &+= body(member) }
        let elapsed = ContinuousClock.now - start
        bestCPU = min(bestCPU, threadCPUSeconds() - startCPU)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = min(best, seconds)
    }
    let wall = best * 1e6 / Double(members.count), cpu = bestCPU * 1e6 / Double(members.count)
    print("\(name): \(String(format: "%.1f", cpu)) µs/record CPU, \(String(format: "%.1f", wall)) wall "
        + "(best of \(rounds), \(members.count) records, checksum \(checksum))")
}

if phase == "all" || phase == "profile" {
    time("MatchProfile(record:)", loaded, rounds: rounds) { MatchProfile(record: $0.record).keys.count }
}
let builder = MergedRecordBuilder()
if phase == "all" || phase == "merge" {
    time("MergedRecordBuilder.build, 1 member", loaded, rounds: rounds) { builder.build(clusterID: "kat1", members: [$0])?.fieldCount ?? 0 }
}
