/// String and set similarities the features are made of. All are symmetric.
enum Similarity {
    /// Jaro–Winkler similarity of two byte strings, in [0, 1]; both empty → 1. Only the first
    /// `limit` bytes count: titles differ early when they differ at all, and the cost is quadratic.
    static func jaroWinkler(_ a: [UInt8], _ b: [UInt8], limit: Int = 64) -> Double {
        let n = min(a.count, limit), m = min(b.count, limit)
        if n == 0 && m == 0 { return 1 }
        if n == 0 || m == 0 { return 0 }
        // The shorter string goes first so that the result does not depend on argument order.
        if n > m || (n == m && a.lexicographicallyPrecedes(b) == false && a != b) {
            return jaroWinklerOrdered(b, m, a, n)
        }
        return jaroWinklerOrdered(a, n, b, m)
    }

    private static func jaroWinklerOrdered(_ a: [UInt8], _ n: Int, _ b: [UInt8], _ m: Int) -> Double {
        let window = max(0, max(n, m) / 2 - 1)
        // Flags on the stack: this runs for every candidate pair, twice.
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: n + m) { flags -> Double in
            flags.initialize(repeating: false)
            var matches = 0
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    for i in 0..<n {
                        let lo = max(0, i - window), hi = min(m - 1, i + window)
                        guard lo <= hi else { continue }
                        let c = pa[i]
                        for j in lo...hi where pb[j] == c && !flags[n + j] {
                            flags[i] = true
                            flags[n + j] = true
                            matches += 1
                            break
                        }
                    }
                }
            }
            if matches == 0 { return 0 }
            var transpositions = 0
            var k = 0
            for i in 0..<n where flags[i] {
                while !flags[n + k] { k += 1 }
                if a[i] != b[k] { transpositions += 1 }
                k += 1
            }
            let mm = Double(matches)
            let jaro = (mm / Double(n) + mm / Double(m) + (mm - Double(transpositions / 2)) / mm) / 3
            var prefix = 0
            while prefix < min(4, min(n, m)) && a[prefix] == b[prefix] { prefix += 1 }
            return jaro + Double(prefix) * 0.1 * (1 - jaro)
        }
    }

    /// The size of the intersection of two sorted sets.
    static func common(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var i = 0, j = 0, c = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                c += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return c
    }

    /// |A ∩ B| / |A ∪ B|; 0 when either is empty.
    static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let c = common(a, b)
        return Double(c) / Double(a.count + b.count - c)
    }

    /// |A ∩ B| / min(|A|, |B|): 1 when one set holds the other (a title with and without its
    /// subtitle); 0 when either is empty.
    static func containment(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        return Double(common(a, b)) / Double(min(a.count, b.count))
    }
}
