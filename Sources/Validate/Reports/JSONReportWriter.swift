import Foundation
public import KatalogIO
public import MARCRecord

/// `{"problems": [ … ], "summary": { … }}`, problems streamed as they arrive so memory stays flat.
public final class JSONReportWriter: ReportWriter {
    private let output: OutputFile
    private let encoder: JSONEncoder
    private var first = true
    private var limit: ListingLimit

    public init(output: OutputFile, maxPerRule: Int = .max) throws {
        self.output = output
        limit = ListingLimit(max: maxPerRule)
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try output.write("{\n\"problems\": [\n")
    }

    public func add(_ problems: [Problem], record: MARCRecord?) throws {
        for p in problems where limit.admits(p) {
            try output.write(first ? "" : ",\n")
            try output.write(Array(encoder.encode(p)))
            first = false
        }
    }

    public func finish(_ summary: ValidationSummary) throws {
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        try output.write("\n],\n\"summary\": ")
        try output.write(Array(pretty.encode(summary)))
        try output.write("\n}\n")
        try output.commit()
    }
}
