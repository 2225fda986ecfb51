/// The rules under which two records never merge, whatever they share (docs/dedup.md §4). Each
/// returns a readable reason; all that apply are reported. Every rule is symmetric.
enum Vetoes {
    static func reasons(_ a: MatchProfile, _ b: MatchProfile, settings: MatchSettings) -> [String] {
        var out: [String] = []
        let fa = a.format, fb = b.format
        if fa.type != fb.type {
            out.append("type of record differs (leader/06 \(sorted(fa.typeName, fb.typeName)))")
        }
        if fa.level != fb.level {
            out.append("bibliographic level differs (\(sorted(fa.levelName, fb.levelName)))")
        }
        if fa.carrier != fb.carrier && fa.carrier != .unknown && fb.carrier != .unknown {
            out.append("format: \(sorted(fa.carrier.name, fb.carrier.name))")
        }
        if a.editionNumber != 0 && b.editionNumber != 0 && a.editionNumber != b.editionNumber {
            out.append("edition differs (\(sorted(String(a.editionNumber), String(b.editionNumber))))")
        }
        if (a.editionNumber >= 2 && !b.hasEdition) || (b.editionNumber >= 2 && !a.hasEdition) {
            out.append("edition differs (\(max(a.editionNumber, b.editionNumber)) vs none stated)")
        }
        if !a.part.isEmpty && !b.part.isEmpty && a.part != b.part {
            out.append("volume/part differs (245 $n $p)")
        }
        if !a.seriesNumbers.isEmpty && !b.seriesNumbers.isEmpty && Similarity.common(a.seriesNumbers, b.seriesNumbers) == 0 {
            out.append("series numbering differs (490 $v)")
        }
        if a.volumeCount != 0 && b.volumeCount != 0 && a.volumeCount != b.volumeCount {
            out.append("number of volumes differs (\(sorted(String(a.volumeCount), String(b.volumeCount))))")
        }
        if a.keys.contains(where: { $0.kind == .issn }) && b.keys.contains(where: { $0.kind == .issn }) {
            let issnA = a.keys.filter { $0.kind == .issn }, issnB = b.keys.filter { $0.kind == .issn }
            if Set(issnA).isDisjoint(with: issnB) { out.append("ISSNs differ") }
        }
        if let gap = MatchProfile.yearGap(a, b), gap > settings.yearsApart {
            out.append("years differ (\(sorted(a.yearText, b.yearText)))")
        }
        if a.pages != 0 && b.pages != 0 && abs(Int(a.pages) - Int(b.pages)) > settings.pagesApart {
            out.append("page counts differ (\(sorted(String(a.pages), String(b.pages))))")
        }
        return out
    }

    /// `x vs y` in a fixed order, so that the reason reads the same whichever record comes first.
    private static func sorted(_ x: String, _ y: String) -> String {
        x <= y ? "\(x) vs \(y)" : "\(y) vs \(x)"
    }
}
