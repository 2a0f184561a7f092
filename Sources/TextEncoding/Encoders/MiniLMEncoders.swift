/// The MiniLM text encoders of Table 6:
/// - `minilm-tokens` (`output: .tokens`): every token's feature (`[L × 384]`), the multi-token
///   (T5-style) arm;
/// - `minilm-pooled` (`output: .pooled`): the sentence vector as one token (`[1 × 384]`), the
///   single-token (CLIP-style) arm.
/// Both also return the pooled sentence vector.
public struct MiniLMEncoder: TextEncoder {
    /// The model.
    public let model: MiniLM
    /// Token features or the pooled vector as one token.
    public let output: MiniLM.Output
    /// Where truncation warnings go.
    public var warnings: TextEncodingWarnings

    public var name: String { output == .tokens ? "minilm-tokens" : "minilm-pooled" }
    public var featureSize: Int { model.config.hiddenSize }
    public var vocabularySize: Int { model.config.vocabularySize }
    public var maxTokenCount: Int { output == .tokens ? model.config.maxSequenceLength : 1 }

    /// Creates the encoder over a loaded model.
    public init(model: MiniLM, output: MiniLM.Output, warnings: TextEncodingWarnings = .standardError) {
        self.model = model
        self.output = output
        self.warnings = warnings
    }

    public func encode(_ texts: [String]) -> [EncodedText] {
        model.encode(texts, output: output, warnings: warnings)
    }
}
