public import MARCRecord

/// One small, named normalization step. Each rule lives in its own file under `Rules/`, says in one
/// line what it does, and records every change it makes in the context.
///
/// Rules must be idempotent (running one twice changes nothing the second time): the catalogue
/// re-normalizes stored records whenever the rules change, and the content hash that decides
/// "unchanged" is taken after normalization.
public protocol NormalizationRule: Sendable {
    /// The name used in `katalog.toml` (`[normalize] rules = [...]`, `[normalize.NAME]` settings).
    static var name: String { get }
    /// One line for `katalog convert --help` and the README's rule table.
    static var summary: String { get }
    /// The rule with its settings from `[normalize.NAME]` (defaults for keys not given).
    init(settings: RuleSettings) throws(NormalizerConfigurationError)
    func apply(to record: inout MARCRecord, _ context: inout NormalizationContext)
}

/// What a rule may know about the record besides its fields, and where it writes its changes.
public struct NormalizationContext: Sendable {
    /// The member library's code (`UI`, `PNRI`…), for the provenance rule; nil outside the catalogue
    /// unless `convert --member` gives one.
    public var memberCode: String?
    /// The member's own id for the record when the source knows it (OAI identifier, ISIS MFN);
    /// otherwise the provenance rule takes the 001.
    public var localID: String?
    /// The member's location for the 852 holdings field (`$b`), from the member's configuration.
    public var holdingLocation: String?
    /// Set by a caller whose reader already wrote NFC (`convert` does by default), so that the `nfc`
    /// rule does not check every field a second time.
    public var isKnownNFC = false
    /// The changes made so far, in order.
    public var changes: [NormalizationChange] = []
    /// Whether changes are written down at all: the bulk path of `convert --normalize` without
    /// `--report` skips building before/after strings.
    public var recordsChanges: Bool

    public init(
        memberCode: String? = nil, localID: String? = nil, holdingLocation: String? = nil, recordsChanges: Bool = true
    ) {
        self.memberCode = memberCode
        self.localID = localID
        self.holdingLocation = holdingLocation
        self.recordsChanges = recordsChanges
    }

    /// Writes down a change; `before`/`after` are built only when changes are being recorded.
    public mutating func record(
        _ rule: String, tag: String?, before: @autoclosure () -> String?, after: @autoclosure () -> String?
    ) {
        changeCount += 1
        guard recordsChanges else { return }
        changes.append(NormalizationChange(rule: rule, tag: tag, before: before(), after: after()))
    }

    /// Changes made, counted even when they are not recorded.
    public private(set) var changeCount = 0
}
