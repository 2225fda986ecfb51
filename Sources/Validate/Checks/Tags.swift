import MARCRecord

/// Tags the rules compare against, built once: `Tag("008")` builds an array from a string each time, which
/// in a per-field loop costs more than the check.
enum Tags {
    static let t001: Tag = "001"
    static let t006: Tag = "006"
    static let t007: Tag = "007"
    static let t008: Tag = "008"
    static let t020: Tag = "020"
    static let t022: Tag = "022"
    static let t041: Tag = "041"
    static let t044: Tag = "044"
    static let t245: Tag = "245"
    static let t880: Tag = "880"
}

extension Tag {
    /// The tag as written in a problem: `880/245` for an 880 checked by the rules of 245.
    func shown(linkedTo governing: Tag) -> String {
        self == Tags.t880 ? "880/\(governing)" : governing.description
    }
}
