import Charsets
import ISO2709
import KatalogIO
import MARCRecord
import MARCText
import MARCXML

/// One member's export file, written with katalog's own writers in the member's format and
/// character set (MARC-8 through `RecordTranscoder`, the encoder `katalog convert --to-encoding
/// marc8` uses; NFC for members whose systems store precomposed text).
final class MemberOutput {
    let profile: MemberProfile
    let path: String
    private let output: OutputFile
    private var writer: any RecordWriter
    private let transcoder: RecordTranscoder?
    private(set) var records = 0
    /// Findings from the writers or the MARC-8 encoder (characters MARC-8 cannot hold, and so on).
    private(set) var findings = 0

    init(profile: MemberProfile, path: String) throws {
        self.profile = profile
        self.path = path
        output = try OutputFile(path: path)
        switch profile.format {
        case .iso2709, .marc8: writer = ISO2709Writer(output: output)
        case .marcxml: writer = MARCXMLWriter(output: output)
        case .mrk: writer = MRKWriter(output: output)
        case .json: writer = MARCJSONWriter(output: output)
        }
        if profile.format == .marc8 {
            transcoder = RecordTranscoder(input: .utf8, output: .marc8)
        } else if profile.habits.nfc {
            transcoder = RecordTranscoder(input: .utf8, output: .utf8, form: .nfc)
        } else {
            transcoder = nil
        }
    }

    func write(_ record: MARCRecord) throws {
        var record = record
        if let transcoder { findings += transcoder.transcode(&record).count }
        findings += try writer.write(record).count
        records += 1
    }

    /// Closes the output and moves it into place (an interrupted run leaves no half file).
    func finish() throws {
        try writer.finish()
        try output.commit()
    }
}
