import Autograd

/// Encoded texts padded to one length, as a model consumes them: token features
/// `[B, L, d]`, a key-padding mask `[B, L]` (1 = token, 0 = padding, the convention of
/// `scaledDotProductAttention`), padded token ids (for the `bow` encoder's embedding table)
/// and the pooled vectors `[B, d]`.
public struct TextBatch {
    /// `[B, L, featureSize]`, zero past each text's length (`[B, L, 0]` for `bow`).
    public let features: Tensor
    /// `[B, L]`: 1 for real tokens, 0 for padding.
    public let mask: Tensor
    /// `B × L` ids, row-major, padded with `padID`.
    public let tokenIDs: [Int32]
    /// `[B, featureSize]` (`[B, 0]` for `bow`).
    public let pooled: Tensor
    /// Tokens per text before padding.
    public let lengths: [Int]

    /// Pads `texts` (all from one encoder) to `length` tokens, by default the longest; a text
    /// longer than `length` is an error of the caller (a precondition).
    public init(_ texts: [EncodedText], length: Int? = nil, padID: Int32 = 0) {
        let width = texts.first?.featureSize ?? 0
        precondition(texts.allSatisfy { $0.featureSize == width }, "TextBatch: texts from different encoders")
        let lengths = texts.map(\.tokenCount)
        let padded = length ?? lengths.max() ?? 0
        precondition(lengths.allSatisfy { $0 <= padded }, "TextBatch: a text has more than \(padded) tokens")
        var features = [Float](repeating: 0, count: texts.count * padded * width)
        var mask = [Float](repeating: 0, count: texts.count * padded)
        var ids = [Int32](repeating: padID, count: texts.count * padded)
        var pooled = [Float](repeating: 0, count: texts.count * width)
        for (row, text) in texts.enumerated() {
            let start = row * padded * width
            features.replaceSubrange(start..<(start + text.features.count), with: text.features)
            for column in 0..<text.tokenCount { mask[row * padded + column] = 1 }
            // `bow` ids fill the rows; MiniLM-pooled has 1 feature row but more ids, so ids
            // are copied only where they describe the rows.
            if text.tokenIDs.count == text.tokenCount {
                ids.replaceSubrange((row * padded)..<(row * padded + text.tokenCount), with: text.tokenIDs)
            }
            if text.pooled.count == width {
                pooled.replaceSubrange((row * width)..<((row + 1) * width), with: text.pooled)
            }
        }
        self.features = Tensor(features, shape: [texts.count, padded, width])
        self.mask = Tensor(mask, shape: [texts.count, padded])
        self.tokenIDs = ids
        self.pooled = Tensor(pooled, shape: [texts.count, width])
        self.lengths = lengths
    }
}
