import Autograd

/// The conditioning each block's cross-attention reads. The batch is ordered T2M samples
/// first (`textCount` of them), then M2M samples: each sample takes exactly one branch (a hard
/// switch, never a blend), so T2M samples never touch M2M-only parameters and vice versa.
struct BranchContexts {
    var textCount: Int
    var text: (tokens: Tensor, mask: Tensor)?
    var motion: (tokens: Tensor, mask: Tensor)?
}

/// One branch's cross-attention: LayerNorm on the queries, then multi-head attention onto the
/// branch's context tokens. Not modulated by the timestep (as in Wan / ViMoGen).
public final class BranchCrossAttention: Module {
    public let norm: LayerNorm
    public let attention: CrossAttention

    init(width: Int, heads: Int, rng: inout RandomGenerator) {
        norm = LayerNorm(width)
        attention = CrossAttention(dim: width, contextDim: width, heads: heads, rng: &rng)
    }

    func callAsFunction(_ x: Tensor, context: Tensor, mask: Tensor) -> Tensor {
        attention(norm(x), context: context, contextMask: mask)
    }

    public var namedParameters: [NamedParameter] {
        norm.namedParameters.prefixed("norm") + attention.namedParameters.prefixed("attention")
    }
}

/// A DiT block (Wan style): AdaLN-modulated self-attention → branch cross-attention →
/// AdaLN-modulated FFN. The six modulation vectors (shift, scale, gate for each modulated
/// sub-layer) come from the shared timestep projection plus this block's learned offset.
public final class DiTBlock: Module {
    public let modulation: AdaLNModulation
    public let norm1: LayerNorm
    public let selfAttention: SelfAttention
    public let textCross: BranchCrossAttention?
    public let motionCross: BranchCrossAttention?
    public let norm2: LayerNorm
    public let ffn: MLP

    init(width: Int, heads: Int, ffnMultiplier: Int, branches: BranchSet, rng: inout RandomGenerator) {
        modulation = AdaLNModulation(conditionDim: nil, dim: width, chunks: 6, rng: &rng)
        norm1 = LayerNorm(width, eps: 1e-6, affine: false)
        selfAttention = SelfAttention(dim: width, heads: heads, rng: &rng)
        textCross = branches.hasText ? BranchCrossAttention(width: width, heads: heads, rng: &rng) : nil
        motionCross = branches.hasMotion ? BranchCrossAttention(width: width, heads: heads, rng: &rng) : nil
        norm2 = LayerNorm(width, eps: 1e-6, affine: false)
        ffn = MLP(width, hidden: ffnMultiplier * width, width, activation: .geluTanh, rng: &rng)
    }

    /// `x` `[B, T, d]`; `timeModulation` `[B, 6·d]` (shared projection of the time embedding);
    /// `frameMask` `[B, T]`.
    func callAsFunction(_ x: Tensor, timeModulation: Tensor, frameMask: Tensor?, contexts: BranchContexts) -> Tensor {
        let m = modulation(timeModulation)   // shift, scale, gate (attention); shift, scale, gate (FFN)
        var h = x + gated(selfAttention(modulate(norm1(x), shift: m[0], scale: m[1]), keyPaddingMask: frameMask), gate: m[2])
        h = h + crossAttend(h, contexts)
        return h + gated(ffn(modulate(norm2(h), shift: m[3], scale: m[4])), gate: m[5])
    }

    /// Runs the T2M samples (first `textCount`) through the text branch and the rest through
    /// the motion branch, then puts them back in batch order.
    private func crossAttend(_ x: Tensor, _ contexts: BranchContexts) -> Tensor {
        let batch = x.shape[0], textCount = contexts.textCount
        var parts: [Tensor] = []
        if textCount > 0 {
            guard let textCross, let text = contexts.text else { preconditionFailure("DiTBlock: T2M samples but no text branch/context") }
            parts.append(textCross(textCount == batch ? x : x.slice(axis: 0, 0..<textCount), context: text.tokens, mask: text.mask))
        }
        if textCount < batch {
            guard let motionCross, let motion = contexts.motion else { preconditionFailure("DiTBlock: M2M samples but no motion branch/context") }
            parts.append(motionCross(textCount == 0 ? x : x.slice(axis: 0, textCount..<batch), context: motion.tokens, mask: motion.mask))
        }
        return parts.count == 1 ? parts[0] : concat(parts, axis: 0)
    }

    public var namedParameters: [NamedParameter] {
        modulation.namedParameters.prefixed("modulation")
            + selfAttention.namedParameters.prefixed("selfAttention")
            + (textCross?.namedParameters.prefixed("textCross") ?? [])
            + (motionCross?.namedParameters.prefixed("motionCross") ?? [])
            + ffn.namedParameters.prefixed("ffn")
    }
}
