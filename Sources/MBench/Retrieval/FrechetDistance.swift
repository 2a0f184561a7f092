/// The Fréchet distance between Gaussians fitted to two sets of embeddings (FID):
/// `‖μ1 − μ2‖² + Tr(Σ1) + Tr(Σ2) − 2·Tr((Σ1 Σ2)^½)`, covariances with n − 1 in the
/// denominator (as `numpy.cov`). The trace of the matrix square root is computed exactly as
/// `Tr((√Σ1 · Σ2 · √Σ1)^½)` — the same eigenvalues as `Σ1 Σ2`, but a symmetric positive
/// semi-definite matrix — by two symmetric eigendecompositions; eigenvalues below zero from
/// rounding are clipped.
public enum FrechetDistance {
    /// FID of `a` against `b` (rows are embeddings of one width; at least 2 rows each).
    public static func between(_ a: [[Float]], _ b: [[Float]]) throws -> Double {
        guard a.count >= 2, b.count >= 2 else {
            throw MBenchError.tooFewSamples(what: "embeddings for FID", got: min(a.count, b.count), need: 2)
        }
        let n = a[0].count
        guard a.allSatisfy({ $0.count == n }) && b.allSatisfy({ $0.count == n }) else {
            throw MBenchError.mismatchedCounts(what: "FID embedding widths", got: (a + b).first { $0.count != n }!.count, expected: n)
        }
        let (meanA, covA) = moments(a), (meanB, covB) = moments(b)
        var distance = zip(meanA, meanB).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        for i in 0..<n { distance += covA[i * n + i] + covB[i * n + i] }
        let rootA = try SymmetricEigen(covA, n: n).map { $0 > 0 ? $0.squareRoot() : 0 }
        let product = multiply(multiply(rootA, covB, n), rootA, n)
        // Symmetrise away rounding before the second decomposition.
        var symmetric = product
        for i in 0..<n { for j in 0..<n { symmetric[i * n + j] = (product[i * n + j] + product[j * n + i]) / 2 } }
        let traceRoot = try SymmetricEigen(symmetric, n: n).values.reduce(0) { $0 + ($1 > 0 ? $1.squareRoot() : 0) }
        return distance - 2 * traceRoot
    }

    /// Mean and covariance (n − 1 denominator), row-major, in Double.
    static func moments(_ x: [[Float]]) -> (mean: [Double], covariance: [Double]) {
        let n = x[0].count, count = Double(x.count)
        var mean = [Double](repeating: 0, count: n)
        for row in x { for j in 0..<n { mean[j] += Double(row[j]) } }
        for j in 0..<n { mean[j] /= count }
        var covariance = [Double](repeating: 0, count: n * n)
        for row in x {
            for i in 0..<n {
                let di = Double(row[i]) - mean[i]
                for j in i..<n { covariance[i * n + j] += di * (Double(row[j]) - mean[j]) }
            }
        }
        for i in 0..<n {
            for j in i..<n {
                covariance[i * n + j] /= count - 1
                covariance[j * n + i] = covariance[i * n + j]
            }
        }
        return (mean, covariance)
    }

    static func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for k in 0..<n { let aik = a[i * n + k]; for j in 0..<n { out[i * n + j] += aik * b[k * n + j] } } }
        return out
    }
}
