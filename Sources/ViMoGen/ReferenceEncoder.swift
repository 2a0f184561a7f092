import Autograd

/// The M2M branch's reference encoder: the 138 reference dims of each frame (local pose and
/// root orientation, never joints or translation) → Linear → + sinusoidal positions → a small
/// stack of pre-norm self-attention blocks → LayerNorm. Dropped frames are masked out.
public final class ReferenceEncoder: Module {
    public let input: Linear
    public let blocks: [TransformerBlock]
    public let norm: LayerNorm
    let positions: Tensor

    public init(width: Int, heads: Int, depth: Int, ffnMultiplier: Int, maxFrames: Int, rng: inout RandomGenerator) {
        input = Linear(ViMoGenConfiguration.referenceWidth, width, rng: &rng)
        var made: [TransformerBlock] = []
        for _ in 0..<depth { made.append(TransformerBlock(dim: width, heads: heads, hidden: ffnMultiplier * width, activation: .geluTanh, rng: &rng)) }
        blocks = made
        norm = LayerNorm(width)
        positions = sinusoidalPositionEncoding(length: maxFrames, dim: width)
    }

    /// `reference` `[B, T, 138]`, `kept` `[B, T]` (1 = frame present) → `[B, T, width]`.
    public func callAsFunction(_ reference: Tensor, kept: Tensor) -> Tensor {
        var x = input(reference) + positions.slice(axis: 0, 0..<reference.shape[1])
        for block in blocks { x = block(x, keyPaddingMask: kept) }
        return norm(x)
    }

    public var namedParameters: [NamedParameter] {
        input.namedParameters.prefixed("input")
            + blocks.enumerated().flatMap { $1.namedParameters.prefixed("blocks.\($0)") }
            + norm.namedParameters.prefixed("norm")
    }

}
