import AutogradKernels

/// LayerNorm and RMSNorm over the last dimension, fused (one pass forward, one backward).

/// (x − mean) / √(var + eps) · weight + bias over the last axis. `weight`/`bias` are `[dim]` or nil.
public func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) -> Tensor {
    let dim = x.shape.last ?? 1
    if let weight { precondition(weight.shape == [dim], "layerNorm: weight shape \(weight.shape) does not match input shape \(x.shape)") }
    if let bias { precondition(bias.shape == [dim], "layerNorm: bias shape \(bias.shape) does not match input shape \(x.shape)") }
    precondition(bias == nil || weight != nil, "layerNorm: a bias needs a weight")
    let rows = x.count / max(dim, 1)
    let out = Tensor(uninitialisedShape: x.shape)
    let stats = Tensor(uninitialisedShape: [2, rows])  // mean, rstd
    let perWorker = BLAS.minimumRows(width: dim)
    BLAS.parallelRanges(rows, minimumPerWorker: perWorker) { r in
        let o = r.lowerBound * dim
        ag_layernorm_forward(x.pointer + o, weight?.pointer, bias?.pointer, out.pointer + o,
                             stats.pointer + r.lowerBound, stats.pointer + rows + r.lowerBound, r.count, dim, eps)
    }
    let parents = [x] + (weight.map { [$0] } ?? []) + (bias.map { [$0] } ?? [])
    return out.recording("layerNorm", parents) { out in
        let g = out.grad!.pointer
        func run(dx: UnsafeMutablePointer<Float>?, accDx: Bool, dw: UnsafeMutablePointer<Float>?, accDw: Bool,
                 db: UnsafeMutablePointer<Float>?, accDb: Bool) {
            ag_layernorm_backward(x.pointer, weight?.pointer, stats.pointer, stats.pointer + rows, g,
                                  dx, dw, db, rows, dim, accDx ? 1 : 0, accDw ? 1 : 0, accDb ? 1 : 0)
        }
        // One kernel call per gradient keeps the accumulate flags simple; the parameter
        // gradients are cheap next to the input's.
        x.accumulateGrad { dx, acc in
            BLAS.parallelRanges(rows, minimumPerWorker: perWorker) { r in
                let o = r.lowerBound * dim
                ag_layernorm_backward(x.pointer + o, weight?.pointer, stats.pointer + r.lowerBound,
                                      stats.pointer + rows + r.lowerBound, g + o, dx + o, nil, nil,
                                      r.count, dim, acc ? 1 : 0, 0, 0)
            }
        }
        weight?.accumulateGrad { dw, acc in run(dx: nil, accDx: false, dw: dw, accDw: acc, db: nil, accDb: false) }
        bias?.accumulateGrad { db, acc in run(dx: nil, accDx: false, dw: nil, accDw: false, db: db, accDb: acc) }
    }
}

/// x / √(mean(x²) + eps) · weight over the last axis. `weight` is `[dim]` or nil.
public func rmsNorm(_ x: Tensor, weight: Tensor?, eps: Float = 1e-6) -> Tensor {
    let dim = x.shape.last ?? 1
    if let weight { precondition(weight.shape == [dim], "rmsNorm: weight shape \(weight.shape) does not match input shape \(x.shape)") }
    let rows = x.count / max(dim, 1)
    let out = Tensor(uninitialisedShape: x.shape)
    let rstd = Tensor(uninitialisedShape: [rows])
    ag_rmsnorm_forward(x.pointer, weight?.pointer, out.pointer, rstd.pointer, rows, dim, eps)
    let parents = [x] + (weight.map { [$0] } ?? [])
    return out.recording("rmsNorm", parents) { out in
        let g = out.grad!.pointer
        x.accumulateGrad { dx, acc in
            ag_rmsnorm_backward(x.pointer, weight?.pointer, rstd.pointer, g, dx, nil, rows, dim, acc ? 1 : 0, 0)
        }
        weight?.accumulateGrad { dw, acc in
            ag_rmsnorm_backward(x.pointer, weight?.pointer, rstd.pointer, g, nil, dw, rows, dim, 0, acc ? 1 : 0)
        }
    }
}
