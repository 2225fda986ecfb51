public import MARCRecord

/// An element of the OAI-PMH envelope around MARCXML records (`responseDate`, `header`,
/// `identifier`, `datestamp`, `resumptionToken`, `error`, the Identify elements…), as the MARCXML
/// reader met it in document order.
///
/// The reader only reports these; what they mean is the harvester's business. Only elements in the
/// OAI-PMH namespace (`http://www.openarchives.org/OAI/2.0/`, blanks trimmed) outside MARC records
/// are reported, so plain MARCXML files produce none.
public enum OAIEnvelopeEvent: Sendable, Hashable {
    /// An element opened, with its attributes (values decoded) and the line it is on.
    case start(name: String, attributes: [String: String], line: Int)
    /// An element closed, with the text met since the last element of the envelope opened (a leaf's
    /// value; whitespace for a container), cut at `OAIEnvelopeEvent.maxTextBytes`.
    case end(name: String, text: String)

    /// Envelope values are short (tokens, dates, identifiers, error messages); longer text is cut.
    public static let maxTextBytes = 1 << 16
}

/// What `MARCXMLReader.nextItem()` hands over: a record, or an element of the OAI-PMH envelope.
public enum MARCXMLItem: Sendable {
    case record(MARCRecord)
    case oai(OAIEnvelopeEvent)
}
