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
