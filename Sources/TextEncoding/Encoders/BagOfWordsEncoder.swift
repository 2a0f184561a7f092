/// The `bow` encoder: WordPiece ids and nothing else. The model being trained owns the
/// embedding table (`vocabularySize` rows), so this arm has no language prior.
public struct BagOfWordsEncoder: TextEncoder {
    public let name = "bow"
    public let featureSize = 0
    /// The tokenizer (same WordPiece ids as the MiniLM encoders).
    public let tokenizer: WordPieceTokenizer
    /// Where truncation warnings go.
    public var warnings: TextEncodingWarnings

    public var vocabularySize: Int { tokenizer.vocabulary.count }
    public var maxTokenCount: Int { tokenizer.maxLength }

    /// Creates the encoder over a tokenizer.
    public init(tokenizer: WordPieceTokenizer, warnings: TextEncodingWarnings = .standardError) {
        self.tokenizer = tokenizer
        self.warnings = warnings
    }

    public func encode(_ texts: [String]) -> [EncodedText] {
        let tokenized = texts.map { tokenizer($0) }
        warnings.reportTruncations(texts, tokenized, limit: tokenizer.maxLength)
        return tokenized.map {
            EncodedText(tokenIDs: $0.ids, tokenCount: $0.ids.count, featureSize: 0, features: [], pooled: [],
                        wasTruncated: $0.wasTruncated)
        }
    }
}
