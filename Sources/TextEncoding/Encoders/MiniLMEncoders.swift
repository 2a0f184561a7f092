/// The `minilm-tokens` encoder: every token's MiniLM feature (`[L × 384]`), the multi-token
/// (T5-style) arm of Table 6.
public struct MiniLMTokenEncoder: TextEncoder {
    public let name = "minilm-tokens"
    /// The model.
    public let model: MiniLM
    /// Where truncation warnings go.
    public var warnings: TextEncodingWarnings

    public var featureSize: Int { model.config.hiddenSize }
    public var vocabularySize: Int { model.config.vocabularySize }
    public var maxTokenCount: Int { model.config.maxSequenceLength }

    /// Creates the encoder over a loaded model.
    public init(model: MiniLM, warnings: TextEncodingWarnings = .standardError) {
        self.model = model
        self.warnings = warnings
    }

    public func encode(_ texts: [String]) -> [EncodedText] {
        model.encode(texts, output: .tokens, warnings: warnings)
    }
}

/// The `minilm-pooled` encoder: the sentence vector as one token (`[1 × 384]`), the
/// single-token (CLIP-style) arm of Table 6.
public struct MiniLMPooledEncoder: TextEncoder {
    public let name = "minilm-pooled"
    /// The model.
    public let model: MiniLM
    /// Where truncation warnings go.
    public var warnings: TextEncodingWarnings

    public var featureSize: Int { model.config.hiddenSize }
    public var vocabularySize: Int { model.config.vocabularySize }
    public var maxTokenCount: Int { 1 }

    /// Creates the encoder over a loaded model.
    public init(model: MiniLM, warnings: TextEncodingWarnings = .standardError) {
        self.model = model
        self.warnings = warnings
    }

    public func encode(_ texts: [String]) -> [EncodedText] {
        model.encode(texts, output: .pooled, warnings: warnings)
    }
}
