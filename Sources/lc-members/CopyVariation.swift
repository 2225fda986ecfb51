import Foundation

/// Turns a base record into one member's copy of it: the member's own 001/003/005/040/852, and the
/// differences real members' copies of one book have. Each difference is one small function.
///
/// What a copy keeps is bounded so that a planted duplicate stays findable by a sound matcher: a copy
/// loses every identifier only when its group has no typo (its title then differs from the others
/// only in case and punctuation, which title keys fold away), and a typo only goes into a copy that
/// keeps the group's anchor identifier (010, else 020).
struct CopyVariation {
    let member: MemberProfile
    let localID: String
    /// The copy may lose all its identifiers (010, 020, 035, 015, 016, 024).
    var contentOnly = false
    /// The copy gets one typo in its title proper.
    var typo = false
    /// The copy must keep this identifier tag ("010" or "020"), whatever the member's habits.
    var anchor: String?

    static let identifierTags: Set<String> = ["010", "015", "016", "019", "020", "024", "035"]

    /// Makes the copy; returns the names of the differences it got, for the manifest.
    func apply(to w: inout WorkRecord, rng: inout SplitMix64) -> [String] {
        let h = member.habits
        var notes: [String] = []
        func note(_ applied: Bool, _ name: String) { if applied { notes.append(name) } }
        provenance(&w, rng: &rng)
        if contentOnly {
            w.remove(Self.identifierTags)
            notes.append("content-only")
        } else {
            let dropLCCN = anchor != "010" && w.first("010") != nil && rng.chance(h.dropLCCN)
            if dropLCCN { w.remove(["010"]) }
            note(dropLCCN, "no-010")
            let dropISBN = anchor != "020" && w.first("020") != nil && rng.chance(h.dropISBN)
            if dropISBN { w.remove(["020"]) }
            note(dropISBN, "no-020")
            if rng.chance(h.reformatLCCN) { reformatLCCN(&w) }
            note(isbnForms(&w, rng: &rng), "isbn-form")
        }
        if typo { note(Self.typo(&w, rng: &rng), "typo") }
        if rng.chance(h.upperTitle) {
            Self.titleCase(&w) { $0.uppercased() }
            notes.append("upper")
        } else if rng.chance(h.lowerTitle) {
            Self.titleCase(&w) { $0.lowercased() }
            notes.append("lower")
        }
        if rng.chance(h.rda) {
            Self.rda(&w)
            notes.append("rda")
        }
        if rng.chance(h.stripISBD) {
            Self.punctuation(&w, Self.stripISBD)
            notes.append("no-isbd")
        } else if rng.chance(h.compactISBD) {
            Self.punctuation(&w, Self.compactISBD)
            notes.append("compact-isbd")
        }
        if rng.chance(h.dropSubjects) { w.remove { $0.tag.hasPrefix("6") } }
        if rng.chance(h.dropNotes) { w.remove(["500", "504", "505", "520"]) }
        if rng.chance(h.dropAuthorDates) { Self.dropAuthorDates(&w) }
        holdings(&w)
        return notes
    }

    // MARK: - Provenance

    /// 001 = the member's number, 003 = its code, 005 = a fixed, seeded time (the merged record's 005
    /// comes from its members', so a dump of this set never depends on the clock), 040 $d = the member.
    func provenance(_ w: inout WorkRecord, rng: inout SplitMix64) {
        let original = w.control("001")?.trimmingCharacters(in: .whitespaces) ?? ""
        w.setControl("001", localID)
        w.setControl("003", member.code)
        w.setControl("005", Self.datestamp(&rng))
        // Some members keep LC's number as an (DLC) 035, as copy cataloguing often leaves it.
        if !contentOnly && !original.isEmpty && rng.chance(member.habits.keepDLC035) {
            w.insert(.init(tag: "035", ind1: " ", ind2: " ", subfields: [.init(code: "a", value: "(DLC)\(original)")]))
        }
        w.editData(["040"]) { $0.subfields.append(.init(code: "d", value: member.code)) }
    }

