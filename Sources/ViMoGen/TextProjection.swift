import Autograd

/// The T2M branch's text input: caption tokens projected to the model width by
/// Linear → GELU → Linear. For the `bow` encoder the token ids are first looked up in an
/// embedding table owned by this module (the encoder has no weights of its own).
public final class TextProjection: Module {
    public let embedding: Embedding?
    public let fc1: Linear
    public let fc2: Linear

    public init(_ kind: TextInputKind, width: Int, rng: inout RandomGenerator) {
        switch kind {
        case .features(let featureWidth):
            embedding = nil
            fc1 = Linear(featureWidth, width, rng: &rng)
        case .tokenIDs(let vocabularySize, let embeddingWidth):
            embedding = Embedding(vocabularySize, embeddingWidth, rng: &rng)
            fc1 = Linear(embeddingWidth, width, rng: &rng)
        }
        fc2 = Linear(width, width, rng: &rng)
    }

    /// `[B, L, width]` tokens for cross-attention.
    public func callAsFunction(_ text: TextContext) -> Tensor {
        let tokens: Tensor
        switch text.content {
        case .features(let features):
            precondition(embedding == nil, "TextProjection: this model embeds token ids, got features")
            tokens = features
        case .tokenIDs(let ids):
            guard let embedding else { preconditionFailure("TextProjection: this model reads token features, got ids") }
            tokens = embedding(ids, shape: [text.batch, text.length])
        }
        return fc2(fc1(tokens).gelu(.erf))
    }

    public var namedParameters: [NamedParameter] {
        (embedding?.namedParameters.prefixed("embedding") ?? [])
            + fc1.namedParameters.prefixed("fc1") + fc2.namedParameters.prefixed("fc2")
    }
}
