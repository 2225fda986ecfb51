import Charsets
public import MARCRecord

/// Unicode NFC in every field, one subfield at a time (a value that starts with a combining mark
/// must not compose with the subfield code before it). Readers already write NFC by default; this
/// rule catches records that entered with `--unicode-form keep` or from the catalogue's store.
public struct UnicodeNFC: NormalizationRule {
    public static let name = "nfc"
    public static let summary = "Unicode NFC in every field, subfield by subfield"

    public init(settings: RuleSettings) throws(NormalizerConfigurationError) { try settings.only([]) }

    public func apply(to record: inout MARCRecord, _ context: inout NormalizationContext) {
        guard !context.isKnownNFC else { return }
        let fields = record.fields
        var replacements: [(Int, [UInt8])] = []
        for i in fields.indices {
            let field = fields[i]
            let normalized = field.content.withUnsafeBufferPointer {
                FieldNormalizer.normalize($0, form: .nfc, dataField: !field.isControlField,
                                          indicatorCount: field.indicatorCount)
            }
            guard let normalized else { continue }
            replacements.append((i, normalized))
            context.record(Self.name, tag: field.tag.description, before: field.display,
                           after: EditableField.display(normalized, dataField: !field.isControlField,
                                                        indicatorCount: field.indicatorCount))
        }
        for (i, bytes) in replacements { record.replaceField(at: i, content: bytes) }
    }
}
