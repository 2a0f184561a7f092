/// Matrix products over OpenBLAS: plain, batched, with either operand transposed.
///
/// Shapes: `a` is `[..., M, K]` (or `[..., K, M]` with `transposeA`), `b` is `[K, N]` or
/// `[..., K, N]` (or transposed). A rank-2 `b` is shared by every batch item; otherwise the
/// batch dimensions must be equal. When `b` is shared and `a` is not transposed, the batch is
/// folded into M so one large GEMM runs on all OpenBLAS threads; true batches run as one
/// parallel loop with single-threaded GEMMs.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    precondition(a.rank >= 2 && b.rank >= 2, "matmul: operands need rank ≥ 2, got \(a.shape) and \(b.shape)")
    let aRows = a.shape[a.rank - 2], aCols = a.shape[a.rank - 1]
    let bRows = b.shape[b.rank - 2], bCols = b.shape[b.rank - 1]
    let m = transposeA ? aCols : aRows, k = transposeA ? aRows : aCols
    let kb = transposeB ? bCols : bRows, n = transposeB ? bRows : bCols
    let aBatch = Array(a.shape.dropLast(2)), bBatch = Array(b.shape.dropLast(2))
    precondition(k == kb, "matmul: inner dimensions differ: \(a.shape)\(transposeA ? "ᵀ" : "") × \(b.shape)\(transposeB ? "ᵀ" : "")")
    precondition(aBatch.isEmpty || bBatch.isEmpty || aBatch == bBatch,
                 "matmul: batch dimensions differ: \(a.shape) and \(b.shape)")
    let batchShape = aBatch.isEmpty ? bBatch : aBatch
    let batch = batchShape.reduce(1, *)
    let out = Tensor(uninitialisedShape: batchShape + [m, n])
    let aStride = aBatch.isEmpty ? 0 : m * k, bStride = bBatch.isEmpty ? 0 : k * n
    let plan = GemmPlan(transA: transposeA, transB: transposeB, m: m, n: n, k: k,
                        aRows: aRows, aCols: aCols, bRows: bRows, bCols: bCols)
    plan.forward(a.pointer, b.pointer, out.pointer, batch: batch, aStride: aStride, bStride: bStride)
    return out.recording("matmul", [a, b]) { out in
        plan.backward(a, b, out.grad!, batch: batch, aStride: aStride, bStride: bStride)
    }
}

/// The shapes of one product and the GEMM calls for its forward and backward.
struct GemmPlan {
    let transA: Bool, transB: Bool
    let m: Int, n: Int, k: Int
    let aRows: Int, aCols: Int, bRows: Int, bCols: Int

    func forward(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                 batch: Int, aStride: Int, bStride: Int) {
        if bStride == 0 && !transA && aStride != 0 {
            // Shared right operand: fold the batch into the rows.
            BLAS.gemm(transA: false, transB: transB, m: m * batch, n: n, k: k, a: a, lda: aCols,
                      b: b, ldb: bCols, beta: 0, c: c, ldc: n)
        } else if batch == 1 {
            BLAS.gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: aCols,
                      b: b, ldb: bCols, beta: 0, c: c, ldc: n)
        } else {
            BLAS.parallelFor(batch) { i in
                BLAS.gemm(transA: transA, transB: transB, m: m, n: n, k: k, a: a + i * aStride, lda: aCols,
                          b: b + i * bStride, ldb: bCols, beta: 0, c: c + i * m * n, ldc: n)
            }
        }
    }

    /// dA and dB of C = op(A)·op(B), accumulated into the operands' gradients.
    func backward(_ a: Tensor, _ b: Tensor, _ g: Tensor, batch: Int, aStride: Int, bStride: Int) {
        let gp = g.pointer, ap = a.pointer, bp = b.pointer
        if a.requiresGrad {
            a.accumulateGrad { da, acc in
                let beta: Float = acc ? 1 : 0
                // Each item: dA (aRows × aCols) from g (m × n) and B.
                func one(_ i: Int, _ beta: Float) {
                    let gi = gp + i * m * n, bi = bp + i * bStride, dai = da + i * aStride
                    if !transA {
                        // dA = g · op(B)ᵀ  (m × k)
                        BLAS.gemm(transA: false, transB: !transB, m: m, n: k, k: n, a: gi, lda: n,
                                  b: bi, ldb: bCols, beta: beta, c: dai, ldc: aCols)
                    } else {
                        // A is k × m: dA = op(B) · gᵀ  (k × m)
                        BLAS.gemm(transA: transB, transB: true, m: k, n: m, k: n, a: bi, lda: bCols,
                                  b: gi, ldb: n, beta: beta, c: dai, ldc: aCols)
                    }
                }
                if bStride == 0 && !transA && aStride != 0 {
                    BLAS.gemm(transA: false, transB: !transB, m: m * batch, n: k, k: n, a: gp, lda: n,
                              b: bp, ldb: bCols, beta: beta, c: da, ldc: aCols)
                } else {
                    GemmPlan.forEachItem(batch, sumsIntoOneOutput: aStride == 0, beta: beta, one)
                }
            }
        }
        if b.requiresGrad {
            b.accumulateGrad { db, acc in
                let beta: Float = acc ? 1 : 0
                func one(_ i: Int, _ beta: Float) {
                    let gi = gp + i * m * n, ai = ap + i * aStride, dbi = db + i * bStride
                    if !transB {
                        // dB = op(A)ᵀ · g  (k × n)
                        BLAS.gemm(transA: !transA, transB: false, m: k, n: n, k: m, a: ai, lda: aCols,
                                  b: gi, ldb: n, beta: beta, c: dbi, ldc: bCols)
                    } else {
                        // B is n × k: dB = gᵀ · op(A)  (n × k)
                        BLAS.gemm(transA: true, transB: transA, m: n, n: k, k: m, a: gi, lda: n,
                                  b: ai, ldb: aCols, beta: beta, c: dbi, ldc: bCols)
                    }
                }
                if bStride == 0 && !transA && aStride != 0 {
                    // Folded: one GEMM over all rows sums the batch.
                    if !transB {
                        BLAS.gemm(transA: true, transB: false, m: k, n: n, k: m * batch, a: ap, lda: aCols,
                                  b: gp, ldb: n, beta: beta, c: db, ldc: bCols)
                    } else {
                        BLAS.gemm(transA: true, transB: false, m: n, n: k, k: m * batch, a: gp, lda: n,
                                  b: ap, ldb: aCols, beta: beta, c: db, ldc: bCols)
                    }
                } else {
                    GemmPlan.forEachItem(batch, sumsIntoOneOutput: bStride == 0, beta: beta, one)
                }
            }
        }
    }

    /// Runs the per-item gradient GEMM `one(i, beta)`: serially accumulating when every item
    /// adds into one shared gradient (an operand broadcast over the batch), else in parallel.
    static func forEachItem(_ batch: Int, sumsIntoOneOutput: Bool, beta: Float, _ one: (Int, Float) -> Void) {
        if sumsIntoOneOutput {
            for i in 0..<batch { one(i, i == 0 ? beta : 1) }
        } else if batch == 1 {
            one(0, beta)
        } else {
            BLAS.parallelFor(batch) { one($0, beta) }
        }
    }
}
