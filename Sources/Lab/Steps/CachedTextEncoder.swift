import TextEncoding

/// A `TextEncoder` that answers from cached `TextFeatures` (the `encode` step's entry) and
/// runs the real encoder only for texts it has not seen (prompts, the CFG null text).
public final class CachedTextEncoder: TextEncoder, @unchecked Sendable {
    public let cached: TextFeatures
    private let makeFallback: () throws -> any TextEncoder
    private var fallback: (any TextEncoder)?
    public private(set) var fallbackTexts = 0

    public init(cached: TextFeatures, fallback: @escaping () throws -> any TextEncoder) {
        self.cached = cached
        makeFallback = fallback
    }

    public var name: String { cached.encoder }
    public var featureSize: Int { cached.featureSize }
    public var vocabularySize: Int { (try? encoder().vocabularySize) ?? 0 }
    public var maxTokenCount: Int { (try? encoder().maxTokenCount) ?? 0 }

    public func encode(_ texts: [String]) -> [EncodedText] {
        let missing = texts.filter { !cached.contains($0) }
        var fresh: [String: EncodedText] = [:]
        if !missing.isEmpty {
            // The protocol cannot throw; a MiniLM that cannot load was already reported when the features were built.
            guard let model = try? encoder() else { preconditionFailure("the text encoder \(name) cannot be loaded") }
            fallbackTexts += missing.count
            for (text, encoded) in zip(missing, model.encode(missing)) { fresh[text] = encoded }
        }
        return texts.map { fresh[$0] ?? cached.encodedText(of: $0)! }
    }

    private func encoder() throws -> any TextEncoder {
        if let fallback { return fallback }
        let made = try makeFallback()
        fallback = made
        return made
    }
}
