#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The third-party test provider `../shared/tools/oai-peer` (PyPI `oaipmh` 4.0.0), run from the venv
/// `Scripts/install-deps` makes (`.venv-oai-peer`), on a free loopback port, stopped by its PID.
public final class OAIPeer {
    public static let directory = Paths.root.deletingLastPathComponent().appendingPathComponent("shared/tools/oai-peer").path
    public static let python = Paths.root.appendingPathComponent(".venv-oai-peer/bin/python").path

    /// The peer and its Python environment are there (tests skip otherwise).
    public static var available: Bool {
        FileManager.default.fileExists(atPath: directory + "/peer_server.py")
            && FileManager.default.isExecutableFile(atPath: python)
    }

    public let records: String
    public let port: Int
    private let process: Process

    public init(arguments: [String] = []) throws {
        records = NSTemporaryDirectory() + "oai-peer-" + UUID().uuidString
        try Self.script("make_records.py", ["--out", records])
        port = Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.directory + "/peer_server.py", "--port", String(port), "--records", records]
            + arguments
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        guard Self.waitForPort(port) else {
            stop()
            throw PeerError(message: "the peer did not start on port \(port)")
        }
    }

    public var baseURL: String { "http://127.0.0.1:\(port)/oai" }

    public func stop() {
        if process.isRunning {
            // SIGKILL: the test runner's threads block SIGTERM, and a child started from one inherits the mask.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    /// `touch_record.py ID [--delete]` on this peer's records.
    public func touch(_ id: String, delete: Bool = false) throws {
        try Self.script("touch_record.py", [id, "--records", records] + (delete ? ["--delete"] : []))
    }

    public struct PeerError: Error { public var message: String }

    private static func script(_ name: String, _ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [directory + "/" + name] + arguments
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw PeerError(message: "\(name) exited \(p.terminationStatus)") }
    }

    /// The identifiers the provider has now, deleted ones apart (from its `index.json`).
    public func currentIdentifiers(prefix: String = "oai:loopback.test:") throws -> (live: Set<String>, deleted: Set<String>) {
        let data = try Data(contentsOf: URL(fileURLWithPath: records + "/index.json"))
        let index = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] ?? [:]
        var live = Set<String>(), deleted = Set<String>()
        for (id, entry) in index {
            if entry["deleted"] as? Bool == true { deleted.insert(prefix + id) } else { live.insert(prefix + id) }
        }
        return (live, deleted)
    }

    /// A port the kernel has just handed out and taken back.
    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func waitForPort(_ port: Int) -> Bool {
        for _ in 0..<100 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            close(fd)
            if result == 0 { return true }
            usleep(100_000)
        }
        return false
    }
}
