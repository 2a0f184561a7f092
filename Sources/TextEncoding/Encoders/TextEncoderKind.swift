/// The encoders by name, as recipes and caches spell them.
public enum TextEncoderKind: String, CaseIterable, Sendable {
    /// `MiniLMTokenEncoder`.
    case miniLMTokens = "minilm-tokens"
    /// `MiniLMPooledEncoder`.
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
        case .miniLMTokens: return MiniLMTokenEncoder(model: try MiniLM.pretrained(), warnings: warnings)
        case .miniLMPooled: return MiniLMPooledEncoder(model: try MiniLM.pretrained(), warnings: warnings)
        case .bagOfWords:
            let files = try MiniLMFiles.locate()
            let config = try MiniLMConfig(files: files)
            let tokenizer = WordPieceTokenizer(vocabulary: try Vocabulary(contentsOf: files.vocabulary),
                                               maxLength: config.maxSequenceLength)
            return BagOfWordsEncoder(tokenizer: tokenizer, warnings: warnings)
        }
    }
}
