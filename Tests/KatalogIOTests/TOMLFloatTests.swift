import KatalogIO
import Testing

@Suite struct TOMLFloatTests {
    @Test(arguments: [
        ("3.14", 3.14), ("-0.01", -0.01), ("+1.5", 1.5), ("5e+22", 5e22), ("1E6", 1e6), ("-2E-2", -0.02),
        ("6.626e-34", 6.626e-34), ("1_000.5", 1000.5), ("0.5", 0.5), ("9_224_617.445_991", 9_224_617.445_991),
    ])
    func readsFloats(text: String, expected: Double) throws {
        let table = try TOML.parse("x = \(text)\n")
        #expect(table["x"] == .float(expected))
        #expect(table["x"]?.typeName == "float")
    }

    @Test func infinityAndNaN() throws {
        let table = try TOML.parse("a = inf\nb = -inf\nc = nan\n")
        #expect(table["a"]?.float == .infinity)
        #expect(table["b"]?.float == -.infinity)
        #expect(table["c"]?.float?.isNaN == true)
    }

    @Test func integersStayIntegers() throws {
        let table = try TOML.parse("a = 7\nb = -3\nc = [1.5, 2]\n")
        #expect(table["a"] == .integer(7))
        #expect(table["a"]?.float == nil)
        #expect(table["b"] == .integer(-3))
        #expect(table["c"] == .array([.float(1.5), .integer(2)]))
    }

    @Test(arguments: ["1.", ".5", "1.e5", "01.5", "1__0.5", "1.5_", "_1.5", "1e", "1.2.3", "0x1.8"])
    func refusesMalformedFloats(text: String) {
        #expect(throws: TOMLError.self) { try TOML.parse("x = \(text)\n") }
    }

    @Test func errorNamesTheLine() {
        do {
            _ = try TOML.parse("a = 1.0\nb = 1.\n")
            Issue.record("accepted 1.")
        } catch {
            #expect(error.line == 2)
        }
    }
}
