import MARCRecord
import Testing
import Validate

@Test func a008OfTheWrongLengthIsAnError() {
    let r = replacingControl("008", in: cleanRecord(), "240105s2023    enk")
    let p = problems(r).filter { $0.rule == "marc21.008" }
    #expect(p.count == 1 && p[0].severity == .error && p[0].message.contains("18 characters"))
}

@Test func book008PositionsAreChecked() {
    // 008/22 target audience 'x' and 008/33 literary form '9' are not defined for books.
    let r = replacingControl("008", in: cleanRecord(), "240105s2023    enk" + "a   " + "x " + "b   " + " 001 9 " + "eng d")
    let positions = problems(r).filter { $0.rule == "marc21.008" }.compactMap(\.position)
    #expect(positions == ["/22", "/33"])
}

@Test func date1MayBeBlankOnlyForTypeB() {
    let b = replacingControl("008", in: cleanRecord(), "240105b        enka     b    001 0 eng d")
    #expect(!rules(problems(b)).contains("marc21.008"))
    let s = replacingControl("008", in: cleanRecord(), "240105s        enka     b    001 0 eng d")
    #expect(problems(s).contains { $0.position == "/07-10" })
}

@Test func the008TableFollowsTheMaterialType() {
    // The same 008/18-34 is fine for a book and wrong for a map (relief '?' and type of map 'q').
    var r = replacingControl("008", in: cleanRecord(), "240105s2023    enk" + "?   " + "   q   " + "001 0 " + "eng d")
    #expect(problems(r).contains { $0.position == "/18-21" })
    r.setLeaderByte(UInt8(ascii: "e"), at: 6)
    #expect(problems(r).contains { $0.position == "/25" })
}

@Test func field006And007() {
    var r = cleanRecord()
    r.appendControlField("006", "m     o  d        ")
    r.appendControlField("007", "cr |||||||||||")
    #expect(problems(r).isEmpty)
    r.appendControlField("006", "m     o  d")
    r.appendControlField("007", "xz")
    let p = problems(r)
    #expect(p.contains { $0.rule == "marc21.006" && $0.message.contains("must be 18") })
    #expect(p.contains { $0.rule == "marc21.007" && $0.position == "/00" })
}
