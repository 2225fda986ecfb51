// dedup-tune: learns the content model's weights from the Goldfinch val pairs and reports how the
// matcher does.
//
//   dedup-tune --records val.json --labels val_labels.csv [--write-weights Sources/Dedup/TrainedWeights.swift]
//              [--predictions out.csv] [--weights-from-settings]
//
// The records file is MARC-in-JSON, one record per line, pairs on consecutive lines (unzip the
// corpus zip to a temporary folder first: Scripts/dedup-tune does). The `CID` field is the answer
// and is removed before anything else. Only pairs 1–5,104 (the first half) are learned from and
// used to choose the threshold; the second half is reported, never tuned on.
import Dedup
import Foundation
import KatalogIO
import MARCRecord
import MARCText

var arguments = CommandLine.arguments.dropFirst()
var recordsPath = "", labelsPath = "", weightsOut: String?, predictionsOut: String?
var train = true
var showVeto: String?
var lambda = 1.0
var crossValidate = false
while let a = arguments.popFirst() {
    switch a {
    case "--records": recordsPath = arguments.popFirst() ?? ""
    case "--labels": labelsPath = arguments.popFirst() ?? ""
    case "--write-weights": weightsOut = arguments.popFirst()
    case "--predictions": predictionsOut = arguments.popFirst()
    case "--no-train": train = false
    case "--show-veto": showVeto = arguments.popFirst()
    case "--lambda": lambda = Double(arguments.popFirst() ?? "") ?? 1.0
    case "--cross-validate": crossValidate = true
    default:
        FileHandle.standardError.write("unknown argument \(a)\n".data(using: .utf8)!)
        exit(2)
    }
}

// MARK: - Read

let cidTag: Tag = "CID"
var records: [MARCRecord] = []
var ids: [String] = []
do {
    var reader = MARCJSONReader(source: try FileByteSource(path: recordsPath), fileName: recordsPath)
    while var record = try reader.next() {
        record.removeFields { $0.tag == cidTag }
        ids.append(record.controlNumber ?? "")
        records.append(record)
    }
} catch {
    FileHandle.standardError.write("cannot read \(recordsPath): \(error)\n".data(using: .utf8)!)
    exit(2)
}
/// CPU time of this thread: the machine the tuning runs on is shared, and wall time would
/// measure the neighbours.
struct CPUClock {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e6 + Double(t.tv_nsec) / 1e3
    }
    func measure(_ body: () -> Void) -> Double {
        let start = CPUClock.now()
        body()
        return CPUClock.now() - start
    }
}
let clock = CPUClock()
var profiles: [MatchProfile] = []
profiles.reserveCapacity(records.count)
let profileTime = clock.measure {
    for record in records { profiles.append(MatchProfile(record: record)) }
}
func microseconds(_ d: Double) -> Double { d }
let serializedSizes = profiles.map { $0.serialized().count }
print(String(format: "profiles: %d in %.0f µs each; serialized %.0f bytes on average", profiles.count,
    microseconds(profileTime) / Double(profiles.count), Double(serializedSizes.reduce(0, +)) / Double(profiles.count)))
let labelLines = (try? String(contentsOfFile: labelsPath, encoding: .utf8))?.split(separator: "\n").dropFirst() ?? []
let labels: [Bool] = labelLines.map { $0.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) == "1" } ?? false }
let pairCount = min(labels.count, profiles.count / 2)
guard pairCount > 0 else {
    FileHandle.standardError.write("no pairs\n".data(using: .utf8)!)
    exit(2)
}
for (k, line) in labelLines.prefix(pairCount).enumerated() {
    let parts = line.split(separator: ",")
    if parts.count < 2 || String(parts[0]) != ids[2 * k] || String(parts[1]) != ids[2 * k + 1] {
        FileHandle.standardError.write("label row \(k + 1) does not name pair \(k + 1)\n".data(using: .utf8)!)
        exit(2)
    }
}
let half = pairCount / 2
do {
    let matcher = Matcher()
    var merged = 0
    let rounds = 5
    let compareTime = clock.measure {
        for _ in 0..<rounds {
            for k in 0..<pairCount where matcher.compare(profiles[2 * k], profiles[2 * k + 1]).verdict == .match { merged += 1 }
        }
    }
    print(String(format: "compare: %.2f µs per pair (%d matches)", microseconds(compareTime) / Double(rounds * pairCount),
        merged / rounds))
}
print("pairs: \(pairCount) (learning on 1–\(half), reporting on \(half + 1)–\(pairCount))")

// MARK: - Features

let n = MatchFeatureAccess.count
var features: [[Double]] = []
var vetoed: [Bool] = []
var vetoCounts: [String: (pos: Int, neg: Int)] = [:]
for k in 0..<pairCount {
    let a = profiles[2 * k], b = profiles[2 * k + 1]
    features.append(MatchFeatureAccess.features(a, b))
    let reasons = MatchFeatureAccess.vetoes(a, b)
    vetoed.append(!reasons.isEmpty)
    if let showVeto, k < half, labels[k], let r = reasons.first(where: { $0.contains(showVeto) }) {
        print("positive \(k + 1) vetoed: \(r)")
    }
    if k < half {
        for r in reasons {
            let kind = String(r.prefix(while: { $0 != "(" }))
            var c = vetoCounts[kind] ?? (0, 0)
            if labels[k] { c.pos += 1 } else { c.neg += 1 }
            vetoCounts[kind] = c
        }
    }
}
print("vetoes on the first half (positives lost / negatives stopped):")
for (kind, c) in vetoCounts.sorted(by: { $0.key < $1.key }) { print("  \(kind): \(c.pos) / \(c.neg)") }

