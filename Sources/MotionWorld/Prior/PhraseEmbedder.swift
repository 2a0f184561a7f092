import TextEncoding

/// Turns phrases into unit-length sentence vectors for similarity (cosine = dot product).
/// The video prior, prompt deduplication and the MBench distractors go through this, so the
/// similarity model can be swapped without touching them.
public protocol PhraseEmbedder: Sendable {
    /// A short name for reports ("minilm").
    var name: String { get }
    /// One L2-normalised vector per text, in order.
    func embed(_ texts: [String]) throws -> [[Float]]
}

/// all-MiniLM-L6-v2's pooled sentence vector (the TextEncoding module's MiniLM).
public struct MiniLMPhraseEmbedder: PhraseEmbedder {
    public let name = "minilm"
    public let model: MiniLM

    public init(model: MiniLM) { self.model = model }

    /// The installed model, or nil when its files are not on this machine.
    public static func installed() -> MiniLMPhraseEmbedder? {
        guard MiniLMFiles.installed() != nil, let model = try? MiniLM.pretrained() else { return nil }
        return MiniLMPhraseEmbedder(model: model)
    }

    public func embed(_ texts: [String]) throws -> [[Float]] {
        model.encode(texts, output: .pooled, warnings: .ignore).map(\.pooled)
    }
}

/// Cosine similarity of two unit vectors.
@inline(__always) func cosine(_ a: [Float], _ b: [Float]) -> Float {
    var s: Float = 0
    for i in 0..<min(a.count, b.count) { s += a[i] * b[i] }
    return s
}
