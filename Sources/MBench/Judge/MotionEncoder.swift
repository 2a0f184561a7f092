import Autograd
import Motion

/// The judge's motion encoder: normalised 276-dim frames (every `frameStride`-th, at most
/// `maximumTokens`) → linear to `width` + sinusoidal positions → pre-LayerNorm transformer
/// blocks → masked mean over tokens → LayerNorm → linear to the embedding → unit length.
final class MotionEncoder: Module {
    let input: Linear
    let blocks: [TransformerBlock]
    let finalNorm: LayerNorm
    let output: Linear
    let width: Int

    init(settings: JudgeSettings, rng: inout RandomGenerator) {
        width = settings.width
        input = Linear(FrameLayout.dimension, settings.width, rng: &rng)
        blocks = (0..<settings.depth).map { _ in TransformerBlock(dim: settings.width, heads: settings.heads, hidden: 4 * settings.width, rng: &rng) }
        finalNorm = LayerNorm(settings.width)
        output = Linear(settings.width, settings.embeddingSize, rng: &rng)
    }

    /// `tokens` `[B, T, 276]`, `mask` `[B, T]` (1 = real) → unit embeddings `[B, E]`.
    func callAsFunction(_ tokens: Tensor, mask: Tensor) -> Tensor {
        let (batch, length) = (tokens.shape[0], tokens.shape[1])
        var h = input(tokens) + sinusoidalPositionEncoding(length: length, dim: width)
        for block in blocks { h = block(h, keyPaddingMask: mask) }
        let weights = mask.reshaped([batch, length, 1])
        let pooled = (h * weights).sum(axes: [1]) / weights.sum(axes: [1])
        return unitLength(output(finalNorm(pooled)))
    }

    var namedParameters: [NamedParameter] {
        input.namedParameters.prefixed("input")
            + blocks.enumerated().flatMap { $0.element.namedParameters.prefixed("blocks.\($0.offset)") }
            + finalNorm.namedParameters.prefixed("final_norm") + output.namedParameters.prefixed("output")
    }
}
