import MARCRecord
import Normalize

typealias DCElement = DublinCoreRecord.Element

/// A description from (name, value) pairs in the DC elements namespace.
func dc(_ pairs: [(String, String)]) -> DublinCoreRecord {
    DublinCoreRecord(elements: pairs.map { DCElement(name: $0.0, value: $0.1) })
}

extension MARCRecord {
    /// `00 $aLaskar pelangi :$bsebuah novel` (indicators, a blank, the subfields) for every field with
    /// this tag.
    func lines(_ tag: String) -> [String] {
        fields(Tag(tag)!).map { field in
            field.isControlField ? field.value : field.value.prefix(2) + " " + field.value.dropFirst(2)
        }
    }

    var f008: String { firstField("008")?.value ?? "" }

    /// The 008 characters from `start` through `end` (inclusive, as MARC 21 numbers them).
    func f008(_ start: Int, _ end: Int) -> String {
        String(f008.dropFirst(start).prefix(end - start + 1))
    }

    var leaderString: String { String(decoding: leader.bytes, as: UTF8.self) }
    var tags: [String] { fields.map(\.tag.description) }
}
