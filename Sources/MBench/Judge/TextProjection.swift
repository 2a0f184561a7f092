import Autograd

/// The judge's text side: frozen MiniLM sentence vectors (384) → Linear → GELU → Linear to the
/// embedding → unit length.
final class TextProjection: Module {
    let mlp: MLP

    init(textFeatureSize: Int, settings: JudgeSettings, rng: inout RandomGenerator) {
        mlp = MLP(textFeatureSize, hidden: 2 * settings.width, settings.embeddingSize, rng: &rng)
    }

    func callAsFunction(_ features: Tensor) -> Tensor { unitLength(mlp(features)) }

    var namedParameters: [NamedParameter] { mlp.namedParameters.prefixed("mlp") }
}

/// Rows scaled to unit L2 norm (last axis).
func unitLength(_ x: Tensor) -> Tensor {
    x / (x.square().sum(axes: [x.rank - 1], keepDims: true) + 1e-8).sqrt()
}
