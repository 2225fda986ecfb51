/// The file names of a dump cut into chunks (`--chunk N`).
///
/// The chunk number goes between the name and its extension, four digits at least, counting from 1:
/// `-o union.xml` gives `union-0001.xml`, `union-0002.xml`…; `-o union.mrc.gz` gives
/// `union-0001.mrc.gz` (a `.gz` after the extension is kept with it); a name without extension gets
/// the number at its end (`union-0001`). From the 10,000th chunk on the number has five digits.
public enum DumpChunkNaming {
    public static func path(for base: String, chunk: Int) -> String {
        let slash = base.lastIndex(of: "/")
        let directory = slash.map { String(base[...$0]) } ?? ""
        var name = slash.map { String(base[base.index(after: $0)...]) } ?? base
        var suffix = ""
        if name.hasSuffix(".gz") && name.count > 3 {
            suffix = ".gz"
            name.removeLast(3)
        }
        // A leading dot (`.hidden`) is part of the name, not an extension.
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            suffix = String(name[dot...]) + suffix
            name = String(name[..<dot])
        }
        let digits = String(chunk)
        let number = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        return "\(directory)\(name)-\(number)\(suffix)"
    }
}
