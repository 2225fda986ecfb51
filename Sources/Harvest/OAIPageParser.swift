import KatalogIO
import MARCRecord
import MARCXML
import Normalize
import Synchronization

/// Reads one response body (a file: pages are spooled, so memory stays flat) with the streaming
/// readers of `MARCXML`: `MARCXMLReader.nextItem()` gives the envelope and the MARC records in
/// document order, so each record is paired with the header before it; for `oai_dc` a second pass
/// with `DublinCoreXMLReader` reads the descriptions, which go through the LC crosswalk.
struct OAIPageParser {
    /// Takes the page's records and deletions as they are read (into the sink's transaction).
    struct Consumer {
        var record: (HarvestedRecord) throws -> Void
        var deletion: (HarvestedDeletion) throws -> Void
    }

    /// A consumer failed: the sink's error, not the page's.
    struct ConsumerError: Error {
        var underlying: any Error
    }

    var fileName: String
    var dublinCore: Bool
    var rewriteIdentifier: @Sendable (String) -> String = { $0 }

    /// Reads the page: its envelope, and its records and deletions, handed to `consumer` as they come
    /// (memory stays flat) or, without one, only counted. The consumer may get records of a page that
    /// turns out broken (`isBroken`): the caller then discards them.
    ///
    /// `oai_dc` takes two passes: the envelope one, then, for a whole OAI-PMH page without errors, the
    /// Dublin Core reader's, whose counts and findings the page then carries.
    func parse(path: String, consumer: Consumer? = nil) throws -> OAIPage {
        var page = try parseEnvelope(path: path, consumer: dublinCore ? nil : consumer)
        if dublinCore, let consumer, page.isOAI, !page.isBroken, page.errors.isEmpty {
            var records = OAIPage()
            let tally = RepairTally()
            try readDublinCore(path: path, into: &records, consumer: consumer, tally: tally)
            appendRepairs(tally, to: &records)
            page.recordCount = records.recordCount
            page.deletionCount = records.deletionCount
            page.findings = records.findings
        }
        return page
    }

    private func parseEnvelope(path: String, consumer: Consumer?) throws -> OAIPage {
        var page = OAIPage()
        let tally = RepairTally()
        let source = XMLRepairSource(base: try GzipFileByteSource(path: path), tally: tally)
        var reader = MARCXMLReader(source: source, fileName: fileName, mode: .lenient, chunkSize: 1 << 16)
        var envelope = EnvelopeState()
        while let item = try reader.nextItem() {
            switch item {
            case .oai(let event):
                try envelope.take(event, into: &page, rewrite: rewriteIdentifier, dublinCore: dublinCore,
                    consumer: consumer)
            case .record(let record):
                try envelope.takeRecord(record, into: &page, fileName: fileName, consumer: consumer)
            }
        }
        let found = reader.drainFindings()
        if found.contains(where: { $0.code == .xmlMalformed && $0.severity == .error }) { page.isBroken = true }
        page.findings.append(contentsOf: found)
        appendRepairs(tally, to: &page)
        return page
    }

    private func appendRepairs(_ tally: RepairTally, to page: inout OAIPage) {
        let counts = tally.counts.withLock { $0 }
        if counts.illegalCharacters > 0 {
            page.findings.append(Finding(.warning, "harvest.illegal-xml-character",
                "\(counts.illegalCharacters) character(s) XML does not allow", action: "replaced with blanks",
                file: fileName, streamOffset: counts.firstIllegalOffset))
        }
        if counts.invalidUTF8 > 0 {
            page.findings.append(Finding(.warning, "harvest.invalid-utf8",
                "\(counts.invalidUTF8) byte(s) that are not UTF-8", action: "read as Windows-1252",
                file: fileName, streamOffset: counts.firstInvalidOffset))
        }
    }

    /// `oai_dc`: the Dublin Core reader does its own repairs (control characters, Windows-1252), so it
    /// reads the bytes as they came.
    private func readDublinCore(path: String, into page: inout OAIPage, consumer: Consumer, tally: RepairTally) throws {
        var reader = DublinCoreXMLReader(source: try GzipFileByteSource(path: path), fileName: fileName)
        while let harvested = try reader.next() {
            guard let raw = harvested.oaiIdentifier, !raw.isEmpty else {
                page.findings.append(Finding(.error, "harvest.no-identifier", "Dublin Core record without an OAI identifier",
                    action: "record skipped", file: fileName, recordNumber: harvested.recordNumber))
                continue
            }
            let identifier = rewriteIdentifier(raw)
            let datestamp = harvested.datestamp?.isEmpty == false ? harvested.datestamp : nil
            do {
                if harvested.isDeleted {
                    page.deletionCount += 1
                    try consumer.deletion(HarvestedDeletion(identifier: identifier, datestamp: datestamp))
                    continue
                }
                let record = DublinCoreCrosswalk.marcRecord(from: harvested.record, controlNumber: identifier,
                    sourceIdentifier: identifier, datestamp: datestamp)
                page.recordCount += 1
                try consumer.record(HarvestedRecord(record: record, identifier: identifier, datestamp: datestamp,
                    isDegraded: true))
            } catch {
                throw ConsumerError(underlying: error)
            }
        }
        page.findings.append(contentsOf: reader.drainFindings().filter { $0.severity != .info })
    }
}

