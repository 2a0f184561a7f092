import CLAPACK

/// Eigenvalues and eigenvectors of a symmetric matrix by LAPACK's divide-and-conquer solver
/// (`dsyevd`, from OpenBLAS).
public struct SymmetricEigen {
    /// Ascending eigenvalues.
    public let values: [Double]
    /// Eigenvectors as columns of an `n × n` column-major matrix: vector `k` is
    /// `vectors[(k * n)..<((k + 1) * n)]`.
    public let vectors: [Double]

    /// Decomposes the symmetric `n × n` matrix `matrix` (row-major; only its lower triangle is
    /// read, which is the same either way for a symmetric matrix).
    public init(_ matrix: [Double], n: Int) throws {
        precondition(matrix.count == n * n, "SymmetricEigen: \(matrix.count) values for a \(n)×\(n) matrix")
        var a = matrix, w = [Double](repeating: 0, count: n)
        var size = Int32(n), lda = Int32(max(1, n)), info: Int32 = 0
        var jobz = CChar(UInt8(ascii: "V")), uplo = CChar(UInt8(ascii: "L"))
        // Workspace query, then the solve.
        var workSize = 0.0, iworkSize: Int32 = 0, query: Int32 = -1
        dsyevd_(&jobz, &uplo, &size, &a, &lda, &w, &workSize, &query, &iworkSize, &query, &info)
        var lwork = Int32(workSize), liwork = iworkSize
        var work = [Double](repeating: 0, count: Int(lwork)), iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevd_(&jobz, &uplo, &size, &a, &lda, &w, &work, &lwork, &iwork, &liwork, &info)
        guard info == 0 else { throw MBenchError.eigenSolverFailed(info: Int(info)) }
        values = w; vectors = a
    }

    /// `V · diag(f(λ)) · Vᵀ`, row-major `n × n` (symmetric).
    public func map(_ f: (Double) -> Double) -> [Double] {
        let n = values.count
        var out = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            let scale = f(values[k])
            guard scale != 0 else { continue }
            let v = vectors[(k * n)..<((k + 1) * n)]
            for i in 0..<n {
                let vi = scale * v[v.startIndex + i]
                for j in 0..<n { out[i * n + j] += vi * v[v.startIndex + j] }
            }
        }
        return out
    }
}
