import Autograd

/// The M2M branch's reference encoder: the 138 reference dims of each frame (local pose and
/// root orientation, never joints or translation) → Linear → + sinusoidal positions → a small
/// stack of pre-norm self-attention blocks → LayerNorm. Dropped frames are masked out.
public final class ReferenceEncoder: Module {
    public let input: Linear
    public let blocks: [EncoderBlock]
    public let norm: LayerNorm
    let positions: Tensor

    public init(width: Int, heads: Int, depth: Int, ffnMultiplier: Int, maxFrames: Int, rng: inout RandomGenerator) {
        input = Linear(ViMoGenConfiguration.referenceWidth, width, rng: &rng)
        var made: [EncoderBlock] = []
        for _ in 0..<depth { made.append(EncoderBlock(width: width, heads: heads, ffnMultiplier: ffnMultiplier, rng: &rng)) }
        blocks = made
        norm = LayerNorm(width)
        positions = sinusoidalPositionEncoding(length: maxFrames, dim: width)
    }

    /// `reference` `[B, T, 138]`, `kept` `[B, T]` (1 = frame present) → `[B, T, width]`.
    public func callAsFunction(_ reference: Tensor, kept: Tensor) -> Tensor {
        var x = input(reference) + positions.slice(axis: 0, 0..<reference.shape[1])
        for block in blocks { x = block(x, mask: kept) }
        return norm(x)
    }

    public var namedParameters: [NamedParameter] {
        input.namedParameters.prefixed("input")
            + blocks.enumerated().flatMap { $1.namedParameters.prefixed("blocks.\($0)") }
            + norm.namedParameters.prefixed("norm")
    }

    /// A pre-norm Transformer encoder block (self-attention, then a GELU FFN).
    public final class EncoderBlock: Module {
        public let norm1: LayerNorm
        public let attention: SelfAttention
        public let norm2: LayerNorm
        public let ffn: MLP

        init(width: Int, heads: Int, ffnMultiplier: Int, rng: inout RandomGenerator) {
            norm1 = LayerNorm(width)
            attention = SelfAttention(dim: width, heads: heads, rng: &rng)
            norm2 = LayerNorm(width)
            ffn = MLP(width, hidden: ffnMultiplier * width, width, activation: .geluTanh, rng: &rng)
        }

        func callAsFunction(_ x: Tensor, mask: Tensor) -> Tensor {
            let h = x + attention(norm1(x), keyPaddingMask: mask)
            return h + ffn(norm2(h))
        }

        public var namedParameters: [NamedParameter] {
            norm1.namedParameters.prefixed("norm1") + attention.namedParameters.prefixed("attention")
                + norm2.namedParameters.prefixed("norm2") + ffn.namedParameters.prefixed("ffn")
        }
    }
}
