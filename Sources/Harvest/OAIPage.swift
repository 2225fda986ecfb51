public import MARCRecord

/// A record harvested from a provider, with the header that came with it.
public struct HarvestedRecord: Sendable {
    public var record: MARCRecord
    /// The OAI identifier (rewritten per the member's quirks).
    public var identifier: String
    /// The header's datestamp as written; nil when the provider writes none (SLiMS `oai.php`).
    public var datestamp: String?
    /// Read from Dublin Core through the crosswalk: never to win master selection over real MARC.
    public var isDegraded: Bool

    public init(record: MARCRecord, identifier: String, datestamp: String?, isDegraded: Bool = false) {
        self.record = record
        self.identifier = identifier
        self.datestamp = datestamp
        self.isDegraded = isDegraded
    }
}

/// A `<header status="deleted">`: the member withdrew the record.
public struct HarvestedDeletion: Sendable, Hashable {
    public var identifier: String
    public var datestamp: String?

    public init(identifier: String, datestamp: String?) {
        self.identifier = identifier
        self.datestamp = datestamp
    }
}

/// An OAI-PMH error element.
public struct OAIError: Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String

    public var description: String { message.isEmpty ? code : "\(code): \(message)" }
}

/// One response read: its envelope and what it carried.
struct OAIPage: Sendable {
    var responseDate: String?
    /// The resumption token's text when the element is present (maybe empty: the end of the list).
    var resumptionToken: String?
    var completeListSize: String?
    var errors: [OAIError] = []
    /// Records and deletions met (handed to the page consumer when there is one, else only counted).
    var recordCount = 0
    var deletionCount = 0
    /// Headers of a `ListIdentifiers` response that are not deleted.
    var identifiers: [String] = []
    /// Headers of a `ListIdentifiers` response marked deleted.
    var deletedIdentifiers: [String] = []
    /// Leaf elements of an `Identify` response (`granularity`, `earliestDatestamp`, `deletedRecord`…).
    var identify: [String: String] = [:]
    var findings: [Finding] = []
    /// The XML broke off (truncated or malformed): the page cannot be trusted, its token least of all.
    var isBroken = false
    /// The document is not an OAI-PMH response at all (no `OAI-PMH` root element in its namespace).
    var isOAI = false

    /// A token element that is missing or empty ends the list (the spec wants an empty one on the last
    /// page; providers, our test peer among them, omit it).
    var nextToken: String? {
        guard let token = resumptionToken, !token.isEmpty else { return nil }
        return token
    }
}