/// Where the envelope pass stands: the OAI record and header being read.
private struct EnvelopeState {
    var inHeader = false
    var inOAIRecord = false
    var headerDeleted = false
    var identifier: String?
    var datestamp: String?
    /// The current OAI record's header, once read, and whether a MARC record has claimed it.
    var header: (identifier: String, datestamp: String?, deleted: Bool)?
    var headerUsed = false
    var recordNumber = 0
    var errorCode: String?
    var identifyLeaf = false

    mutating func take(_ event: OAIEnvelopeEvent, into page: inout OAIPage, rewrite: (String) -> String,
        dublinCore: Bool, consumer: OAIPageParser.Consumer?) throws
    {
        switch event {
        case .start(let name, let attributes, _):
            switch name {
            case "OAI-PMH": page.isOAI = true
            case "record":
                inOAIRecord = true
                header = nil
                headerUsed = false
                recordNumber += 1
            case "header":
                inHeader = true
                headerDeleted = attributes["status"]?.trimmingBlanks == "deleted"
                identifier = nil
                datestamp = nil
            case "resumptionToken": page.completeListSize = attributes["completeListSize"]
            case "error": errorCode = attributes["code"] ?? "unknown"
            case "Identify": identifyLeaf = true
            default: break
            }
        case .end(let name, let text):
            switch name {
            case "identifier" where inHeader: identifier = text.trimmingBlanks
            case "datestamp" where inHeader: datestamp = text.trimmingBlanks
            case "header":
                inHeader = false
                guard let raw = identifier, !raw.isEmpty else {
                    page.findings.append(Finding(.error, "harvest.no-identifier", "header without an identifier",
                        action: "record skipped", recordNumber: recordNumber))
                    return
                }
                let id = rewrite(raw)
                let date = datestamp?.isEmpty == false ? datestamp : nil
                if headerDeleted && !inOAIRecord {
                    page.deletedIdentifiers.append(id)
                } else if headerDeleted {
                    page.deletionCount += 1
                    if let consumer {
                        do { try consumer.deletion(HarvestedDeletion(identifier: id, datestamp: date)) } catch {
                            throw OAIPageParser.ConsumerError(underlying: error)
                        }
                    }
                } else if !inOAIRecord {
                    page.identifiers.append(id)
                } else if dublinCore {
                    // Counted here in the check pass; the Dublin Core pass reads the description.
                    page.recordCount += 1
                }
                if inOAIRecord { header = (id, date, headerDeleted) }
            case "record" where inOAIRecord:
                inOAIRecord = false
                if !dublinCore, let header, !header.deleted, !headerUsed {
                    page.findings.append(Finding(.error, "harvest.no-metadata",
                        "record \(header.identifier) has no readable MARCXML metadata", action: "record skipped",
                        recordNumber: recordNumber))
                }
                header = nil
            case "responseDate": page.responseDate = text.trimmingBlanks
            case "resumptionToken": page.resumptionToken = text.trimmingBlanks
            case "error":
                page.errors.append(OAIError(code: errorCode ?? "unknown", message: text.trimmingBlanks))
                errorCode = nil
            case "Identify": identifyLeaf = false
            default:
                if identifyLeaf { page.identify[name] = text.trimmingBlanks }
            }
        }
    }

    mutating func takeRecord(_ record: MARCRecord, into page: inout OAIPage, fileName: String,
        consumer: OAIPageParser.Consumer?) throws
    {
        guard let header, !header.deleted, !headerUsed else {
            page.findings.append(Finding(.error, "harvest.record-without-header",
                "MARC record outside an OAI record with a header", action: "record skipped", file: fileName,
                recordNumber: recordNumber, controlNumber: record.controlNumber))
            return
        }
        headerUsed = true
        page.recordCount += 1
        guard let consumer else { return }
        do {
            try consumer.record(HarvestedRecord(record: record, identifier: header.identifier,
                datestamp: header.datestamp))
        } catch {
            throw OAIPageParser.ConsumerError(underlying: error)
        }
    }
}
