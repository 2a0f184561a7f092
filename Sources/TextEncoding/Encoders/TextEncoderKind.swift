/// The encoders by name, as recipes and caches spell them.
public enum TextEncoderKind: String, CaseIterable, Sendable {
    /// `MiniLMEncoder` with token features.
    case miniLMTokens = "minilm-tokens"
    /// `MiniLMEncoder` with the pooled vector as one token.
    case miniLMPooled = "minilm-pooled"
    /// `BagOfWordsEncoder`.
    case bagOfWords = "bow"

    /// Parses a name, with an error listing the known names.
    public init(name: String) throws {
        guard let kind = TextEncoderKind(rawValue: name) else {
            throw TextEncodingError.unknownEncoder(name: name, known: Self.allCases.map(\.rawValue))
        }
        self = kind
    }

    /// Builds the encoder over the installed MiniLM (the `bow` encoder uses only its vocabulary).
    public func make(warnings: TextEncodingWarnings = .standardError) throws -> any TextEncoder {
        switch self {
        case .miniLMTokens: return MiniLMEncoder(model: try MiniLM.pretrained(), output: .tokens, warnings: warnings)
        case .miniLMPooled: return MiniLMEncoder(model: try MiniLM.pretrained(), output: .pooled, warnings: warnings)
        case .bagOfWords:
            let files = try MiniLMFiles.locate()
            let config = try MiniLMConfig(files: files)
            let tokenizer = WordPieceTokenizer(vocabulary: try Vocabulary(contentsOf: files.vocabulary),
                                               maxLength: config.maxSequenceLength)
            return BagOfWordsEncoder(tokenizer: tokenizer, warnings: warnings)
        }
    }
}
