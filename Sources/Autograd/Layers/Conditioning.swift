import Foundation

/// Sinusoidal embeddings and AdaLN-style modulation (DiT / Wan blocks).

/// Sinusoidal features of scalar `values` (time steps or positions): `[values.count, dim]`,
/// first half cos, second half sin, frequencies `maxPeriod^(−i/half)` (the DiT/ViMoGen layout).
public func sinusoidalEmbedding(_ values: [Float], dim: Int, maxPeriod: Float = 10_000) -> Tensor {
    precondition(dim % 2 == 0, "sinusoidalEmbedding: dim \(dim) must be even")
    let half = dim / 2
    let out = Tensor(uninitialisedShape: [values.count, dim])
    for (r, v) in values.enumerated() {
        for i in 0..<half {
            let freq = Foundation.exp(-Foundation.log(Double(maxPeriod)) * Double(i) / Double(half))
            let angle = Double(v) * freq
            out.pointer[r * dim + i] = Float(Foundation.cos(angle))
            out.pointer[r * dim + half + i] = Float(Foundation.sin(angle))
        }
    }
    return out
}

/// The classic Transformer position encoding `[length, dim]`: sin on even, cos on odd columns.
public func sinusoidalPositionEncoding(length: Int, dim: Int, maxPeriod: Float = 10_000) -> Tensor {
    precondition(dim % 2 == 0, "sinusoidalPositionEncoding: dim \(dim) must be even")
    let out = Tensor(uninitialisedShape: [length, dim])
    for pos in 0..<length {
        for i in 0..<(dim / 2) {
            let angle = Double(pos) / Foundation.pow(Double(maxPeriod), Double(2 * i) / Double(dim))
            out.pointer[pos * dim + 2 * i] = Float(Foundation.sin(angle))
            out.pointer[pos * dim + 2 * i + 1] = Float(Foundation.cos(angle))
        }
    }
    return out
}

/// AdaLN modulation: `x · (1 + scale) + shift` with per-sample `shift`/`scale` `[B, D]` or
/// `[B, 1, D]` broadcast over the tokens of `x` `[B, T, D]`.
public func modulate(_ x: Tensor, shift: Tensor, scale: Tensor) -> Tensor {
    perSampleModulation(x, scale: scale, shift: shift, offset: 1)
        ?? x * (1 + perSample(scale, like: x)) + perSample(shift, like: x)
}

/// Gated residual branch: `x · gate` with `gate` `[B, D]` or `[B, 1, D]`.
public func gated(_ x: Tensor, gate: Tensor) -> Tensor {
    perSampleModulation(x, scale: gate, shift: nil, offset: 0) ?? x * perSample(gate, like: x)
}

/// `[B, D]` → `[B, 1, D]` so that it broadcasts over the tokens of a `[B, T, D]` tensor.
private func perSample(_ t: Tensor, like x: Tensor) -> Tensor {
    t.rank == 2 && x.rank == 3 ? t.reshaped([t.shape[0], 1, t.shape[1]]) : t
}

/// Produces `chunks` modulation vectors (e.g. shift, scale, gate for attention and for the FFN)
/// from a conditioning vector: `Linear(SiLU(c))` plus, Wan-style, a learned per-block offset
/// (`offset`, `[chunks, dim]`, zeros at start). Each result is `[B, 1, dim]`.
public final class AdaLNModulation: Module {
    public let projection: Linear?
    public let offset: Tensor?
    public let chunks: Int
    public let dim: Int

    /// `conditionDim: nil` means the caller passes an already projected `[B, chunks·dim]`
    /// (a projection shared by all blocks) and this module adds only the learned offset.
    public init(conditionDim: Int?, dim: Int, chunks: Int = 6, learnedOffset: Bool = true, rng: inout RandomGenerator) {
        self.chunks = chunks
        self.dim = dim
        projection = conditionDim.map { Linear($0, chunks * dim, rng: &rng) }
        offset = learnedOffset ? parameter(Tensor.zeros([chunks, dim])) : nil
        precondition(projection != nil || offset != nil, "AdaLNModulation: needs a projection or a learned offset")
    }

    /// `condition` `[B, conditionDim]` (or `[B, chunks·dim]` without a projection).
    public func callAsFunction(_ condition: Tensor) -> [Tensor] {
        let batch = condition.shape[0]
        var m = projection.map { $0(condition.silu()) } ?? condition
        precondition(m.shape == [batch, chunks * dim], "AdaLNModulation: modulation shape \(m.shape) is not [\(batch), \(chunks * dim)]")
        m = m.reshaped([batch, chunks, dim])
        if let offset { m = m + offset }
        return m.split(parts: chunks, axis: 1)
    }

    public var namedParameters: [NamedParameter] {
        (projection?.namedParameters.prefixed("projection") ?? []) + (offset.map { [(name: "offset", tensor: $0)] } ?? [])
    }
}
