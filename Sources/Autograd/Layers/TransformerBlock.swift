/// A pre-norm Transformer encoder block: `h = x + attention(LN(x))`, then `h + MLP(LN(h))`.
///
/// The one block every encoder in the project uses (the benchmark transformer, ViMoGen's
/// reference encoder, the MBench judge's motion encoder). Parameters: `norm1.*`,
/// `attention.*`, `norm2.*`, `mlp.*`.
public final class TransformerBlock: Module {
    public let norm1: LayerNorm
    public let attention: SelfAttention
    public let norm2: LayerNorm
    public let mlp: MLP

    public init(dim: Int, heads: Int, hidden: Int, activation: MLP.Activation = .gelu, rng: inout RandomGenerator) {
        norm1 = LayerNorm(dim)
        attention = SelfAttention(dim: dim, heads: heads, rng: &rng)
        norm2 = LayerNorm(dim)
        mlp = MLP(dim, hidden: hidden, dim, activation: activation, rng: &rng)
    }

    /// `x` `[B, T, dim]`; `keyPaddingMask` `[B, T]` (1 = attend, 0 = padding) or nil.
    public func callAsFunction(_ x: Tensor, keyPaddingMask: Tensor? = nil) -> Tensor {
        let h = x + attention(norm1(x), keyPaddingMask: keyPaddingMask)
        return h + mlp(norm2(h))
    }

    public var namedParameters: [NamedParameter] {
        norm1.namedParameters.prefixed("norm1") + attention.namedParameters.prefixed("attention")
            + norm2.namedParameters.prefixed("norm2") + mlp.namedParameters.prefixed("mlp")
    }
}
