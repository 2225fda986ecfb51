#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Records, megabytes and records per second on standard error, redrawn at most twice a second.
/// Only shown when standard error is a terminal and `--quiet` was not given.
public struct ProgressMeter {
    public let enabled: Bool
    private let started: Double
    private var lastDraw: Double = 0
    private var drawn = false
    private var errorStream = StandardError()

    public init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) == 1
        started = ProgressMeter.now()
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Call per record; cheap when nothing is drawn.
    public mutating func tick(records: Int, bytes: Int64) {
        guard enabled, records & 1023 == 0 else { return }
        let t = ProgressMeter.now()
        guard t - lastDraw >= 0.5 else { return }
        lastDraw = t
        draw(records: records, bytes: bytes, at: t)
    }

    public mutating func done(records: Int, bytes: Int64) {
        guard enabled else { return }
        draw(records: records, bytes: bytes, at: ProgressMeter.now())
        errorStream.write("\n")
    }

    private mutating func draw(records: Int, bytes: Int64, at t: Double) {
        let elapsed = max(t - started, 1e-6)
        let mb = Double(bytes) / 1_048_576
        let rate = Int(Double(records) / elapsed)
        errorStream.write("\r\u{1B}[K\(records) records, \(Int(mb)) MB, \(rate) records/s")
        drawn = true
    }
}
