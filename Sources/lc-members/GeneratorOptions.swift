import Foundation

/// The command line of lc-members (a test-data tool, so a hand-written parser: no dependency).
struct GeneratorOptions {
    var input = ""
    var outputDirectory = ""
    /// Base records to use (after `skip`); nil = all.
    var base: Int?
    var skip = 0
    var members = ["UNAIR", "UGM", "UI", "ITB"]
    var formats: [MemberProfile.Format] = [.marc8, .marcxml, .json, .mrk, .iso2709]
    var seed: UInt64 = 2026
    /// Chance that a member holds a copy of a base record.
    var coverage = 0.6
    var ebooks = 0.04
    var editions = 0.04
    /// Chance that a group is a "typo group" (titles with one typo in some copies; no content-only copies).
    var typoGroups = 0.15
    /// Chance that a copy outside typo groups loses every identifier.
    var contentOnly = 0.15
    /// Records of `changedMember` also written, changed, to `CODE-changed.EXT` (for the re-merge benchmark).
    var changed = 0
    var changedMember: String?
    var quiet = false

    static let usage = """
        usage: lc-members --input LC.mrc --out DIR [--base N] [--skip K] [--members A,B,C,D]
                          [--formats marc8,marcxml,json,mrk,iso2709] [--seed N] [--coverage P]
                          [--ebooks P] [--editions P] [--typo-groups P] [--content-only P]
                          [--changed N [--changed-member CODE]] [--quiet]

        Reads base records (ISO 2709, any character set) and writes one file per member into DIR,
        with manifest.tsv (member, localid, group, kind, base, notes) and members.tsv (member, file,
        format, encoding, records). Formats are assigned to members in turn. Deterministic: the same
        arguments give the same bytes.
        """

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    init(arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        func value(_ flag: String) throws(UsageError) -> String {
            guard let v = rest.popFirst() else { throw UsageError(description: "\(flag) needs a value") }
            return v
        }
        func number<T: LosslessStringConvertible>(_ flag: String, _: T.Type) throws(UsageError) -> T {
            let text = try value(flag)
            guard let n = T(text.replacingOccurrences(of: "_", with: "")) else {
                throw UsageError(description: "\(flag): not a number: \(text)")
            }
            return n
        }
        func chance(_ flag: String) throws(UsageError) -> Double {
            let p = try number(flag, Double.self)
            guard (0...1).contains(p) else { throw UsageError(description: "\(flag) must be between 0 and 1") }
            return p
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--input": input = try value(flag)
            case "--out": outputDirectory = try value(flag)
            case "--base": base = try number(flag, Int.self)
            case "--skip": skip = try number(flag, Int.self)
            case "--members":
                members = try value(flag).split(separator: ",").map(String.init)
                guard !members.isEmpty, Set(members).count == members.count else {
                    throw UsageError(description: "--members: give distinct codes, comma-separated")
                }
            case "--formats":
                var list: [MemberProfile.Format] = []
                for name in try value(flag).split(separator: ",") {
                    guard let format = MemberProfile.Format(rawValue: String(name)) else {
                        throw UsageError(description: "--formats: unknown format \(name)")
                    }
                    list.append(format)
                }
                guard !list.isEmpty else { throw UsageError(description: "--formats: empty list") }
                formats = list
            case "--seed": seed = try number(flag, UInt64.self)
            case "--coverage": coverage = try chance(flag)
            case "--ebooks": ebooks = try chance(flag)
            case "--editions": editions = try chance(flag)
            case "--typo-groups": typoGroups = try chance(flag)
            case "--content-only": contentOnly = try chance(flag)
            case "--changed": changed = try number(flag, Int.self)
            case "--changed-member": changedMember = try value(flag)
            case "--quiet": quiet = true
            case "-h", "--help": throw UsageError(description: Self.usage)
            default: throw UsageError(description: "unknown option \(flag)\n\(Self.usage)")
            }
        }
        guard !input.isEmpty, !outputDirectory.isEmpty else {
            throw UsageError(description: "--input and --out are required\n\(Self.usage)")
        }
        if let changedMember, !members.contains(changedMember) {
            throw UsageError(description: "--changed-member \(changedMember) is not one of --members")
        }
    }

    var profiles: [MemberProfile] {
        members.enumerated().map { i, code in
            let format = formats[i % formats.count]
            return MemberProfile(code: code, index: i, format: format, habits: MemberProfile.habits(for: i, format: format))
        }
    }
}
