import TextEncoding

/// Encodes each unique caption once and keeps the result; also holds the CFG null context
/// (the encoder's output for the empty string).
public final class TextFeatureCache {
    public let encoder: TextEncoder
    public let null: EncodedText
    private var encoded: [String: EncodedText] = [:]

    public init(encoder: TextEncoder) {
        self.encoder = encoder
        null = encoder.encode("")
    }

    /// Encodes the texts not seen yet, in one call to the encoder.
    public func prepare(_ texts: [String]) {
        var missing: [String] = []
        var seen = Set<String>()
        for text in texts where encoded[text] == nil && seen.insert(text).inserted { missing.append(text) }
        guard !missing.isEmpty else { return }
        for (text, result) in zip(missing, encoder.encode(missing)) { encoded[text] = result }
    }

    /// The encodings of `texts` (encoding any that are new).
    public func callAsFunction(_ texts: [String]) -> [EncodedText] {
        prepare(texts)
        return texts.map { encoded[$0]! }
    }
}
