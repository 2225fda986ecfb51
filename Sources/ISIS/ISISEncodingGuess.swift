public import Charsets

/// The character set of an ISIS database: ISIS never records it (isis-format.md §8), so it is
/// named with `--encoding` or guessed from the bytes.
public enum ISISEncoding: Sendable, Hashable, CustomStringConvertible {
    case utf8
    case codePage(CodePage)

    /// `utf8`, or any code page name `CodePage(name:)` knows; `nil` for MARC-8, ISO 5426 and
    /// unknown names (ISIS databases are never in those).
    public init?(name: String) {
        switch InputEncoding(name: name) {
        case .utf8?: self = .utf8
        case .codePage(let page)?: self = .codePage(page)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .utf8: "utf8"
        case .codePage(let page): page.rawValue
        }
    }
}

/// What the byte statistics of a sample say about its character set, and how sure they are.
public struct ISISEncodingGuess: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `utf8`, a code page name, or `ascii` when no byte above 0x7F was seen (read as Latin-1,
    /// which changes no ASCII byte).
    public var name: String
    /// 0…1: how far the winner is ahead of the best candidate that reads the bytes differently.
    public var confidence: Double
    /// The candidates and their scores, best first (for `inspect`).
    public var scores: [Score]
    /// Bytes above 0x7F in the sample.
    public var highBytes: Int
    public var why: String

    public struct Score: Sendable, Hashable, Codable {
        public var name: String
        public var score: Double
    }

    public var encoding: ISISEncoding {
        switch name {
        case "utf8": .utf8
        case "ascii": .codePage(.latin1)
        default: ISISEncoding(name: name) ?? .codePage(.latin1)
        }
    }

    public var confidenceWord: String { confidence >= 0.9 ? "high" : confidence >= 0.6 ? "medium" : "low" }

    public var description: String {
        "\(name) (confidence \(confidenceWord), \(Int((confidence * 100).rounded())) %: \(why))"
    }
}

/// Guesses the character set of ISIS text from byte statistics.
///
/// Valid UTF-8 with multibyte sequences is UTF-8. Otherwise each candidate page (cp850, cp437,
/// cp852, cp1252, latin1) reads every byte above 0x7F, and the reading scores by how plausible
/// it is in catalogue text: letters used by European languages score, uppercase letters inside a
/// lowercase word and symbols inside words score less, box drawing, controls and unmapped bytes
/// are penalised. Pages that read the sample identically tie and the earlier one in the list
/// wins (cp850 before cp437, latin1 before cp1252 when no byte 0x80–0x9F occurs).
public struct ISISEncodingGuesser {
    public static let candidates: [CodePage] = [.cp850, .cp437, .cp852, .latin1, .cp1252]

    private var highCounts = [Int](repeating: 0, count: 256)
    /// Counts of (previous, byte, next) classes per high byte: how often the byte sits between
    /// lowercase letters, after an uppercase letter, etc.
    private var contexts: [Context: Int] = [:]
    private var utf8Multibyte = 0
    private var utf8Invalid = 0
    public private(set) var bytesSeen = 0

    private struct Context: Hashable {
        var byte: UInt8
        var before: Neighbour
        var after: Neighbour
    }

    private enum Neighbour: Hashable {
        case lower, upper, high, other
    }

    public init() {}

