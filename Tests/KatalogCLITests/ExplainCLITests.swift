import Foundation
import Testing
import _KatalogTestSupport

@Suite(.serialized) struct ExplainCLITests {
    let katalog = Paths.katalogBinary

    @Test func explainsAClusterByMemberRecordAndByID() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = dir.appendingPathComponent("c.sqlite").path
        let a = try MemberExport.write(dir, "a.mrk", prefix: "a", works: 0..<5)
        let b = try MemberExport.write(dir, "b.mrk", prefix: "b", works: 3..<8)
        // Another edition of work 3 with the same ISBN (publishers reuse them): a candidate the vetoes keep out.
        let otherEdition = """
            =LDR  00000nam a2200000 a 4500
            =001  b3e
            =008  230412s1999    io            000 0 eng d
            =020  \\\\$a\(MemberExport.isbn(3))
            =100  1\\$aAuthor3, A.
            =245  10$aBook number 3 :$ba synthetic title
            =250  \\\\$a2nd ed.
            =260  \\\\$aJakarta :$bPublisher 3,$c1999
            =300  \\\\$a103 p.


            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: b))
        handle.seekToEndOfFile()
        handle.write(Data(otherEdition.utf8))
        try handle.close()
        #expect(try run(katalog, ["merge", "--catalog", catalog, "--member", "A", "--quiet", a]).status == 0)
        #expect(try run(katalog, ["merge", "--catalog", catalog, "--member", "B", "--quiet", b]).status == 0)

        let byRecord = try run(katalog, ["explain", "--catalog", catalog, "A:a3"])
        #expect(byRecord.status == 0, "\(byRecord.stderr)")
        let text = byRecord.stdoutText
        #expect(text.contains("A:a3 is in cluster KTG"))
        #expect(text.contains("members ("))
        #expect(text.contains("[master]"))
        #expect(text.contains("Book number 3"))
        #expect(text.contains("keys shared by members:"))
        #expect(text.contains("match edges"))
        #expect(text.contains("A:a3 — B:b3: "))
        #expect(text.contains("B:b3e vs A:a3: non-match"), "\(text)")
        #expect(text.contains("veto: "))

        let id = try #require(text.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        let byID = try run(katalog, ["explain", "--catalog", catalog, id])
        #expect(byID.status == 0)
        #expect(byID.stdoutText.contains("cluster \(id)"))
        #expect(byID.stdoutText.contains("A:a3"))
    }

    @Test func anUnknownIDExitsWithStatus2() throws {
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = dir.appendingPathComponent("c.sqlite").path
        let a = try MemberExport.write(dir, "a.mrk", prefix: "a", works: 0..<2)
        #expect(try run(katalog, ["merge", "--catalog", catalog, "--member", "A", "--quiet", a]).status == 0)
        let unknown = try run(katalog, ["explain", "--catalog", catalog, "KTG000000000000"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no such cluster"))
        let noRecord = try run(katalog, ["explain", "--catalog", catalog, "A:nothing"])
        #expect(noRecord.status == 2)
        #expect(try run(katalog, ["explain", "--catalog", dir.appendingPathComponent("none.sqlite").path, "A:a0"]).status == 2)
    }
}
