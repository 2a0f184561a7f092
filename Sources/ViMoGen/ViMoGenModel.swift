import Autograd
import Motion

/// The ViMoGen flow-matching DiT (ARCHITECTURE §5) at configurable size.
///
/// One token per frame: Linear 276 → d plus sinusoidal positions. The noise level σ is embedded
/// as t = 1000·σ (sinusoidal → MLP), projected once to 6·d AdaLN modulation vectors shared by all
/// blocks, each block adding its own learned offset (Wan). Blocks: modulated self-attention →
/// cross-attention onto the sample's branch (T2M: projected caption tokens; M2M: the reference
/// encoder's tokens) → modulated FFN. A modulated LayerNorm and a Linear d → 276 form the head.
///
/// What the head predicts is `configuration.parameterisation`: the clean motion x0 (default)
/// or the velocity ε − x0.
public final class ViMoGenModel: Module {
    public let configuration: ViMoGenConfiguration
    public let input: Linear
    public let timeMLP: MLP
    public let timeModulation: Linear
    public let blocks: [DiTBlock]
    public let headModulation: AdaLNModulation
    public let headNorm: LayerNorm
    public let head: Linear
    public let textProjection: TextProjection?
    public let referenceEncoder: ReferenceEncoder?
    let positions: Tensor

    public init(_ configuration: ViMoGenConfiguration, rng: inout RandomGenerator) throws {
        try configuration.validate()
        self.configuration = configuration
        let d = configuration.width, frameWidth = ViMoGenConfiguration.frameWidth
        input = Linear(frameWidth, d, rng: &rng)
        timeMLP = MLP(d, hidden: d, d, activation: .silu, rng: &rng)
        timeModulation = Linear(d, 6 * d, rng: &rng)
        var made: [DiTBlock] = []
        for _ in 0..<configuration.depth {
            made.append(DiTBlock(width: d, heads: configuration.heads, ffnMultiplier: configuration.ffnMultiplier,
                                 branches: configuration.branches, rng: &rng))
        }
        blocks = made
        headModulation = AdaLNModulation(conditionDim: d, dim: d, chunks: 2, rng: &rng)
        headNorm = LayerNorm(d, eps: 1e-6, affine: false)
        head = Linear(d, frameWidth, rng: &rng)
        textProjection = configuration.branches.hasText ? TextProjection(configuration.text, width: d, rng: &rng) : nil
        referenceEncoder = configuration.branches.hasMotion
            ? ReferenceEncoder(width: d, heads: configuration.heads, depth: configuration.referenceEncoderDepth,
                               ffnMultiplier: configuration.ffnMultiplier, maxFrames: configuration.maxFrames, rng: &rng)
            : nil
        positions = sinusoidalPositionEncoding(length: configuration.maxFrames, dim: d)
        // adaLN-Zero (DiT): every residual branch and the head start at zero, so the untrained
        // model is the identity on its input embedding and predicts the dataset mean.
        for t in [timeModulation.weight, timeModulation.bias!, head.weight, head.bias!] + (headModulation.projection?.parameters ?? []) {
            t.assign(Tensor.zeros(t.shape))
        }
    }

    /// The network's raw prediction `[B, T, 276]` for noisy frames `x` `[B, T, 276]` at noise
    /// levels `sigma` (one per sample). `frameMask` `[B, T]` marks real frames (nil: all).
    public func callAsFunction(_ x: Tensor, sigma: [Float], conditioning: Conditioning, frameMask: Tensor? = nil) -> Tensor {
        let batch = x.shape[0], frames = x.shape[1]
        precondition(x.rank == 3 && x.shape[2] == ViMoGenConfiguration.frameWidth, "ViMoGenModel: input shape \(x.shape) is not [B, T, 276]")
        precondition(frames <= configuration.maxFrames, "ViMoGenModel: \(frames) frames exceed maxFrames \(configuration.maxFrames)")
        precondition(sigma.count == batch && conditioning.batch == batch,
                     "ViMoGenModel: batch \(batch), \(sigma.count) noise levels, \(conditioning.batch) conditions")
        let time = timeMLP(sinusoidalEmbedding(sigma.map { 1000 * $0 }, dim: configuration.width))
        let modulation = timeModulation(time.silu())
        let contexts = branchContexts(conditioning)
        var h = input(x) + positions.slice(axis: 0, 0..<frames)
        for block in blocks { h = block(h, timeModulation: modulation, frameMask: frameMask, contexts: contexts) }
        let m = headModulation(time)
        return head(modulate(headNorm(h), shift: m[0], scale: m[1]))
    }

    private func branchContexts(_ c: Conditioning) -> BranchContexts {
        var contexts = BranchContexts(textCount: c.textCount)
        if let text = c.text {
            guard let textProjection else { preconditionFailure("ViMoGenModel: T2M samples given to a model without a text branch") }
            contexts.text = (textProjection(text), text.mask)
        }
        if let reference = c.reference, let kept = c.referenceKept {
            guard let referenceEncoder else { preconditionFailure("ViMoGenModel: M2M samples given to a model without a motion branch") }
            contexts.motion = (referenceEncoder(reference, kept: kept), kept)
        }
        return contexts
    }

    public var namedParameters: [NamedParameter] {
        input.namedParameters.prefixed("input") + timeMLP.namedParameters.prefixed("timeMLP")
            + timeModulation.namedParameters.prefixed("timeModulation")
            + blocks.enumerated().flatMap { $1.namedParameters.prefixed("blocks.\($0)") }
            + headModulation.namedParameters.prefixed("headModulation") + head.namedParameters.prefixed("head")
            + (textProjection?.namedParameters.prefixed("textProjection") ?? [])
            + (referenceEncoder?.namedParameters.prefixed("referenceEncoder") ?? [])
    }
}

/// Which part of the model a parameter belongs to (ARCHITECTURE §5's shared / branch split).
public enum ParameterGroup: String, CaseIterable, Sendable {
    case shared, text, motion

    /// The group of a parameter name of `ViMoGenModel`.
    public init(parameterName name: String) {
        if name.hasPrefix("textProjection.") || name.contains(".textCross.") { self = .text }
        else if name.hasPrefix("referenceEncoder.") || name.contains(".motionCross.") { self = .motion }
        else { self = .shared }
    }
}

extension ViMoGenModel {
    /// Scalars per group: shared (self-attention, FFN, modulation, time and motion embeddings,
    /// head), text branch (projection + T2M cross-attention), motion branch (reference encoder +
    /// M2M cross-attention).
    public var parameterSplit: [ParameterGroup: Int] {
        var split: [ParameterGroup: Int] = [.shared: 0, .text: 0, .motion: 0]
        for p in namedParameters { split[ParameterGroup(parameterName: p.name), default: 0] += p.tensor.count }
        return split
    }
}
