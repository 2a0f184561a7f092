import Autograd
import TextEncoding

/// A batch of captions as the T2M branch reads them: per-token features `[B, L, F]` (MiniLM) or
/// token ids `B × L` (bag of words), padded to the longest caption, and a key-padding mask
/// `[B, L]` (1 = attend).
public struct TextContext {
    /// The caption content, padded to `length` tokens.
    public enum Content {
        case features(Tensor)
        case tokenIDs([Int])
    }

    public var content: Content
    public var mask: Tensor
    public var batch: Int { mask.shape[0] }
    public var length: Int { mask.shape[1] }

    public init(content: Content, mask: Tensor) {
        self.content = content
        self.mask = mask
    }

    /// Pads encoded captions into one batch. `null` replaces the captions whose flag is set
    /// with the classifier-free-guidance null context: the encoder's output for the empty
    /// string, zero-padded to that caption's own length (all of it attended).
    public init(_ texts: [EncodedText], nullText: EncodedText? = nil, dropped: [Bool]? = nil) {
        precondition(!texts.isEmpty, "TextContext: no captions")
        let useIDs = texts[0].featureSize == 0
        let rows: [EncodedText] = texts.enumerated().map { i, text in
            guard let nullText, dropped?[i] == true else { return text }
            return TextContext.nullContext(nullText, length: max(text.tokenCount, nullText.tokenCount))
        }
        let length = max(1, rows.map(\.tokenCount).max() ?? 1)
        var mask = [Float](repeating: 0, count: rows.count * length)
        for (i, row) in rows.enumerated() { for j in 0..<row.tokenCount { mask[i * length + j] = 1 } }
        self.mask = Tensor(mask, shape: [rows.count, length])
        if useIDs {
            var ids = [Int](repeating: 0, count: rows.count * length)
            for (i, row) in rows.enumerated() {
                for (j, id) in row.tokenIDs.prefix(row.tokenCount).enumerated() { ids[i * length + j] = Int(id) }
            }
            content = .tokenIDs(ids)
        } else {
            let width = rows[0].featureSize
            var values = [Float](repeating: 0, count: rows.count * length * width)
            for (i, row) in rows.enumerated() {
                precondition(row.featureSize == width, "TextContext: feature widths \(row.featureSize) and \(width) differ")
                let base = i * length * width
                for k in 0..<row.features.count { values[base + k] = row.features[k] }
            }
            content = .features(Tensor(values, shape: [rows.count, length, width]))
        }
    }

    /// The empty string's encoding extended with zero tokens (id 0 = `[PAD]`) to `length`.
    static func nullContext(_ empty: EncodedText, length: Int) -> EncodedText {
        let extra = length - empty.tokenCount
        return EncodedText(tokenIDs: empty.tokenIDs + [Int32](repeating: 0, count: extra), tokenCount: length,
                           featureSize: empty.featureSize,
                           features: empty.features + [Float](repeating: 0, count: extra * empty.featureSize),
                           pooled: empty.pooled, wasTruncated: false)
    }
}