    /// Adds some text of the database (a field, an FDT line) to the sample.
    public mutating func add(_ bytes: some Collection<UInt8>) {
        let a = Array(bytes)
        bytesSeen += a.count
        var i = 0
        while i < a.count {
            let b = a[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length = Self.utf8Length(a, i)
            if length > 0 { utf8Multibyte += 1 } else { utf8Invalid += 1 }
            // Code-page statistics see every high byte, UTF-8 or not: the guess must also work
            // when the sample is not UTF-8 at all.
            for k in i..<(i + max(1, length)) {
                highCounts[Int(a[k])] += 1
                let before = k > 0 ? Self.neighbour(a[k - 1]) : .other
                let after = k + 1 < a.count ? Self.neighbour(a[k + 1]) : .other
                contexts[Context(byte: a[k], before: before, after: after), default: 0] += 1
            }
            i += max(1, length)
        }
    }

    private static func neighbour(_ b: UInt8) -> Neighbour {
        switch b {
        case 0x61...0x7A: .lower
        case 0x41...0x5A: .upper
        case 0x80...: .high
        default: .other
        }
    }

    /// The well-formed UTF-8 sequence at `i` (the decoder's own test, so guess and decoding agree).
    private static func utf8Length(_ a: [UInt8], _ i: Int) -> Int { ISISTextDecoder.sequenceLength(a, i) }

    /// The verdict on what has been added so far.
    public func guess() -> ISISEncodingGuess {
        let high = highCounts.reduce(0, +)
        if high == 0 {
            return ISISEncodingGuess(name: "ascii", confidence: 1, scores: [], highBytes: 0,
                why: "no byte above 0x7F in \(bytesSeen) bytes sampled; read as latin1")
        }
        if utf8Multibyte > 0 && utf8Invalid * 20 <= utf8Multibyte {
            let confidence = utf8Invalid == 0 ? 1.0 : 0.8
            return ISISEncodingGuess(name: "utf8", confidence: confidence, scores: [], highBytes: high,
                why: "\(utf8Multibyte) well-formed UTF-8 sequence(s), \(utf8Invalid) stray byte(s)")
        }
        var scored: [(page: CodePage, score: Double, reading: [UInt32])] = []
        for page in Self.candidates {
            let codec = CodePageCodec(page)
            var score = 0.0
            for (context, count) in contexts {
                score += Double(count) * Self.plausibility(codec.scalar(forByte: context.byte), context.before,
                    context.after)
            }
            // What the page makes of the bytes that occur: pages reading them alike are one candidate.
            let reading = (0x80...0xFF).filter { highCounts[$0] > 0 }.map {
                codec.scalar(forByte: UInt8($0))?.value ?? 0xFFFD
            }
            scored.append((page, score, reading))
        }
        // Stable: equal scores keep the candidates' order.
        let ranked = scored.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }
            .map(\.element)
        let best = ranked[0]
        let rival = ranked.first { $0.reading != best.reading }
        let margin = rival.map { best.score - $0.score } ?? Double(high)
        // Margin in "plausible letters": a few decisive bytes are fairly sure, dozens are certain.
        let confidence = margin <= 0 ? 0 : margin / (margin + 1.5)
        let same = ranked.filter { $0.reading == best.reading && $0.page != best.page }.map(\.page.rawValue)
        var why = "\(high) byte(s) above 0x7F read best as \(best.page.rawValue)"
        if let rival { why += "; next \(rival.page.rawValue), \(Int(margin.rounded())) point(s) behind" }
        if !same.isEmpty { why += "; \(same.joined(separator: ", ")) read(s) them the same" }
        return ISISEncodingGuess(name: best.page.rawValue, confidence: confidence,
            scores: ranked.map { .init(name: $0.page.rawValue, score: ($0.score * 10).rounded() / 10) },
            highBytes: high, why: why)
    }

    /// How plausible `scalar` is in catalogue text, between neighbours of the given kinds.
    private static func plausibility(_ scalar: Unicode.Scalar?, _ before: Neighbour, _ after: Neighbour) -> Double {
        guard let scalar else { return -4 }
        let v = scalar.value
        let inWord = (before == .lower || before == .upper || before == .high)
            && (after == .lower || after == .upper || after == .high)
        if v < 0xA0 || (0x2500...0x25FF).contains(v) || (0xE000...0xF8FF).contains(v) { return -4 }
        if scalar.properties.isAlphabetic {
            // Greek and other scripts among the candidates' symbols (cp437's φ for Latin-1's í) are
            // no letters of Latin-script catalogue text.
            if v >= 0x0370 && !commonLetters.contains(scalar) { return inWord ? -1.5 : -1 }
            var score = commonLetters.contains(scalar) ? 2.0 : 0.3
            // An uppercase letter inside a word ("SÒo", "aÇÒo") is a misreading; all-caps words are not.
            if scalar.properties.isUppercase && before != .other && (before == .lower || after == .lower) {
                score -= 3
            }
            if scalar.properties.isLowercase && before == .upper && after == .upper { score -= 1 }
            return score
        }
        if commonSigns.contains(scalar) { return inWord ? -1 : 0.3 }
        return inWord ? -2 : -1
    }

    /// Accented letters of the languages catalogues are written in (Western and Central Europe,
    /// Latin America), both cases.
    private static let commonLetters: Set<Unicode.Scalar> = {
        let lower = "áàâãäåæçéèêëíìîïñóòôõöøœúùûüýÿßčćšžđřěůňťďľĺŕśźżłńőűąęăşţ"
        return Set((lower + lower.uppercased()).unicodeScalars)
    }()

    private static let commonSigns: Set<Unicode.Scalar> = Set("«»°±§¿¡·ªº–—‘’“”€£©®½¼¾×÷´¨¸".unicodeScalars)
}