// MARK: - Learn

/// Two-fold cross-validation inside the first half (odd and even pairs) for the regularisation:
/// train on one fold, choose the threshold there (precision 0.995), measure on the other.
if crossValidate {
    let folds = [(0..<half).filter { $0 % 2 == 0 && !vetoed[$0] }, (0..<half).filter { $0 % 2 == 1 && !vetoed[$0] }]
    for l in [0.03, 0.1, 0.3, 1, 3, 10, 30] {
        var tp = 0, fp = 0, fn = 0
        for f in 0..<2 {
            let trainRows = folds[f], testRows = folds[1 - f]
            let w = LogisticRegression.fit(x: trainRows.map { features[$0] }, y: trainRows.map { labels[$0] }, lambda: l)
            func s(_ k: Int) -> Double { zip(w, features[k]).reduce(0) { $0 + $1.0 * $1.1 } }
            var t = -5.0
            while t < 20 {
                let predicted = trainRows.filter { s($0) >= t }
                let good = predicted.filter { labels[$0] }.count
                if predicted.isEmpty || Double(good) / Double(predicted.count) >= 0.995 { break }
                t += 0.25
            }
            for k in testRows {
                let m = s(k) >= t
                if m && labels[k] { tp += 1 }
                if m && !labels[k] { fp += 1 }
                if !m && labels[k] { fn += 1 }
            }
        }
        print(String(format: "cv lambda %5.2f: P %.4f R %.4f (fp %d, fn %d, non-vetoed pairs only)", l,
            Double(tp) / Double(tp + fp), Double(tp) / Double(tp + fn), fp, fn))
    }
}

var weights = MatchFeatureAccess.shippedWeights
if train {
    let rows = (0..<half).filter { !vetoed[$0] }
    weights = LogisticRegression.fit(x: rows.map { features[$0] }, y: rows.map { labels[$0] }, lambda: lambda)
}

@MainActor func score(_ k: Int) -> Double {
    var s = 0.0
    for j in 0..<n { s += weights[j] * features[k][j] }
    return s
}
let scores = (0..<pairCount).map(score)

@MainActor func evaluate(_ range: Range<Int>, threshold: Double) -> (p: Double, r: Double, tp: Int, fp: Int, fn: Int) {
    var tp = 0, fp = 0, fn = 0
    for k in range {
        let predicted = !vetoed[k] && scores[k] >= threshold
        if predicted && labels[k] { tp += 1 }
        if predicted && !labels[k] { fp += 1 }
        if !predicted && labels[k] { fn += 1 }
    }
    let p = tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp)
    let r = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
    return (p, r, tp, fp, fn)
}

// The threshold: the lowest (in steps of 0.25) at which the FIRST half reaches precision 0.995.
var threshold = MatchFeatureAccess.shippedThreshold
if train {
    threshold = 20
    var t = -5.0
    while t <= 20 {
        if evaluate(0..<half, threshold: t).p >= 0.995 {
            threshold = t
            break
        }
        t += 0.25
    }
}

func fmt(_ d: Double) -> String { String(format: "%.4f", d) }
print("threshold  first-half P / R (fp, fn)        second-half P / R (fp, fn)")
var thresholds: [Double] = [-2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10]
if !thresholds.contains(threshold) { thresholds.append(threshold) }
for t in thresholds.sorted() {
    let f = evaluate(0..<half, threshold: t), s = evaluate(half..<pairCount, threshold: t)
    let mark = t == threshold ? "  <- shipped" : ""
    print(String(format: "%7.2f", t) + "    \(fmt(f.p)) / \(fmt(f.r)) (\(f.fp), \(f.fn))    "
        + "\(fmt(s.p)) / \(fmt(s.r)) (\(s.fp), \(s.fn))\(mark)")
}

if let showVeto, showVeto == "fp" || showVeto == "fn" {
    for k in 0..<half where !vetoed[k] && (showVeto == "fp" ? (!labels[k] && scores[k] >= threshold) : (labels[k] && scores[k] < threshold)) {
        print("\(showVeto) \(k + 1) score \(String(format: "%.2f", scores[k]))")
    }
}

if let predictionsOut {
    var csv = "id1,id2,prediction\n"
    for k in 0..<pairCount {
        let p = vetoed[k] ? 0 : 1 / (1 + exp(-scores[k]))
        csv += "\(ids[2 * k]),\(ids[2 * k + 1]),\(String(format: "%.6f", p))\n"
    }
    try csv.write(toFile: predictionsOut, atomically: true, encoding: .utf8)
}

if let weightsOut {
    var text = "// Generated by Scripts/dedup-tune from the first half (pairs 1–\(half)) of Goldfinch 1.1 val;\n"
    text += "// do not edit by hand. One weight per MatchFeatures.names entry, in log-odds.\n"
    text += "enum TrainedWeights {\n"
    text += "    /// Chosen on the first half: the lowest score there with precision >= 0.995.\n"
    text += "    static let threshold: Double = \(threshold)\n"
    text += "    static let values: [Double] = [\n"
    for (j, name) in MatchFeatureAccess.names.enumerated() {
        text += "        \(String(format: "%.6f", weights[j])),  // \(name)\n"
    }
    text += "    ]\n}\n"
    try text.write(toFile: weightsOut, atomically: true, encoding: .utf8)
    print("wrote \(weightsOut)")
}
