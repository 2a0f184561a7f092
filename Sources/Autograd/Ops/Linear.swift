/// y = x · Wᵀ + b, fused: one GEMM over all leading dimensions, bias added in the same pass.
///
/// `weight` is `[out, in]` (the PyTorch layout, so pretrained checkpoints load as they are),
/// `x` is `[..., in]`, `bias` is `[out]` or nil. Returns `[..., out]`.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
    precondition(weight.rank == 2, "linear: weight must be [out, in], got \(weight.shape)")
    let outFeatures = weight.shape[0], inFeatures = weight.shape[1]
    precondition(x.shape.last == inFeatures, "linear: input shape \(x.shape) does not end in the weight's \(inFeatures) input features (weight \(weight.shape))")
    if let bias { precondition(bias.shape == [outFeatures], "linear: bias shape \(bias.shape) is not [\(outFeatures)] (weight \(weight.shape))") }
    let rows = x.count / max(inFeatures, 1)
    let out = Tensor(uninitialisedShape: Array(x.shape.dropLast()) + [outFeatures])
    let o = out.pointer
    BLAS.gemm(transA: false, transB: true, m: rows, n: outFeatures, k: inFeatures, a: x.pointer, lda: inFeatures,
              b: weight.pointer, ldb: inFeatures, beta: 0, c: o, ldc: outFeatures, rowBias: bias?.pointer)
    let parents = [x, weight] + (bias.map { [$0] } ?? [])
    return out.recording("linear", parents) { out in
        let g = out.grad!.pointer
        x.accumulateGrad { dx, acc in  // dx = g · W
            BLAS.gemm(transA: false, transB: false, m: rows, n: inFeatures, k: outFeatures, a: g, lda: outFeatures,
                      b: weight.pointer, ldb: inFeatures, beta: acc ? 1 : 0, c: dx, ldc: inFeatures)
        }
        weight.accumulateGrad { dw, acc in  // dW = gᵀ · x
            BLAS.gemm(transA: true, transB: false, m: outFeatures, n: inFeatures, k: rows, a: g, lda: outFeatures,
                      b: x.pointer, ldb: inFeatures, beta: acc ? 1 : 0, c: dw, ldc: inFeatures)
        }
        bias?.accumulateGrad { db, acc in
            // db = gᵀ · 1: a matrix–vector product, vectorised and split like any GEMM.
            let ones = Tensor(uninitialisedShape: [rows])
            ones.pointer.update(repeating: 1, count: rows)
            BLAS.gemm(transA: true, transB: false, m: outFeatures, n: 1, k: rows, a: g, lda: outFeatures,
                      b: ones.pointer, ldb: 1, beta: acc ? 1 : 0, c: db, ldc: 1)
        }
    }
}
