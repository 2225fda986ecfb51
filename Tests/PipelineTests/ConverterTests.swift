import Charsets
import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import Pipeline
import Testing
import _KatalogTestSupport

@Suite struct ConverterTests {
    @Test func convertsSeveralInputsIntoOneOutput() throws {
        let dir = Paths.temporaryDirectory()
        let out = dir.appendingPathComponent("all.mrc").path
        let inputs = [Paths.fixture("iso2709/good-three-records.mrc"), Paths.fixture("iso2709/junk-before-leader.mrc")]
        let reporter = try FindingReporter(printLines: false)
        // `keep`: the fixture's decomposed é must come through byte for byte here.
        let summary = try Converter.run(ConvertOptions(inputs: inputs, output: out, quiet: true, unicodeForm: .keep),
            reporter: reporter)
        #expect(summary.recordsRead == 5 && summary.recordsWritten == 5)
        #expect(summary.inputs.map(\.recordsRead) == [3, 2])
        // The header line before the second file's first leader is dropped (and reported).
        let second = try Paths.bytes(inputs[1])
        let expected = try Paths.bytes(inputs[0]) + second.dropFirst("HEADER-LINE-FROM-AN-EXPORT".utf8.count)
        #expect(reporter.countsByCode == ["iso2709.junk-before-leader": 1])
        #expect(try Paths.bytes(out) == expected)
    }

    @Test func strictStopDiscardsOutputAndNamesTheProblem() throws {
        let dir = Paths.temporaryDirectory()
        let out = dir.appendingPathComponent("out.mrc").path
        let reporter = try FindingReporter(printLines: false)
        let options = ConvertOptions(inputs: [Paths.fixture("iso2709/wrong-base-address.mrc")], output: out,
            mode: .strict, quiet: true)
        do {
            _ = try Converter.run(options, reporter: reporter)
            Issue.record("strict conversion did not stop")
        } catch {
            guard case .strictStop(let finding) = error else { Issue.record("\(error)"); return }
            #expect(finding.code == .baseAddressMismatch)
            #expect(finding.controlNumber == "kat00002")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func inspectorCountsWhatItReads() throws {
        let reporter = try FindingReporter(printLines: false)
        let report = try Inspector.inspect(Paths.fixture("iso2709/unrecoverable-record.mrc"), reporter: reporter,
            quiet: true)
        #expect(report.records == 2 && report.recordsSkipped == 2)
        #expect(report.findingsBySeverity == ["error": 2])
        #expect(report.text.contains("records: 2 (2 unrecoverable, skipped)"))
    }
}
