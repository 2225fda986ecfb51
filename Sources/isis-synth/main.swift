#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ISIS
import MARCRecord

// Benchmark helper for Scripts/bench-isis, not a tool for users (no product ships it).
//
//   isis-synth write PATH.mst [COUNT]   writes a COUNT-record (default 200,000) isis18/little-endian
//                                       database, PATH.mst + PATH.xrf, with ISISMasterWriter
//   isis-synth sample PATH.mst          writes the demo's small CDS-style database (Fixtures/isis/):
//                                       Indonesian records in CP850, as DOS CDS/ISIS kept them, with a
//                                       logically and a physically deleted record
//   isis-synth read PATH.mst [--checksum]
//                                       reads every record through ISISMasterReader and prints
//                                       "records fields bytes checksum findings"
//
// `read` visits every field of every record and counts its bytes, as the Perl side does with
// Biblio::Isis. With `--checksum` it also sums every byte (32 bits, as Perl's `unpack("%32C*")`),
// so that the benchmark can check, outside the timed runs, that both readers saw the same data;
// without it the checksum printed is 0.

func fail(_ message: String) -> Never {
    let line = Array("isis-synth: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }  // `stderr` is not concurrency-safe
    exit(2)
}

/// Writes `bytes` to `path` through a temporary name, so an interrupted run leaves no half file
/// that a later run would take for a finished one.
func writeFile(_ bytes: [UInt8], to path: String) {
    let temporary = path + ".tmp"
    guard let f = fopen(temporary, "wb") else { fail("cannot create \(temporary)") }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    guard written == bytes.count, fflush(f) == 0, fsync(fileno(f)) == 0, fclose(f) == 0 else {
        fail("cannot write \(temporary)")
    }
    guard rename(temporary, path) == 0 else { fail("cannot rename \(temporary) to \(path)") }
}

func field(_ tag: Int, _ text: String) -> ISISRecord.Field { .init(tag: tag, bytes: Array(text.utf8)) }

/// CDS-like records (the shape of the CDS sample shipped with WinISIS): 8 fields, ~330 bytes,
/// subfields, a repeated tag, and text that varies with the MFN.
func write(path: String, count: Int) {
    guard path.hasSuffix(".mst") else { fail("the master file's name must end in .mst") }
    var writer = ISISMasterWriter(format: .init(layout: .isis18, byteOrder: .little, shift: 0))
    for mfn in 1...count {
        writer.append(ISISRecord(mfn: mfn, fields: [
            field(44, "Methodology of plant eco-physiology: proceedings of the Montpellier Symposium"),
            field(50, "Incl. bibl."), field(69, "Paper on: <plant physiology><plant transpiration>"),
            field(26, "^aParis^bUnesco^c-19\(mfn % 100)"), field(30, "^ap. 211-224^billus."),
            field(70, "Magalhaes, A.C."), field(70, "Franco, C.M. \(mfn)"),
            field(24, "Techniques for the measurement of transpiration of individual plants"),
        ]))
    }
    let (mst, xrf) = writer.files()
    // The XRF last: the script takes an existing .xrf as a finished database.
    writeFile(mst, to: path)
    writeFile(xrf, to: String(path.dropLast(4)) + ".xrf")
}

/// CP850 bytes of `text` (the few non-ASCII letters the sample needs).
func cp850(_ text: String) -> [UInt8] {
    let table: [Character: UInt8] = ["é": 0x82, "è": 0x8A, "ü": 0x81, "ö": 0x94, "Ä": 0x8E, "ä": 0x84, "ç": 0x87, "É": 0x90]
    return text.map { table[$0] ?? UInt8($0.asciiValue ?? 0x3F) }
}

func sample(path: String) {
    guard path.hasSuffix(".mst") else { fail("the master file's name must end in .mst") }
    func f(_ tag: Int, _ text: String) -> ISISRecord.Field { .init(tag: tag, bytes: cp850(text)) }
    var writer = ISISMasterWriter(format: .init(layout: .isis18, byteOrder: .little, shift: 0))
    let records: [[ISISRecord.Field]] = [
        [f(24, "Bumi manusia"), f(70, "Toer, Pramoedya Ananta"), f(26, "^aJakarta^bHasta Mitra^c1980"),
         f(30, "^a535 p."), f(69, "<sastra Indonesia><novel sejarah>"), f(40, "ind")],
        [f(24, "Laskar pelangi"), f(70, "Hirata, Andrea"), f(26, "^aYogyakarta^bBentang^c2005"),
         f(30, "^axxxiv, 529 p."), f(69, "<novel><Belitung>"), f(40, "ind")],
        [f(24, "Pengantar ilmu perpustakaan"), f(70, "Sulistyo-Basuki"), f(26, "^aJakarta^bGramedia^c1991"),
         f(69, "<ilmu perpustakaan>"), f(40, "ind")],
        [f(24, "La société javanaise : étude d'anthropologie"), f(70, "Lombard, Denys"),
         f(26, "^aParis^bÉditions de l'EHESS^c1990"), f(69, "<Jawa><antropologi>"), f(40, "fre")],
        [f(24, "Catatan yang dihapus"), f(70, "Anonim")],
        [f(24, "Sejarah Indonesia modern, 1200-2004"), f(70, "Ricklefs, M. C."), f(70, "Wahono, Tri"),
         f(26, "^aJakarta^bSerambi^c2005"), f(30, "^a797 p."), f(40, "ind")],
    ]
    for (i, fields) in records.enumerated() {
        let mfn = i + 1
        writer.append(ISISRecord(mfn: mfn, status: mfn == 5 ? .logicallyDeleted : .active, fields: fields))
    }
    writer.reserve(upTo: 7)
    writer.deletePhysically(mfn: 7)
    let (mst, xrf) = writer.files()
    writeFile(mst, to: path)
    writeFile(xrf, to: String(path.dropLast(4)) + ".xrf")
}

func read(path: String, checksumming: Bool) {
    var reader: ISISMasterReader
    do {
        reader = try ISISMasterReader(path: path)
    } catch {
        fail("\(error)")
    }
    var records = 0
    var fields = 0
    var bytes = 0
    var checksum: UInt32 = 0
    var findings = 0
    do {
        while let record = try reader.next() {
            records += 1
            for f in record.fields {
                fields += 1
                bytes += f.bytes.count
                if checksumming {
                    // Through the buffer so that the sum vectorises, as Perl's `unpack` runs in C.
                    checksum &+= f.bytes.withUnsafeBufferPointer { $0.reduce(0) { $0 &+ UInt32($1) } }
                }
            }
            findings += reader.drainFindings().count
        }
    } catch {
        fail("\(error)")
    }
    findings += reader.drainFindings().count
    print("\(records) \(fields) \(bytes) \(checksum) \(findings)")
}

let arguments = CommandLine.arguments
switch arguments.count > 2 ? arguments[1] : "" {
case "write" where arguments.count <= 4:
    let count = arguments.count == 4 ? Int(arguments[3]) : 200_000
    guard let count, count > 0 else { fail("COUNT must be a positive number") }
    write(path: arguments[2], count: count)
case "sample" where arguments.count == 3:
    sample(path: arguments[2])
case "read" where arguments.count == 3 || (arguments.count == 4 && arguments[3] == "--checksum"):
    read(path: arguments[2], checksumming: arguments.count == 4)
default:
    fail("usage: isis-synth write PATH.mst [COUNT] | isis-synth read PATH.mst [--checksum]")
}
