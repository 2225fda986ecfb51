import Testing
import CICUShim

@Suite struct ICUShimTests {
    @Test func linksAgainstSystemICU() {
        let version = String(cString: kicu_version())
        #expect(version.hasPrefix("7"), "built against ICU \(version)")
    }
}
