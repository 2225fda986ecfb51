import Foundation

/// What the members get from one base record: which members hold a print copy, which hold the
/// e-book or the later edition (never a member that holds the print: a cluster may not hold two
/// records of one member, so such a pair would be kept apart for the wrong reason), and how hard
/// each copy is to match.
struct Plan {
    struct Item {
        var member: Int
        var kind: Generator.Kind
        var group: String
        var record: WorkRecord
        var contentOnly = false
        var typo = false
        var anchor: String?
    }

    let baseID: String
    private(set) var items: [Item] = []
    private(set) var duplicateGroups = 0

    init(base: WorkRecord, position: Int, options: GeneratorOptions, memberCount: Int) {
        var rng = SplitMix64(seed: options.seed, stream: position)
        let id = base.control("001")?.trimmingCharacters(in: .whitespaces) ?? ""
        baseID = id.isEmpty ? "record-\(position + 1)" : id
        let all = Array(0..<memberCount)
        var printHolders = all.filter { _ in rng.chance(options.coverage) }
        let eligible = HardNegative.eligible(base)
        let wantEbook = eligible && rng.chance(options.ebooks)
        let wantEdition = eligible && rng.chance(options.editions)
        var negativeHolders: [Generator.Kind: [Int]] = [:]
        if (wantEbook || wantEdition) && memberCount > 1 {
            if printHolders.isEmpty { printHolders = [rng.pick(all)] }
            for kind in [Generator.Kind.ebook, .edition] where kind == .ebook ? wantEbook : wantEdition {
                let want = rng.chance(0.5) ? 2 : 1
                // Members without the print take the negative; when too few are free, a member gives
                // up its print copy for it (it holds only the e-book, as libraries do), keeping one print.
                while all.count - printHolders.count < want && printHolders.count > 1 {
                    printHolders.remove(at: rng.int(0...(printHolders.count - 1)))
                }
                var free = all.filter { !printHolders.contains($0) }
                var chosen: [Int] = []
                while chosen.count < want && !free.isEmpty {
                    chosen.append(free.remove(at: rng.int(0...(free.count - 1))))
                }
                negativeHolders[kind] = chosen.sorted()
            }
        }

        let anchor: String? = base.first("010") != nil ? "010" : base.first("020") != nil ? "020" : nil
        let typoGroup = anchor != nil && rng.chance(options.typoGroups)
        for member in printHolders {
            var item = Item(member: member, kind: .copy, group: baseID, record: base, anchor: anchor)
            item.typo = typoGroup && rng.chance(0.5)
            item.contentOnly = !typoGroup && rng.chance(options.contentOnly)
            items.append(item)
        }
        if printHolders.count > 1 { duplicateGroups += 1 }
        if let holders = negativeHolders[.ebook], !holders.isEmpty {
            let ebook = HardNegative.ebook(from: base, index: position, rng: &rng)
            add(holders, kind: .ebook, record: ebook, rng: &rng, options: options)
        }
        if let holders = negativeHolders[.edition], !holders.isEmpty {
            let edition = HardNegative.edition(from: base, index: position, rng: &rng)
            add(holders, kind: .edition, record: edition, rng: &rng, options: options)
        }
        items.sort { $0.member < $1.member }
    }

    private mutating func add(
        _ holders: [Int], kind: Generator.Kind, record: WorkRecord, rng: inout SplitMix64, options: GeneratorOptions
    ) {
        let anchor: String? = record.first("020") != nil ? "020" : nil
        for member in holders {
            var item = Item(member: member, kind: kind, group: "\(baseID)/\(kind.rawValue)", record: record, anchor: anchor)
            item.contentOnly = rng.chance(options.contentOnly)
            items.append(item)
        }
        if holders.count > 1 { duplicateGroups += 1 }
    }
}
