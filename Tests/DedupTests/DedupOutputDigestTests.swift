import Dedup
import Foundation
import ISO2709
import KatalogIO
import MARCRecord
import Normalize
import Testing
import _KatalogTestSupport

private let lcBooks25k: String? = Paths.corpusFile("marc/lc-books/lc-books-25k.mrc").flatMap {
    FileManager.default.fileExists(atPath: $0) ? $0 : nil
}

/// Guards the speed work on profile and merged-record building: over the 25,000 LC records, the
/// serialized profiles, their keys, the match scores of neighbouring records and the merged records
/// of one- and two-member clusters must come out byte for byte as before.
///
/// The expected digests were computed by this very test on the code as it stood before the speed
/// work (commit 6651006, "One non-filing-character skip …"), run once with the expectations
/// printed, and copied here. A change of any profile or merged record changes a digest; a deliberate
/// change of the output must recompute them the same way and say why in its commit.
@Suite(.serialized, .enabled(if: lcBooks25k != nil, "../shared/corpus (lc-books-25k.mrc) is absent"))
struct DedupOutputDigestTests {
    static let expectedProfiles: UInt64 = 0xfea6_9ef2_9ebc_9c41
    static let expectedScores: UInt64 = 0x5fa0_76a8_91d9_a956
    static let expectedSingles: UInt64 = 0x2096_516a_4c2d_dd22
    static let expectedPairs: UInt64 = 0x33d8_e681_3cca_a126

    /// FNV-1a, 64 bits, over everything fed to it, with a length before each piece so that two
    /// pieces can never run together into the same stream.
    struct Digest {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ bytes: some Sequence<UInt8>) {
            var count: UInt64 = 0
            for b in bytes {
                value = (value ^ UInt64(b)) &* 0x100_0000_01b3
                count += 1
            }
            add(count)
        }

        mutating func add(_ number: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { value = (value ^ ((number >> UInt64(shift)) & 0xFF)) &* 0x100_0000_01b3 }
        }

        mutating func add(_ record: MARCRecord?) {
            guard let record else { return add(UInt64.max) }
            add(record.leader.bytes)
            add(UInt64(record.fieldCount))
            for field in record.fields {
                add(field.tag.bytes)
                add(field.content)
            }
        }
    }

    /// The LC records as a member's store holds them: through the default normalizer, which writes
    /// the provenance 003/035/852 the merged-record builder reads.
    static func members() throws -> [ClusterMember] {
        let path = try #require(lcBooks25k)
        var reader = ISO2709Reader(source: try FileByteSource(path: path), fileName: path)
        let records = try readAll(&reader).records
        #expect(records.count == 25_000)
        let normalizer = try Normalizer()
        return records.enumerated().map { i, record in
            let localID = record.controlNumber ?? "n\(i)"
            let code = i % 3 == 0 ? "LC" : "DLC"
            let (normalized, _) = normalizer.normalized(record, memberCode: code, localID: localID)
            // Every fourth member has no stored datestamp, so the record's own 005 is read instead.
            let stamp: String? = i % 4 == 0 ? nil : "2024-0\(1 + i % 9)-1\(i % 10)T10:20:3\(i % 10)Z"
            return ClusterMember(memberCode: code, localID: localID, record: normalized, datestamp: stamp)
        }
    }

    @Test func profilesScoresAndMergedRecordsAreUnchanged() throws {
        let members = try Self.members()

        var profiles = Digest()
        var built: [MatchProfile] = []
        built.reserveCapacity(members.count)
        for member in members {
            let profile = MatchProfile(record: member.record)
            profiles.add(profile.serialized())
            profiles.add(UInt64(profile.keys.count))
            for key in profile.keys { profiles.add(key.description.utf8) }
            built.append(profile)
        }

        // Neighbours in the file (mostly strangers) and each record against the next one sharing a
        // key with it (the candidates the catalogue would actually score).
        var scores = Digest()
        let matcher = Matcher()
        var lastWithKey: [MatchKey: Int] = [:]
        for (i, profile) in built.enumerated() {
            if i > 0 { Self.add(matcher.compare(built[i - 1], profile), to: &scores) }
            for key in profile.keys {
                if let j = lastWithKey[key] { Self.add(matcher.compare(built[j], profile), to: &scores) }
                lastWithKey[key] = i
            }
        }

        let builder = MergedRecordBuilder(unionAgency: "IdJaKAT")
        var singles = Digest()
        for (i, member) in members.enumerated() {
            singles.add(builder.build(clusterID: "kat\(i)", members: [member]))
        }
        singles.add(builder.build(clusterID: "empty", members: []))

        // Two members: neighbours, and one record held by two members (the same 035s and 020s from
        // both, so the union has to count each once).
        var pairs = Digest()
        for i in stride(from: 0, to: members.count - 1, by: 5) {
            pairs.add(builder.build(clusterID: "kat\(i)", members: [members[i], members[i + 1]]))
            var twin = members[i]
            twin.memberCode = "TWIN"
            twin.localID = "t\(i)"
            pairs.add(builder.build(clusterID: "twin\(i)", members: [twin, members[i]]))
        }

        print("dedup output digests: profiles 0x\(String(profiles.value, radix: 16)), "
            + "scores 0x\(String(scores.value, radix: 16)), singles 0x\(String(singles.value, radix: 16)), "
            + "pairs 0x\(String(pairs.value, radix: 16))")
        #expect(profiles.value == Self.expectedProfiles)
        #expect(scores.value == Self.expectedScores)
        #expect(singles.value == Self.expectedSingles)
        #expect(pairs.value == Self.expectedPairs)
    }

    static func add(_ decision: MatchDecision, to digest: inout Digest) {
        digest.add(decision.score.bitPattern)
        digest.add(decision.verdict.rawValue.utf8)
        digest.add(UInt64(decision.vetoes.count))
        for veto in decision.vetoes { digest.add(veto.utf8) }
        for key in decision.sharedKeys { digest.add(key.description.utf8) }
    }
}
