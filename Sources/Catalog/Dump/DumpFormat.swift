/// The formats a catalogue dump is written in (`katalog dump --to`).
public enum DumpFormat: String, Sendable, CaseIterable {
    /// ISO 2709 with MARC 21 structure, UTF-8 (leader/09 `a`).
    case iso2709
    /// One MARCXML `<collection>` per file, MARC 21 slim namespace, valid against MARC21slim.xsd.
    case marcxml
    /// MARC-in-JSON, one record per line.
    case json
}
