/// y = x Wᵀ + b with W `[out, in]` (PyTorch layout and initialisation: U(±1/√in)).
public final class Linear: Module {
    public let weight: Tensor
    public let bias: Tensor?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, rng: inout RandomGenerator) {
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = parameter(rng.uniform([outFeatures, inFeatures], low: -bound, high: bound))
        self.bias = bias ? parameter(rng.uniform([outFeatures], low: -bound, high: bound)) : nil
    }

    public var inFeatures: Int { weight.shape[1] }
    public var outFeatures: Int { weight.shape[0] }

    public func callAsFunction(_ x: Tensor) -> Tensor { linear(x, weight: weight, bias: bias) }

    public var namedParameters: [NamedParameter] {
        [(name: "weight", tensor: weight)] + (bias.map { [(name: "bias", tensor: $0)] } ?? [])
    }
}

/// LayerNorm over the last dimension with learned scale (ones) and shift (zeros).
public final class LayerNorm: Module {
    public let weight: Tensor?
    public let bias: Tensor?
    public let eps: Float

    /// `affine: false` gives a parameter-free norm (AdaLN blocks modulate it instead).
    public init(_ dim: Int, eps: Float = 1e-5, affine: Bool = true) {
        weight = affine ? parameter(Tensor.ones([dim])) : nil
        bias = affine ? parameter(Tensor.zeros([dim])) : nil
        self.eps = eps
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { layerNorm(x, weight: weight, bias: bias, eps: eps) }

    public var namedParameters: [NamedParameter] {
        guard let weight, let bias else { return [] }
        return [(name: "weight", tensor: weight), (name: "bias", tensor: bias)]
    }
}

/// RMSNorm over the last dimension with a learned scale (ones).
public final class RMSNorm: Module {
    public let weight: Tensor
    public let eps: Float

    public init(_ dim: Int, eps: Float = 1e-6) {
        weight = parameter(Tensor.ones([dim]))
        self.eps = eps
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { rmsNorm(x, weight: weight, eps: eps) }

    public var namedParameters: [NamedParameter] { [(name: "weight", tensor: weight)] }
}

/// A lookup table `[count, dim]` initialised N(0, 1) as in PyTorch.
public final class Embedding: Module {
    public let weight: Tensor

    public init(_ count: Int, _ dim: Int, rng: inout RandomGenerator) {
        weight = parameter(rng.normal([count, dim]))
    }

    /// Rows for `ids`, shaped `shape + [dim]` (default `[ids.count, dim]`).
    public func callAsFunction(_ ids: [Int], shape: [Int]? = nil) -> Tensor {
        weight.gatherRows(ids, indexShape: shape)
    }

    public var namedParameters: [NamedParameter] { [(name: "weight", tensor: weight)] }
}