    static func datestamp(_ rng: inout SplitMix64) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "2025\(two(rng.int(1...12)))\(two(rng.int(1...28)))\(two(rng.int(0...23)))\(two(rng.int(0...59)))"
            + "\(two(rng.int(0...59))).0"
    }

    /// One 852 per copy: the member and the call number LC gave (050), as a member's holdings show.
    func holdings(_ w: inout WorkRecord) {
        var subfields: [WorkRecord.Subfield] = [.init(code: "a", value: member.code)]
        if let lcc = w.first("050") {
            let call = [lcc.value("a"), lcc.value("b")].compactMap { $0 }.joined(separator: " ")
            if !call.isEmpty { subfields.append(.init(code: "h", value: call)) }
        }
        subfields.append(.init(code: "p", value: "\(member.code)-\(localID)"))
        w.insert(.init(tag: "852", ind1: "0", ind2: " ", subfields: subfields))
    }

    // MARK: - Identifiers

    /// "   00000002 " (LC's fixed-width form) written as the bare number.
    func reformatLCCN(_ w: inout WorkRecord) {
        w.editData(["010"]) { f in
            if let a = f.value("a") { f.setValue("a", a.trimmingCharacters(in: .whitespaces)) }
        }
    }

    /// Rewrites 020 $a as ISBN-13 or ISBN-10, hyphenated or not, with or without its qualifier;
    /// true when any 020 changed.
    func isbnForms(_ w: inout WorkRecord, rng: inout SplitMix64) -> Bool {
        let h = member.habits
        let to13 = rng.chance(h.isbn13)
        let to10 = !to13 && rng.chance(h.isbn10)
        let hyphens = rng.chance(h.hyphenateISBN)
        let noQualifier = rng.chance(h.dropQualifier)
        var changed = false
        w.editData(["020"]) { f in
            guard let a = f.value("a"), let (digits, rest) = ISBN.split(a) else { return }
            var isbn = digits
            if to13 { isbn = ISBN.to13(isbn) } else if to10 { isbn = ISBN.to10(isbn) ?? isbn }
            if hyphens { isbn = ISBN.hyphenated(isbn) }
            let value = noQualifier ? isbn : isbn + rest
            if value != a { changed = true }
            f.setValue("a", value)
        }
        return changed
    }

    // MARK: - Description

    static let titleTags: Set<String> = ["245"]

    static func titleCase(_ w: inout WorkRecord, _ change: (String) -> String) {
        w.editData(titleTags) { f in
            for i in f.subfields.indices where "abnp".contains(f.subfields[i].code) {
                f.subfields[i].value = change(f.subfields[i].value)
            }
        }
    }

    /// One slip of the keyboard in the title proper: two neighbouring letters swapped, or one
    /// dropped, inside a word of six letters or more, in a title long enough that one edit stays
    /// under a tenth of its length.
    static func typo(_ w: inout WorkRecord, rng: inout SplitMix64) -> Bool {
        var made = false
        w.editData(titleTags) { f in
            guard let index = f.subfields.firstIndex(where: { $0.code == "a" }) else { return }
            var chars = Array(f.subfields[index].value)
            guard chars.count >= 25 else { return }
            var candidates: [Int] = []  // positions inside long ASCII words, not their first letter
            var run = 0
            for (i, c) in chars.enumerated() {
                if c.isASCII && c.isLetter {
                    run += 1
                    if run >= 6 { candidates.append(i - 2) }
                } else {
                    run = 0
                }
            }
            guard !candidates.isEmpty else { return }
            let at = rng.pick(candidates)
            if rng.chance(0.5) { chars.swapAt(at, at + 1) } else { chars.remove(at: at) }
            f.subfields[index].value = String(chars)
            made = true
        }
        return made
    }

    /// RDA habits: 260 becomes 264 _1, and "p." in 300 $a becomes "pages".
    static func rda(_ w: inout WorkRecord) {
        for i in w.fields.indices {
            guard case .data(var f) = w.fields[i] else { continue }
            if f.tag == "260" {
                f.tag = "264"
                f.ind1 = " "
                f.ind2 = "1"
            } else if f.tag == "300", let a = f.value("a") {
                f.setValue("a", a.replacingOccurrences(of: " p.", with: " pages"))
            } else {
                continue
            }
            w.fields[i] = .data(f)
        }
    }

    static let describedTags: Set<String> = ["100", "110", "245", "250", "260", "264", "300", "490"]

    static func punctuation(_ w: inout WorkRecord, _ change: (String) -> String) {
        w.editData(describedTags) { f in
            for i in f.subfields.indices { f.subfields[i].value = change(f.subfields[i].value) }
        }
    }

    /// "Title /" → "Title", "London :" → "London", "1899." → "1899".
    static func stripISBD(_ value: String) -> String {
        var s = Substring(value)
        while let last = s.last, " /:;=,.".contains(last) { s = s.dropLast() }
        return s.isEmpty ? value : String(s)
    }

    /// "Title :" → "Title:", "London ;" → "London;".
    static func compactISBD(_ value: String) -> String {
        for mark in [" :", " ;", " /", " ="] where value.hasSuffix(mark) {
            return String(value.dropLast(2)) + String(mark.last!)
        }
        return value
    }

    /// "Smith, John, 1850-1920." → "Smith, John."
    static func dropAuthorDates(_ w: inout WorkRecord) {
        w.editData(["100"]) { f in
            guard f.value("d") != nil else { return }
            f.subfields.removeAll { $0.code == "d" }
            if let i = f.subfields.firstIndex(where: { $0.code == "a" }) {
                var a = f.subfields[i].value
                while a.hasSuffix(",") || a.hasSuffix(" ") { a.removeLast() }
                f.subfields[i].value = a + "."
            }
        }
    }
}
