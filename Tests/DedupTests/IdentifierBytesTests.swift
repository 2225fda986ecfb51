@testable import Dedup
import Normalize
import Testing

/// The byte readers of identifiers must answer exactly as the `String` readers they stand in for,
/// including on the odd values members write; values outside ASCII take the `String` readers.
@Suite struct IdentifierBytesTests {
    static let oclcValues = [
        "(OCoLC)12345", "(OCoLC)ocm00012345", "(ocolc)ocn123456789 ", "  (OCLC) on1234567890", "(OCoLC)",
        "(OCoLC)0000", "(DLC)12345", "(OCoLC 12345", "ocm00012345", "OCM 0012", "on", "ON12a", "12345",
        "  00012345  ", "(OCoLC)12 345", "(oCoLc)  ocm  77", "(OCoLC)١٢٣", "(ＯＣｏＬＣ)12345", "ocm12345\r\n",
        "(OCoLC)\r\n12", "", " ", "(", "()", "(OCoLC)ocm", "onx12",
    ]

    @Test func oclcNumbersReadAsTheStringReaderReadsThem() {
        for value in Self.oclcValues {
            for require in [true, false] {
                let expected = OCLCNumber(value, requireOrganization: require)?.digits
                let bytes = Array(value.utf8)[...]
                #expect(IdentifierBytes.oclcDigits(bytes, requireOrganization: require) == expected, "\(value) \(require)")
            }
        }
    }

    static let lccnValues = [
        "   85000002 ", "n  78890351 ", "  2001000002", "85-2", "sh 85-000002", "n78-890351/r86", "85000002//r",
        "ab 12345678", "abcd12345678", "ab2001000002", "abc2001000002", "85-1234567", "85-", "-12", "85-12a",
        "8500000", "85 000 002", "N 78890351", "  ٨٥000002", "é85000002", "85000002\r\n", "", "/",
    ]

    @Test func lccnsReadAsTheStringReaderReadsThem() {
        for value in Self.lccnValues {
            #expect(IdentifierBytes.lccn(Array(value.utf8)[...]) == LCCN(value)?.description, "\(value)")
        }
    }

    static let isbnValues = [
        "0198526636", "0-19-852663-6 (pbk.)", "9780198526637 :", "0198526636 9780198526637", "019852663X",
        "019852663x (v. 1)", "978-0-19-852663-7; 978-0-19-852664-4", "9789791234567 / 9789797654321",
        "979 3062 79 7", "0198526637", "12345", "", "  0-19-852663-6", "0198526636 0198526636 0198526636",
        "0198526636, 0198526636; 0198526636 / 0198526636 0198526636 0198526636 0198526636 0198526636 0198526636 0198526636",
        "ISBN 0198526636", "0-19--852663-6", "0198526636-", "978019852663",
    ]

    @Test func isbnsReadAsTheScannerReadsThem() {
        for value in Self.isbnValues {
            var expected: [String] = []
            var rest: String? = value
            var count = 0
            while let t = rest, count < 8 {
                count += 1
                let scan = IdentifierScan.scan(t)
                if let isbn = ISBN(digits: scan.number) { expected.append(isbn.isbn13) }
                rest = scan.following
            }
            var found: [String] = []
            #expect(IdentifierBytes.isbn13s(Array(value.utf8)[...]) { found.append($0) })
            #expect(found == expected, "\(value)")
        }
        #expect(!IdentifierBytes.isbn13s(Array("٠١٩٨٥٢٦٦٣٦".utf8)[...]) { _ in })
    }

    @Test func systemNumberKeysAreTheStringOnes() {
        for value in Self.oclcValues + ["(IdJaUI) b123", "(IDJAUI)b123", "(idjaui)b 1\u{7F}23", "b123", "(abc", "  "] {
            #expect(UnionIdentifiers.systemNumberKey(bytes: Array(value.utf8)[...]) == UnionIdentifiers.systemNumberKey(value),
                "\(value)")
        }
    }
}
