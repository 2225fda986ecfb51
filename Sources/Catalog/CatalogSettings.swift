public import Dedup
import KatalogIO
public import Normalize

/// Everything a merge takes from `katalog.toml`: `[normalize]` (the catalogue always normalizes),
/// `[match]` and `[catalog]`:
///
/// ```toml
/// [catalog]
/// max-delete-share = 20      # an integer is a percentage; 0.2 (a float) or "20%" say the same
/// batch-size = 1000          # member records per transaction
/// ```
///
/// Other keys of `[catalog]` belong to other commands (the dump's settings) and are left to them.
public struct CatalogSettings: Sendable {
    public var normalizer: NormalizerConfiguration = NormalizerConfiguration()
    public var match: MatchSettings = MatchSettings()
    /// `--full` refuses to delete more than this share of the member's records without `--force`.
    public var maxDeleteShare = 0.20
    public var batchSize = 1000

    public init() {}

    /// From the text of `katalog.toml`; errors name the line.
    public init(toml text: String) throws(CatalogSettingsError) {
        let root: TOMLTable
        do { root = try TOML.parse(text) } catch { throw CatalogSettingsError(message: error.message, line: error.line) }
        do { normalizer = try NormalizerConfiguration(root: root) } catch {
            throw CatalogSettingsError(message: "\(error)", line: nil)
        }
        do { match = try MatchSettings(table: root["match"]?.table) } catch {
            throw CatalogSettingsError(message: "\(error)", line: nil)
        }
        guard let catalog = root["catalog"] else { return }
        guard let table = catalog.table else { throw CatalogSettingsError(message: "[catalog] must be a table", line: nil) }
        if let v = table["max-delete-share"] {
            let line = table.lines["max-delete-share"]
            var share: Double?
            if let i = v.integer { share = Double(i) / 100 }
            if let f = v.float { share = f }
            if let s = v.string {
                let t = s.trimmingBlanks()
                share = t.hasSuffix("%") ? Double(t.dropLast()).map { $0 / 100 } : Double(t)
            }
            guard let share, share >= 0, share <= 1 else {
                throw CatalogSettingsError(
                    message: "[catalog] max-delete-share must be a percentage 0–100 (20, \"20%\") or a share 0–1 (0.2)",
                    line: line)
            }
            maxDeleteShare = share
        }
        if let v = table["batch-size"] {
            guard let n = v.integer, n >= 1, n <= 100_000 else {
                throw CatalogSettingsError(message: "[catalog] batch-size must be an integer 1–100000",
                    line: table.lines["batch-size"])
            }
            batchSize = n
        }
    }
}

public struct CatalogSettingsError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
