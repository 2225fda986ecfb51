import Foundation

/// Records that look like a base record and must never merge with it: its e-book edition and a
/// later edition. Built once per base record; each member that holds one then makes its own copy
/// (`CopyVariation`), so that two members' e-books of one book are a planted duplicate group too.
enum HardNegative {
    /// Base records a negative can be made from: printed language material, monograph, with a full
    /// 008 and a date, not already an online or microform reproduction.
    static func eligible(_ base: WorkRecord) -> Bool {
        guard base.typeAndLevel == "am", let f008 = base.control("008"), f008.utf8.count == 40 else { return false }
        let form = Array(f008)[23]
        if form != " " && form != "r" { return false }
        if let f007 = base.control("007"), f007.hasPrefix("c") || f007.hasPrefix("h") { return false }
        if base.first("533") != nil { return false }
        return year(base) != nil
    }

    static func year(_ w: WorkRecord) -> Int? {
        guard let f008 = w.control("008"), f008.utf8.count == 40 else { return nil }
        return Int(String(Array(f008)[7..<11]))
    }

    /// The e-book edition: same type and level (leader/06-07), same title, author, year and pagination,
    /// told apart only by format (006, 007 `cr`, 008/23 `o`, 337/338, "1 online resource", 856) and
    /// identifiers (its own ISBN when the print has one; the print ISBN in 776 $z, sometimes in 020 $z).
    static func ebook(from base: WorkRecord, index: Int, rng: inout SplitMix64) -> WorkRecord {
        var w = base
        w.remove(CopyVariation.identifierTags.union(["006", "007", "336", "337", "338", "856", "530", "776"]))
        let printISBN = base.first("020")?.value("a").flatMap(ISBN.split).map { ISBN.to13($0.digits) }
        w.insert(.control(tag: "006", value: "m     o  d        "))
        w.insert(.control(tag: "007", value: "cr |n|||||||||"))
        setFixed(&w, position: 23, to: "o")
        if printISBN != nil {
            var f = WorkRecord.DataField(tag: "020", ind1: " ", ind2: " ", subfields: [
                .init(code: "a", value: ISBN.synthetic(kind: 1, index: index)), .init(code: "q", value: "(ebook)")])
            if rng.chance(0.3), let printISBN { f.subfields.append(.init(code: "z", value: printISBN)) }
            w.insert(f)
        }
        if rng.chance(0.4) { electronicGMD(&w) }
        w.editData(["300"]) { f in
            let extent = f.value("a").map(CopyVariation.stripISBD) ?? ""
            f.subfields = [.init(code: "a", value: "1 online resource (\(extent))")]
        }
        w.insert(.init(tag: "336", ind1: " ", ind2: " ", subfields: [
            .init(code: "a", value: "text"), .init(code: "b", value: "txt"), .init(code: "2", value: "rdacontent")]))
        w.insert(.init(tag: "337", ind1: " ", ind2: " ", subfields: [
            .init(code: "a", value: "computer"), .init(code: "b", value: "c"), .init(code: "2", value: "rdamedia")]))
        w.insert(.init(tag: "338", ind1: " ", ind2: " ", subfields: [
            .init(code: "a", value: "online resource"), .init(code: "b", value: "cr"), .init(code: "2", value: "rdacarrier")]))
        w.insert(.init(tag: "588", ind1: "0", ind2: " ", subfields: [
            .init(code: "a", value: "Description based on print version record.")]))
        var link: [WorkRecord.Subfield] = [.init(code: "i", value: "Print version:")]
        if let author = base.first("100")?.value("a") { link.append(.init(code: "a", value: author)) }
        if let title = base.first("245")?.value("a") { link.append(.init(code: "t", value: CopyVariation.stripISBD(title))) }
        if let printISBN { link.append(.init(code: "z", value: printISBN)) }
        if let lccn = base.first("010")?.value("a") {
            link.append(.init(code: "w", value: "(DLC)\(lccn.trimmingCharacters(in: .whitespaces))"))
        }
        w.insert(.init(tag: "776", ind1: "0", ind2: "8", subfields: link))
        let id = base.control("001")?.trimmingCharacters(in: .whitespaces) ?? String(index)
        w.insert(.init(tag: "856", ind1: "4", ind2: "0", subfields: [
            .init(code: "u", value: "https://ebooks.example.org/lc/\(id)"), .init(code: "z", value: "Online access")]))
        return w
    }

    /// A later edition: 250 says so, the year is later, the pagination longer, the ISBN its own
    /// (none when the base has none), and the LC identifiers are gone.
    static func edition(from base: WorkRecord, index: Int, rng: inout SplitMix64) -> WorkRecord {
        var w = base
        w.remove(CopyVariation.identifierTags.union(["250", "505", "856", "530"]))
        let statement = base.first("250") == nil ? rng.pick(["2nd ed.", "Rev. ed.", "2nd ed., rev. and enl."])
            : rng.pick(["New rev. ed.", "Rev. and enl. ed.", "Centenary ed."])
        w.insert(.init(tag: "250", ind1: " ", ind2: " ", subfields: [.init(code: "a", value: statement)]))
        let year = year(base) ?? 1900
        let later = year + rng.int(2...9)
        setFixed(&w, position: 7, to: String(later))
        w.editData(["260", "264"]) { f in
            for i in f.subfields.indices where f.subfields[i].code == "c" {
                f.subfields[i].value = f.subfields[i].value.replacingOccurrences(of: String(year), with: String(later))
            }
        }
        let extra = rng.int(16...80)
        w.editData(["300"]) { f in
            guard let a = f.value("a") else { return }
            f.setValue("a", longer(a, by: extra))
        }
        if base.first("020") != nil {
            w.insert(.init(tag: "020", ind1: " ", ind2: " ", subfields: [
                .init(code: "a", value: ISBN.synthetic(kind: 2, index: index))]))
        }
        return w
    }

    /// "xi, 186 p." → "xi, 230 p.": the last number before "p" grows; with none, a page count is added.
    static func longer(_ extent: String, by extra: Int) -> String {
        let pattern = /(\d+)(\s*(p|pages|leaves))/
        if let match = extent.matches(of: pattern).last, let n = Int(match.output.1) {
            return extent.replacingCharacters(in: match.output.1.startIndex..<match.output.1.endIndex,
                                              with: String(n + extra))
        }
        return extent + " (\(100 + extra) p.)"
    }

    static func setFixed(_ w: inout WorkRecord, position: Int, to value: String) {
        guard var chars = w.control("008").map(Array.init), chars.count == 40 else { return }
        chars.replaceSubrange(position..<(position + value.count), with: Array(value))
        w.setControl("008", String(chars))
    }

    /// AACR2's general material designation after the title proper, taking over its closing mark.
    static func electronicGMD(_ w: inout WorkRecord) {
        w.editData(["245"]) { f in
            guard let i = f.subfields.firstIndex(where: { $0.code == "a" }) else { return }
            let a = f.subfields[i].value
            let stripped = CopyVariation.stripISBD(a)
            let mark = String(a.dropFirst(stripped.count)).trimmingCharacters(in: .whitespaces)
            f.subfields[i].value = stripped
            let gmd = "[electronic resource]" + (mark.isEmpty || mark == "." ? "" : " \(mark)")
            f.subfields.insert(.init(code: "h", value: gmd), at: i + 1)
        }
    }
}
