import KatalogIO
public import MARCRecord
import MARCXML
import Normalize

/// Dublin Core records (`oai_dc`, bare or inside OAI-PMH responses) read as MARC 21 records through
/// the LC crosswalk, so that `convert`, `validate` and the catalogue take them like any other input.
/// The OAI identifier, when there is one, becomes 001 and the 884's source identifier.
struct DublinCoreMARCReader<Source: ByteSource>: RecordReader {
    private var reader: DublinCoreXMLReader<Source>
    private var extra: [Finding] = []
    private let fileName: String

    init(source: Source, fileName: String, mode: ReadMode) {
        reader = DublinCoreXMLReader(source: source, fileName: fileName, mode: mode)
        self.fileName = fileName
    }

    mutating func next() throws(ReadError) -> MARCRecord? {
        while let harvested = try reader.next() {
            if harvested.isDeleted {
                // A deletion carries no description: nothing to convert. The catalogue's harvester
                // handles deletions itself; here it is only worth a note.
                extra.append(Finding(.info, "oaidc.deleted-record",
                    "OAI record \(harvested.oaiIdentifier ?? "(no identifier)") is marked deleted",
                    action: "no record written", file: fileName, recordNumber: harvested.recordNumber))
                continue
            }
            return DublinCoreCrosswalk.marcRecord(from: harvested.record, controlNumber: harvested.oaiIdentifier,
                sourceIdentifier: harvested.oaiIdentifier, datestamp: harvested.datestamp)
        }
        return nil
    }

    mutating func drainFindings() -> [Finding] {
        let found = reader.drainFindings() + extra
        extra.removeAll()
        return found
    }

    var bytesConsumed: Int64 { reader.bytesConsumed }
    var recordsSkipped: Int { reader.recordsSkipped }
}
