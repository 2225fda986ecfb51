public import Foundation

/// Where the project's fixtures and the shared corpus are, found from this file's location so tests
/// work from any working directory.
public enum Paths {
    /// The project root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// A file under `Fixtures/`; a missing fixture is a test failure, not a skip.
    public static func fixture(_ relative: String) -> String {
        let path = root.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
        precondition(FileManager.default.fileExists(atPath: path), "missing fixture \(relative)")
        return path
    }

    /// The shared corpus (`../shared/corpus` beside the project), or `nil` when it is absent (a fresh
    /// clone): tests that need it skip.
    public static let corpus: URL? = {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    public static var hasCorpus: Bool { corpus != nil }

    /// A file of the shared corpus, or `nil` when the corpus is absent.
    public static func corpusFile(_ relative: String) -> String? {
        corpus?.appendingPathComponent(relative).path
    }

    /// The `katalog` executable built beside the test bundle.
    public static var katalogBinary: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var candidates: [URL] = []
        var dir = bundle.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("katalog"))
            dir.deleteLastPathComponent()
        }
        candidates.append(root.appendingPathComponent(".build/debug/katalog"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
            ?? root.appendingPathComponent(".build/debug/katalog").path
    }

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    public static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

extension Paths {
    /// The Python of the pymarc 5.4.0 virtual environment `Scripts/install-deps` makes, if it is there.
    public static var pymarcPython: String? {
        let path = root.appendingPathComponent(".venv-pymarc/bin/python").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Converts with pymarc (`Scripts/pymarc_convert.py FROM TO IN OUT`, kinds marc, xml, json).
    public static func pymarcConvert(_ from: String, _ to: String, _ input: String, _ output: String) throws -> Int32 {
        guard let python = pymarcPython else { return -1 }
        let script = root.appendingPathComponent("Scripts/pymarc_convert.py").path
        return try run(python, [script, from, to, input, output]).status
    }
}

extension Paths {
    /// The `lc-members` test-data generator (Sources/lc-members) built beside the test bundle, found as
    /// `katalogBinary` is: KatalogCLITests depends on the target, so `swift build --build-tests` builds it.
    public static var lcMembersBinary: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var candidates: [URL] = []
        var dir = bundle.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("lc-members"))
            dir.deleteLastPathComponent()
        }
        candidates.append(root.appendingPathComponent(".build/debug/lc-members"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
            ?? root.appendingPathComponent(".build/debug/lc-members").path
    }
}
