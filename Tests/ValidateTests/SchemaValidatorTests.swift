import Foundation
import Testing
import Validate
import _KatalogTestSupport

/// Deliberately broken MARCXML (made from `clean.xml` by hand), each with what breaks it.
let brokenXML = [
    "broken-missing-leader.xml", "broken-tag-pattern.xml", "broken-indicator-length.xml",
    "broken-unknown-element.xml", "broken-empty-datafield.xml", "broken-record-type.xml",
    "broken-leader-pattern.xml", "broken-subfield-code.xml", "broken-controlfield-tag.xml",
    "broken-field-order.xml",
]

@Test func theCleanFileIsValid() {
    let outcome = SchemaValidator().validate(path: Paths.fixture("validate/clean.xml"), displayName: "clean.xml")
    #expect(outcome.unusable == nil)
    #expect(outcome.valid && outcome.records == 2)
}

@Test(arguments: brokenXML)
func brokenFilesAreInvalidWithALine(_ name: String) throws {
    let outcome = SchemaValidator().validate(path: Paths.fixture("validate/\(name)"), displayName: name)
    let first = try #require(outcome.problems.first)
    #expect(first.rule == "schema.invalid" && first.line != nil && first.recordNumber == 1)
}

@Test func theLineIsTheOneXmllintGives() throws {
    let outcome = SchemaValidator().validate(path: Paths.fixture("validate/broken-indicator-length.xml"),
        displayName: "x")
    #expect(outcome.problems.map(\.line) == [35])
    #expect(outcome.problems.first?.message.contains("'10'") == true)
}

@Test func aDoctypeIsRefusedBeforeItIsRead() {
    let outcome = SchemaValidator().validate(path: Paths.fixture("marcxml/billion-laughs.xml"), displayName: "b")
    #expect(outcome.problems.map(\.rule) == ["schema.doctype-refused"])
}

private let officialSchema = Paths.corpusFile("xsd/MARC21slim.xsd").flatMap {
    FileManager.default.fileExists(atPath: $0) && FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint")
        ? $0 : nil
}

/// Acceptance 2: our verdict (built-in schema) equals `xmllint --stream --schema MARC21slim.xsd` on the
/// fixtures and on every MARCXML file of the corpus. Skipped without xmllint or the corpus's schema.
@Test(.enabled(if: officialSchema != nil, "needs xmllint and ../shared/corpus/xsd/MARC21slim.xsd"))
func verdictsAgreeWithXmllint() throws {
    let xsd = try #require(officialSchema)
    var files = (brokenXML + ["clean.xml", "duplicate-id.xml"]).map { Paths.fixture("validate/\($0)") }
    if let marc = Paths.corpusFile("marc"), let walker = FileManager.default.enumerator(atPath: marc) {
        for case let relative as String in walker where relative.hasSuffix(".xml") {
            files.append(marc + "/" + relative)
        }
    }
    var agree = 0
    for file in files {
        let reference = try run("/usr/bin/xmllint", ["--noout", "--stream", "--schema", xsd, file]).status == 0
        let ours = SchemaValidator().validate(path: file, displayName: file).valid
        #expect(ours == reference, "\(file): xmllint \(reference ? "valid" : "invalid")")
        if ours == reference { agree += 1 }
    }
    #expect(agree == files.count && files.count >= 12)
}
