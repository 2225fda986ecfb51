import MARCRecord

/// One MARC code list (countries, languages) as the rules that check coded values see it: a current code
/// passes, an obsolete one is a warning, an unknown one an error. The rules differ only in where the codes sit.
struct CodeListLookup {
    let rule: String
    /// What a code of this list is called in messages: "country", "language".
    let noun: String
    let codes: [String: CodeStatus]

    func judge(_ code: ArraySlice<UInt8>, tag: String, position: String, at: Int, _ c: inout RecordCheck) {
        switch codes[String(decoding: code, as: UTF8.self)] {
        case .current: break
        case .obsolete:
            c.add(.warning, rule, "\(noun) code '\(code.shown)' is obsolete", tag: tag, position: position, at: at)
        case nil:
            c.add(.error, rule, "'\(code.shown)' is not a MARC \(noun) code", tag: tag, position: position, at: at)
        }
    }
}
