import AutogradKernels

/// Per-sample modulation of token rows, fused: `x · (offset + scale) + shift` where `scale` and
/// `shift` hold one `[D]` vector per sample, broadcast over the sample's tokens. AdaLN's
/// `modulate` (offset 1) and the residual gate (offset 0, no shift) both run on it: one pass
/// forward, one backward, parallel over samples, where the general broadcasting path needed
/// four temporaries and serial reductions.

/// `x` `[B, T, D]` or `[B, D]`; `scale`, `shift` `[B, D]` or `[B, 1, D]`. Returns nil when the
/// shapes are not of that form (callers then use broadcasting arithmetic).
func perSampleModulation(_ x: Tensor, scale: Tensor, shift: Tensor?, offset: Float) -> Tensor? {
    guard x.rank == 2 || x.rank == 3, let dim = x.shape.last, dim > 0 else { return nil }
    let samples = x.shape[0], tokens = x.rank == 3 ? x.shape[1] : 1
    func fits(_ t: Tensor) -> Bool {
        t.count == samples * dim && t.shape.first == samples && t.shape.last == dim && (x.rank == 3 || t.rank == 2)
    }
    guard fits(scale), shift.map(fits) ?? true else { return nil }
    let out = Tensor(uninitialisedShape: x.shape)
    let rowsPerSample = tokens * dim
    let minimumSamples = BLAS.minimumRows(width: rowsPerSample)
    BLAS.parallelRanges(samples, minimumPerWorker: minimumSamples) { r in
        let o = r.lowerBound * rowsPerSample, v = r.lowerBound * dim
        ag_modulate_forward(x.pointer + o, scale.pointer + v, shift.map { $0.pointer + v }, offset,
                            out.pointer + o, r.count, tokens, dim)
    }
    let parents = uniqueTensors([x, scale] + (shift.map { [$0] } ?? []))
    return out.recording(shift == nil ? "gate" : "modulate", parents) { out in
        let g = out.grad!.pointer
        // Each gradient in its own pass when operands alias; otherwise all three in one.
        let distinct = parents.count == (shift == nil ? 2 : 3)
        func backward(dx: Tensor?, dscale: Tensor?, dshift: Tensor?) {
            let targets = [dx, dscale, dshift].map { $0.flatMap(GradientTarget.init) }
            BLAS.parallelRanges(samples, minimumPerWorker: minimumSamples) { r in
                let o = r.lowerBound * rowsPerSample, v = r.lowerBound * dim
                ag_modulate_backward(x.pointer + o, scale.pointer + v, offset, g + o,
                                     targets[0].map { $0.pointer + o }, targets[1].map { $0.pointer + v },
                                     targets[2].map { $0.pointer + v }, r.count, tokens, dim,
                                     targets[0]?.accumulate ?? 0, targets[1]?.accumulate ?? 0,
                                     targets[2]?.accumulate ?? 0)
            }
        }
        if distinct {
            backward(dx: x, dscale: scale, dshift: shift)
        } else {
            backward(dx: x, dscale: nil, dshift: nil)
            backward(dx: nil, dscale: scale, dshift: nil)
            if let shift { backward(dx: nil, dscale: nil, dshift: shift) }
        }
    }
}

/// A tensor's gradient buffer for a kernel that writes several gradients in one pass: the
/// existing gradient (accumulate) or a fresh uninitialised one (overwrite). Nil when the tensor
/// needs no gradient.
struct GradientTarget {
    let pointer: UnsafeMutablePointer<Float>
    let accumulate: Int32

    init?(_ t: Tensor) {
        guard t.requiresGrad else { return nil }
        if let g = t.grad {
            pointer = g.pointer
            accumulate = 1
        } else {
            let g = Tensor(uninitialisedShape: t.shape)
            t.grad = g
            pointer = g.pointer
            accumulate = 0
        }
    }
}
