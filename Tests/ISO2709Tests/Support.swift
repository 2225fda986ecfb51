import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import _KatalogTestSupport

func readFixture(_ name: String, chunkSize: Int = 4096, mode: ReadMode = .lenient) throws -> ReadOutcome {
    try readISO(Paths.bytes(Paths.fixture("iso2709/\(name)")), chunkSize: chunkSize, mode: mode, name: name)
}

extension ReadOutcome {
    var codes: [String] { findings.map(\.code.rawValue) }
    var controlNumbers: [String?] { records.map(\.controlNumber) }
}
