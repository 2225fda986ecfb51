import Foundation
import ISIS
import MARCRecord
import _KatalogTestSupport

/// Everything an ISIS reader produced (small inputs only).
struct ISISOutcome {
    var records: [ISISRecord] = []
    var findings: [Finding] = []
    var skipped = 0
}

func readAllISIS(_ reader: inout some ISISRecordReader) throws -> ISISOutcome {
    var out = ISISOutcome()
    while let record = try reader.next() {
        out.records.append(record)
        out.findings += reader.drainFindings()
    }
    out.findings += reader.drainFindings()
    out.skipped = reader.recordsSkipped
    return out
}

/// Writes an MST/XRF pair into a fresh temporary folder; returns the `.mst` path.
func writeDatabase(_ writer: ISISMasterWriter, name: String = "test", xrfName: String? = nil) throws -> String {
    let (mst, xrf) = writer.files()
    return try writeDatabase(mst: mst, xrf: xrf, name: name, xrfName: xrfName)
}

func writeDatabase(mst: [UInt8], xrf: [UInt8], name: String = "test", xrfName: String? = nil) throws -> String {
    let dir = Paths.temporaryDirectory()
    let mstURL = dir.appendingPathComponent(name + ".mst")
    try Data(mst).write(to: mstURL)
    try Data(xrf).write(to: dir.appendingPathComponent(xrfName ?? name + ".xrf"))
    return mstURL.path
}

func field(_ tag: Int, _ text: String) -> ISISRecord.Field { .init(tag: tag, bytes: Array(text.utf8)) }

/// The single-byte code pages the corpus's reference dumps were decoded with, to turn their text
/// back into the database's bytes: the comparison is on bytes (Charsets is deliberately not used).
enum ReferenceCodePage {
    static let cp850 = Array("\u{C7}\u{FC}\u{E9}\u{E2}\u{E4}\u{E0}\u{E5}\u{E7}\u{EA}\u{EB}\u{E8}\u{EF}\u{EE}\u{EC}\u{C4}\u{C5}\u{C9}\u{E6}\u{C6}\u{F4}\u{F6}\u{F2}\u{FB}\u{F9}\u{FF}\u{D6}\u{DC}\u{F8}\u{A3}\u{D8}\u{D7}\u{192}\u{E1}\u{ED}\u{F3}\u{FA}\u{F1}\u{D1}\u{AA}\u{BA}\u{BF}\u{AE}\u{AC}\u{BD}\u{BC}\u{A1}\u{AB}\u{BB}\u{2591}\u{2592}\u{2593}\u{2502}\u{2524}\u{C1}\u{C2}\u{C0}\u{A9}\u{2563}\u{2551}\u{2557}\u{255D}\u{A2}\u{A5}\u{2510}\u{2514}\u{2534}\u{252C}\u{251C}\u{2500}\u{253C}\u{E3}\u{C3}\u{255A}\u{2554}\u{2569}\u{2566}\u{2560}\u{2550}\u{256C}\u{A4}\u{F0}\u{D0}\u{CA}\u{CB}\u{C8}\u{131}\u{CD}\u{CE}\u{CF}\u{2518}\u{250C}\u{2588}\u{2584}\u{A6}\u{CC}\u{2580}\u{D3}\u{DF}\u{D4}\u{D2}\u{F5}\u{D5}\u{B5}\u{FE}\u{DE}\u{DA}\u{DB}\u{D9}\u{FD}\u{DD}\u{AF}\u{B4}\u{AD}\u{B1}\u{2017}\u{BE}\u{B6}\u{A7}\u{F7}\u{B8}\u{B0}\u{A8}\u{B7}\u{B9}\u{B3}\u{B2}\u{25A0}\u{A0}".unicodeScalars)
    static let cp852 = Array("\u{C7}\u{FC}\u{E9}\u{E2}\u{E4}\u{16F}\u{107}\u{E7}\u{142}\u{EB}\u{150}\u{151}\u{EE}\u{179}\u{C4}\u{106}\u{C9}\u{139}\u{13A}\u{F4}\u{F6}\u{13D}\u{13E}\u{15A}\u{15B}\u{D6}\u{DC}\u{164}\u{165}\u{141}\u{D7}\u{10D}\u{E1}\u{ED}\u{F3}\u{FA}\u{104}\u{105}\u{17D}\u{17E}\u{118}\u{119}\u{AC}\u{17A}\u{10C}\u{15F}\u{AB}\u{BB}\u{2591}\u{2592}\u{2593}\u{2502}\u{2524}\u{C1}\u{C2}\u{11A}\u{15E}\u{2563}\u{2551}\u{2557}\u{255D}\u{17B}\u{17C}\u{2510}\u{2514}\u{2534}\u{252C}\u{251C}\u{2500}\u{253C}\u{102}\u{103}\u{255A}\u{2554}\u{2569}\u{2566}\u{2560}\u{2550}\u{256C}\u{A4}\u{111}\u{110}\u{10E}\u{CB}\u{10F}\u{147}\u{CD}\u{CE}\u{11B}\u{2518}\u{250C}\u{2588}\u{2584}\u{162}\u{16E}\u{2580}\u{D3}\u{DF}\u{D4}\u{143}\u{144}\u{148}\u{160}\u{161}\u{154}\u{DA}\u{155}\u{170}\u{FD}\u{DD}\u{163}\u{B4}\u{AD}\u{2DD}\u{2DB}\u{2C7}\u{2D8}\u{A7}\u{F7}\u{B8}\u{B0}\u{A8}\u{2D9}\u{171}\u{158}\u{159}\u{25A0}\u{A0}".unicodeScalars)

    /// The bytes of `text` in `name` (cp850, cp852, latin1); `nil` for a character it lacks.
    static func encode(_ text: Substring, as name: String) -> [UInt8]? {
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                out.append(UInt8(scalar.value))
                continue
            }
            switch name {
            case "latin1":
                guard scalar.value < 0x100 else { return nil }
                out.append(UInt8(scalar.value))
            case "cp850", "cp852":
                guard let i = (name == "cp850" ? cp850 : cp852).firstIndex(of: scalar) else { return nil }
                out.append(UInt8(0x80 + i))
            default: return nil
            }
        }
        return out
    }
}
