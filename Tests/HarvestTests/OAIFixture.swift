import Foundation

/// OAI-PMH responses written for the tests: MARCXML records with headers, tokens, errors.
enum OAIFixture {
    struct Item {
        var id: String
        var datestamp: String
        var deleted = false
        var title = "A title"
    }

    static let responseDate = "2026-11-25T10:00:00Z"

    static func identify(granularity: String = "YYYY-MM-DDThh:mm:ssZ", responseDate: String = responseDate) -> String {
        envelope(responseDate: responseDate, body: """
            <request verb="Identify">http://test/oai</request>
            <Identify><repositoryName>Test</repositoryName><baseURL>http://test/oai</baseURL>
            <protocolVersion>2.0</protocolVersion><adminEmail>a@example.org</adminEmail>
            <earliestDatestamp>2024-01-01T00:00:00Z</earliestDatestamp><deletedRecord>persistent</deletedRecord>
            <granularity>\(granularity)</granularity></Identify>
            """)
    }

    static func listRecords(_ items: [Item], token: String?, responseDate: String = responseDate) -> String {
        var body = "<request verb=\"ListRecords\">http://test/oai</request><ListRecords>"
        for item in items {
            body += "<record><header\(item.deleted ? " status=\"deleted\"" : "")><identifier>\(item.id)</identifier>"
                + "<datestamp>\(item.datestamp)</datestamp></header>"
            if !item.deleted {
                body += """
                    <metadata><record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 a 4500</leader>
                    <controlfield tag="001">\(item.id.split(separator: ":").last ?? "")</controlfield>
                    <datafield tag="245" ind1="0" ind2="0"><subfield code="a">\(item.title)</subfield></datafield>
                    </record></metadata>
                    """
            }
            body += "</record>"
        }
        if let token { body += "<resumptionToken>\(escape(token))</resumptionToken>" }
        body += "</ListRecords>"
        return envelope(responseDate: responseDate, body: body)
    }

    static func error(_ code: String, _ message: String = "") -> String {
        envelope(responseDate: responseDate, body: "<request>http://test/oai</request><error code=\"\(code)\">\(message)</error>")
    }

    static func envelope(responseDate: String, body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <responseDate>\(responseDate)</responseDate>
        \(body)
        </OAI-PMH>
        """
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// A query parameter's value from a request URI, percent-decoded.
    static func parameter(_ name: String, in uri: String) -> String? {
        guard let query = uri.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[0] == name { return String(parts[1]).removingPercentEncoding }
        }
        return nil
    }
}
