import TextEncoding

/// A `TextEncoder` that answers from cached `TextFeatures` (the `encode` step's entry) and
/// runs the real encoder only for texts it has not seen (prompts, the CFG null text).
public final class CachedTextEncoder: TextEncoder, @unchecked Sendable {
    public let cached: TextFeatures
    public let fallback: any TextEncoder
    /// Texts that went to the real encoder so far.
    public private(set) var fallbackTexts = 0

    /// `fallback` must be the encoder that made `cached` (same name and feature size).
    public init(cached: TextFeatures, fallback: any TextEncoder) {
        precondition(fallback.name == cached.encoder && fallback.featureSize == cached.featureSize,
                     "CachedTextEncoder: features of \(cached.encoder) cannot stand in for \(fallback.name)")
        self.cached = cached
        self.fallback = fallback
    }

    public var name: String { cached.encoder }
    public var featureSize: Int { cached.featureSize }
    public var vocabularySize: Int { fallback.vocabularySize }
    public var maxTokenCount: Int { fallback.maxTokenCount }

    public func encode(_ texts: [String]) -> [EncodedText] {
        let missing = texts.filter { !cached.contains($0) }
        var fresh: [String: EncodedText] = [:]
        if !missing.isEmpty {
            fallbackTexts += missing.count
            for (text, encoded) in zip(missing, fallback.encode(missing)) { fresh[text] = encoded }
        }
        return texts.map { fresh[$0] ?? cached.encodedText(of: $0)! }
    }
}
