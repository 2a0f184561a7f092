import Autograd

/// The EMA's decay ramps up with the step: `min(decay, (1 + step) / (10 + step))`.
///
/// Why: a fixed 0.999 starting from the initial weights keeps 0.999⁶⁰⁰ ≈ 55 % of the random
/// initialisation after a 600-step run, so the EMA model that generation uses was mostly
/// untrained (the first session's small runs). With the ramp the average spans about
/// step / 9 recent steps until it reaches the target decay, as in common diffusion trainers.
public enum EMAWarmup {
    /// The decay applied after optimisation step `step` (1-based: the first update uses step 1).
    public static func decay(target: Float, step: Int) -> Float {
        min(target, Float(1 + step) / Float(10 + step))
    }

    /// `shadow ← d·shadow + (1 − d)·param` with `d = decay(target:step:)`. `parameters` are the
    /// model's tensors in the EMA's order (its `shadow` was made from the same list).
    static func update(_ ema: EMA, parameters: [Tensor], step: Int, warmup: Bool) {
        guard warmup else { return ema.update() }
        let keep = decay(target: ema.decay, step: step), take = 1 - keep
        let pairs = Array(zip(ema.shadow.map(\.tensor), parameters))
        ComputeThreads.forEach(pairs.count) { k in
            let (s, p) = pairs[k]
            s.withUnsafeMutableBufferPointer { shadow in
                p.withUnsafeBufferPointer { current in
                    for i in 0..<current.count { shadow[i] = keep * shadow[i] + take * current[i] }
                }
            }
        }
    }
}
