import Foundation

/// L2-regularised logistic regression by Newton's method (iteratively reweighted least squares):
/// a few dozen features and a few thousand pairs converge in under twenty steps.
enum LogisticRegression {
    /// Weights (first one the intercept, never penalised) maximising the penalised log-likelihood.
    static func fit(x: [[Double]], y: [Bool], lambda: Double, iterations: Int = 30) -> [Double] {
        guard let d = x.first?.count else { return [] }
        var w = [Double](repeating: 0, count: d)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: d)
            var hessian = [Double](repeating: 0, count: d * d)
            for (row, label) in zip(x, y) {
                var z = 0.0
                for j in 0..<d { z += w[j] * row[j] }
                let p = 1 / (1 + exp(-z))
                let err = (label ? 1 : 0) - p
                let s = max(p * (1 - p), 1e-9)
                for j in 0..<d where row[j] != 0 {
                    gradient[j] += err * row[j]
                    let sj = s * row[j]
                    for k in 0..<d where row[k] != 0 { hessian[j * d + k] += sj * row[k] }
                }
            }
            for j in 1..<d {
                gradient[j] -= lambda * w[j]
                hessian[j * d + j] += lambda
            }
            hessian[0] += 1e-6
            guard let step = solve(hessian, gradient, d) else { break }
            var change = 0.0
            for j in 0..<d {
                w[j] += step[j]
                change = max(change, abs(step[j]))
            }
            if change < 1e-7 { break }
        }
        return w
    }

    /// Solves A·s = b for a symmetric positive-definite A (Cholesky).
    static func solve(_ a: [Double], _ b: [Double], _ d: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0...i {
                var sum = a[i * d + j]
                for k in 0..<j { sum -= l[i * d + k] * l[j * d + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i * d + i] = sum.squareRoot()
                } else {
                    l[i * d + j] = sum / l[j * d + j]
                }
            }
        }
        var z = [Double](repeating: 0, count: d)
        for i in 0..<d {
            var sum = b[i]
            for k in 0..<i { sum -= l[i * d + k] * z[k] }
            z[i] = sum / l[i * d + i]
        }
        var s = [Double](repeating: 0, count: d)
        for i in stride(from: d - 1, through: 0, by: -1) {
            var sum = z[i]
            for k in (i + 1)..<d { sum -= l[k * d + i] * s[k] }
            s[i] = sum / l[i * d + i]
        }
        return s
    }
}
