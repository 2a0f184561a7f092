/// Multi-head self-attention with one fused Q/K/V projection (`qkv`, `[3·dim, dim]`) and an
/// output projection (`out`). Input and output `[batch, tokens, dim]`.
public final class SelfAttention: Module {
    public let heads: Int
    public let qkv: Linear
    public let out: Linear

    public init(dim: Int, heads: Int, bias: Bool = true, rng: inout RandomGenerator) {
        precondition(dim % heads == 0, "SelfAttention: dim \(dim) is not divisible by \(heads) heads")
        self.heads = heads
        qkv = Linear(dim, 3 * dim, bias: bias, rng: &rng)
        out = Linear(dim, dim, bias: bias, rng: &rng)
    }

    /// `keyPaddingMask` `[batch, tokens]`: 1 = real token, 0 = padding.
    public func callAsFunction(_ x: Tensor, keyPaddingMask: Tensor? = nil, causal: Bool = false) -> Tensor {
        out(scaledDotProductAttention(packedQKV: qkv(x), heads: heads, keyPaddingMask: keyPaddingMask, causal: causal))
    }

    public var namedParameters: [NamedParameter] {
        qkv.namedParameters.prefixed("qkv") + out.namedParameters.prefixed("out")
    }
}

/// Multi-head cross-attention: queries from `x` (`query`), keys and values from a context of
/// another width (`keyValue`, fused `[2·dim, contextDim]`), output projection `out`.
public final class CrossAttention: Module {
    public let heads: Int
    public let query: Linear
    public let keyValue: Linear
    public let out: Linear

    public init(dim: Int, contextDim: Int, heads: Int, bias: Bool = true, rng: inout RandomGenerator) {
        precondition(dim % heads == 0, "CrossAttention: dim \(dim) is not divisible by \(heads) heads")
        self.heads = heads
        query = Linear(dim, dim, bias: bias, rng: &rng)
        keyValue = Linear(contextDim, 2 * dim, bias: bias, rng: &rng)
        out = Linear(dim, dim, bias: bias, rng: &rng)
    }

    /// `x` `[B, Tq, dim]` attends to `context` `[B, Tk, contextDim]`; `contextMask` `[B, Tk]`.
    public func callAsFunction(_ x: Tensor, context: Tensor, contextMask: Tensor? = nil) -> Tensor {
        out(scaledDotProductAttention(query: query(x), packedKV: keyValue(context), heads: heads, keyPaddingMask: contextMask))
    }

    public var namedParameters: [NamedParameter] {
        query.namedParameters.prefixed("query") + keyValue.namedParameters.prefixed("keyValue")
            + out.namedParameters.prefixed("out")
    }
}

/// Two linear layers with an activation between: `fc2(act(fc1(x)))`.
public final class MLP: Module {
    /// The hidden activation.
    public enum Activation: Sendable { case gelu, geluTanh, silu, relu }

    public let fc1: Linear
    public let fc2: Linear
    public let activation: Activation

    public init(_ inFeatures: Int, hidden: Int, _ outFeatures: Int, activation: Activation = .gelu,
                rng: inout RandomGenerator) {
        fc1 = Linear(inFeatures, hidden, rng: &rng)
        fc2 = Linear(hidden, outFeatures, rng: &rng)
        self.activation = activation
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let h = fc1(x)
        switch activation {
        case .gelu: return fc2(h.gelu(.erf))
        case .geluTanh: return fc2(h.gelu(.tanh))
        case .silu: return fc2(h.silu())
        case .relu: return fc2(h.relu())
        }
    }

    public var namedParameters: [NamedParameter] {
        fc1.namedParameters.prefixed("fc1") + fc2.namedParameters.prefixed("fc2")
    }
}
