/// Inverted dropout: zeroes each element with probability `p` and scales the rest by 1/(1−p),
/// so evaluation (`training == false`, or `p == 0`) is the identity. Draws from `rng`.
public func dropout(_ x: Tensor, p: Float, rng: inout RandomGenerator, training: Bool = true) -> Tensor {
    precondition(p >= 0 && p < 1, "dropout: probability \(p) is outside [0, 1)")
    guard training, p > 0 else { return x }
    let keepScale = 1 / (1 - p)
    let mask = Tensor(uninitialisedShape: x.shape)
    for i in 0..<x.count { mask.pointer[i] = rng.uniform() < p ? 0 : keepScale }
    let out = Tensor(uninitialisedShape: x.shape)
    let o = out.pointer, xp = x.pointer, keep = mask.pointer
    for i in 0..<x.count { o[i] = xp[i] * keep[i] }
    return out.recording("dropout", [x]) { out in
        let g = out.grad!.pointer, m = mask.pointer, n = x.count  // keeps `mask` alive
        x.accumulateGrad { dst, acc in
            for i in 0..<n { let v = g[i] * m[i]; dst[i] = acc ? dst[i] + v : v }
        }
    }
}
