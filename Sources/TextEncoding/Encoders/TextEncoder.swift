import Foundation

/// What a text encoder gives for one text.
///
/// MiniLM encoders fill `features` (`tokenCount × featureSize`, row-major) and `pooled`
/// (`featureSize`); the bag-of-words encoder gives only `tokenIDs`, because its embedding
/// table belongs to the model being trained (so `featureSize` is 0 and both arrays are empty).
public struct EncodedText: Sendable, Equatable {
    /// WordPiece ids, `[CLS] … [SEP]`, after truncation.
    public var tokenIDs: [Int32]
    /// Number of tokens the features describe (rows of `features`; `tokenIDs.count` for `bow`).
    public var tokenCount: Int
    /// Width of one token feature (0 for `bow`).
    public var featureSize: Int
    /// `tokenCount × featureSize` floats, row-major.
    public var features: [Float]
    /// The L2-normalised mean of the real tokens' features (`featureSize` floats; empty for `bow`).
    public var pooled: [Float]
    /// Whether the text was cut at the encoder's maximum length.
    public var wasTruncated: Bool

    /// Creates an encoded text; `features.count` must be `tokenCount × featureSize`.
    public init(tokenIDs: [Int32], tokenCount: Int, featureSize: Int, features: [Float], pooled: [Float],
                wasTruncated: Bool) {
        precondition(features.count == tokenCount * featureSize,
                     "EncodedText: \(features.count) features for \(tokenCount) tokens × \(featureSize)")
        self.tokenIDs = tokenIDs
        self.tokenCount = tokenCount
        self.featureSize = featureSize
        self.features = features
        self.pooled = pooled
        self.wasTruncated = wasTruncated
    }

    /// The features of token `index` (a slice of `features`).
    public func feature(ofToken index: Int) -> ArraySlice<Float> {
        features[(index * featureSize)..<((index + 1) * featureSize)]
    }
}

/// A text encoder: texts in, per-text token features (or ids) with a pooled vector out.
///
/// The three encoders of the study (ARCHITECTURE §3) are `MiniLMTokenEncoder`
/// (`minilm-tokens`, the multi-token T5-style arm), `MiniLMPooledEncoder` (`minilm-pooled`, one
/// pooled token, the CLIP-style arm) and `BagOfWordsEncoder` (`bow`, ids only, no language
/// prior). `TextEncoders.make(_:)` builds one by name.
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

/// Receives the encoders' warnings (a truncated text); by default they go to standard error.
public struct TextEncodingWarnings: Sendable {
    /// Handles one message.
    public var handle: @Sendable (String) -> Void

    /// Creates a handler.
    public init(_ handle: @escaping @Sendable (String) -> Void) { self.handle = handle }

    /// Prints to standard error, prefixed "warning: ".
    public static let standardError = TextEncodingWarnings { message in
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// Discards warnings.
    public static let ignore = TextEncodingWarnings { _ in }

    /// Reports the texts that were truncated, one line each (shortened to 60 characters).
    func reportTruncations(_ texts: [String], _ tokenized: [TokenizedText], limit: Int) {
        for (text, tokens) in zip(texts, tokenized) where tokens.wasTruncated {
            let head = text.count > 60 ? String(text.prefix(57)) + "..." : text
            handle("text truncated from \(tokens.untruncatedCount) to \(limit) tokens: \(head.debugDescription)")
        }
    }
}
