/// A dump that could not be written: what failed and the file it was writing.
public struct DumpError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The options ask for something impossible (chunks on standard output, a chunk size below 1).
        public static let usage = Code(rawValue: "dump.usage")
        /// Creating, writing, syncing or renaming a file failed.
        public static let io = Code(rawValue: "dump.io")
        /// zlib refused (it only does when out of memory or misused).
        public static let compression = Code(rawValue: "dump.compression")
    }

    public let code: Code
    /// The file being written (the final name, not the temporary one); nil when none was open.
    public let path: String?
    public let message: String

    public init(_ code: Code, path: String?, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { (path.map { "\($0): " } ?? "") + message }
}
