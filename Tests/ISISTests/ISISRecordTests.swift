import Testing
import ISIS

@Suite struct ISISRecordTests {
    @Test func keepsFieldsInOrder() {
        let r = ISISRecord(mfn: 7, fields: [.init(tag: 24, bytes: Array("Title".utf8)), .init(tag: 70, bytes: [0x41])])
        #expect(r.fields.map(\.tag) == [24, 70])
        #expect(r.status == .active)
    }
}
