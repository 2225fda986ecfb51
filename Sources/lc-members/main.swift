#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Test-data generator for the union catalogue (not a product users see): a realistic multi-member
// set made from Library of Congress records, with planted duplicates and planted hard negatives,
// and a manifest that says which records belong together. Used by MultiMemberLCCLITests and by
// Scripts/bench (merge group); see Scripts/lc-members for the wrapper.

let options: GeneratorOptions
do {
    options = try GeneratorOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    Output.standardError(error.description)
    exit(2)
}
do {
    let summary = try Generator(options: options).run()
    if !options.quiet {
        let kinds = ["copy", "ebook", "edition"].map { name in
            "\(summary.kinds[Generator.Kind(rawValue: name)!, default: 0]) \(name)"
        }
        Output.standardError("lc-members: \(summary.baseRecords) base records; member records: "
            + kinds.joined(separator: ", ") + "; \(summary.duplicateGroups) groups held by two members or more"
            + (summary.readerFindings > 0 ? "; \(summary.readerFindings) reader findings" : ""))
    }
} catch {
    Output.standardError("lc-members: \(error)")
    exit(1)
}
