/// One simple Dublin Core description as an OAI-PMH `oai_dc` record carries it: an ordered list of
/// elements, each a name and a text value.
///
/// Members that serve only `oai_dc` (SLiMS, old INLISLite) write more than the fifteen DCMI
/// elements: DCMI Terms refinements put in the `dc:` namespace (`dc:extent`, `dc:isPartOf`), and
/// names of their own (`dc:identifier_isbn`, `dc:publishYear`, a bare `<image>`). The model keeps
/// every child element as it came, in document order, so the crosswalk decides what each means and
/// nothing is lost on the way. No I/O: readers build it, the crosswalk consumes it.
public struct DublinCoreRecord: Sendable, Hashable {
    /// One child element of `oai_dc:dc`.
    public struct Element: Sendable, Hashable {
        /// The local name as written, case kept: `title`, `creator`, `identifier_isbn`, `publishYear`.
        public var name: String
        /// The text content (character data of the element and of anything nested in it), as written:
        /// leading and trailing blanks are kept so that nothing is decided here.
        public var value: String
        /// The namespace URI with surrounding whitespace removed (INLISLite v3 declares namespaces
        /// with a trailing space); nil for an element in no namespace.
        public var namespace: String?
        /// `xml:lang`, when given.
        public var language: String?
        /// `xsi:type` (an encoding scheme such as `dcterms:URI` or `dcterms:W3CDTF`), when given.
        public var type: String?

        public init(name: String, value: String, namespace: String? = DublinCoreRecord.elementsNamespace,
            language: String? = nil, type: String? = nil)
        {
            self.name = name
            self.value = value
            self.namespace = namespace
            self.language = language
            self.type = type
        }

        /// The value with surrounding whitespace (blanks, tabs, line breaks, no-break spaces) removed.
        public var trimmedValue: String { DublinCoreRecord.trimmed(value) }

        /// Whether the element is in the DCMI elements or terms namespace.
        public var isDublinCore: Bool {
            namespace == DublinCoreRecord.elementsNamespace || namespace == DublinCoreRecord.termsNamespace
        }
    }

    /// `http://purl.org/dc/elements/1.1/`, the namespace of the fifteen DCMI elements.
    public static let elementsNamespace = "http://purl.org/dc/elements/1.1/"
    /// `http://purl.org/dc/terms/`, the DCMI Terms namespace.
    public static let termsNamespace = "http://purl.org/dc/terms/"

    public var elements: [Element]

    public init(elements: [Element] = []) {
        self.elements = elements
    }

    /// The trimmed, non-empty values of the elements with this local name (compared without regard
    /// to ASCII case: `publishYear` and `publishyear` both occur), in document order.
    public func values(_ name: String) -> [String] {
        elements.compactMap { element in
            guard Self.sameName(element.name, name) else { return nil }
            let value = element.trimmedValue
            return value.isEmpty ? nil : value
        }
    }

    /// The first trimmed, non-empty value of the elements with this local name.
    public func firstValue(_ name: String) -> String? { values(name).first }

    /// Whether two element names are the same ignoring ASCII case.
    public static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) &- 0x61 < 26)
        }
    }

    /// `text` without surrounding whitespace, including the no-break spaces that web forms leave.
    public static func trimmed(_ text: String) -> String {
        let isBlank: (Character) -> Bool = { $0.isWhitespace }
        guard let first = text.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = text.lastIndex(where: { !isBlank($0) })!
        return String(text[first...last])
    }
}
