/// A text encoder: texts in, per-text token features (or ids) with a pooled vector out.
///
/// The three encoders of the study (ARCHITECTURE §3) are `MiniLMEncoder` with `.tokens`
/// (`minilm-tokens`, the multi-token T5-style arm), `MiniLMEncoder` with `.pooled`
/// (`minilm-pooled`, one pooled token, the CLIP-style arm) and `BagOfWordsEncoder` (`bow`, ids
/// only, no language prior). `TextEncoderKind(name:).make()` builds one by name.
public protocol TextEncoder: Sendable {
    /// The encoder's name in recipes and caches ("minilm-tokens", "minilm-pooled", "bow").
    var name: String { get }
    /// Width of the token features (0 for an encoder that returns ids only).
    var featureSize: Int { get }
    /// Size of the id space for encoders whose model learns the embedding (the vocabulary size).
    var vocabularySize: Int { get }
    /// Longest output in tokens.
    var maxTokenCount: Int { get }
    /// Encodes `texts` in order. Never fails on odd text (see `WordPieceTokenizer`); a text
    /// over the length limit is truncated and reported through `onWarning`.
    func encode(_ texts: [String]) -> [EncodedText]
}

extension TextEncoder {
    /// Encodes one text.
    public func encode(_ text: String) -> EncodedText { encode([text])[0] }
}
