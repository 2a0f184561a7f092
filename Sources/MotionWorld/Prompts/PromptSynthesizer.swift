import Autograd
import Motion

/// A synthesised prompt and the action it was built from.
public struct SynthesizedPrompt: Sendable, Equatable, Codable {
    public var text: String
    public var actionID: String
}

/// Prompts for ViMoGen-light distillation (the paper's 14k novel prompts): verbs and
/// phrasings × style adverbs × contexts over the whole lexicon, deduplicated by clustering
/// sentence embeddings (near-duplicates above a cosine threshold keep one member).
public struct PromptSynthesizer: Sendable {
    public let lexicon: Lexicon
    /// Two prompts closer than this (cosine) count as the same prompt.
    public var duplicateThreshold: Float = 0.95

    /// Settings and occasions appended to some prompts (beyond the lexicon's own wording).
    public static let contexts = [
        "", "", "", "in the rain", "on a beach", "in slow motion", "at night", "on a crowded street",
        "in a kitchen", "on a mountain trail", "after a long day", "to celebrate a win", "in front of a mirror",
        "on a windy hilltop", "during a party", "in an office",
    ]

    public init(lexicon: Lexicon = .standard) { self.lexicon = lexicon }

    /// Candidate prompts before deduplication (deterministic in `seed`).
    public func candidates(count: Int, seed: UInt64) -> [SynthesizedPrompt] {
        var rng = RandomGenerator(seed: seed ^ 0x5052_4F4D_5054)
        return (0..<count).map { _ in
            let action = lexicon.actions.randomElement(using: &rng)!
            let verb = (action.verbs + action.phrases + action.rare).randomElement(using: &rng)!
            var text = "a person " + verb
            if Bool.random(using: &rng) { text += " " + lexicon.styles.randomElement(using: &rng)!.words.randomElement(using: &rng)! }
            let context = Self.contexts.randomElement(using: &rng)!
            if !context.isEmpty { text += " " + context }
            return SynthesizedPrompt(text: text, actionID: action.id)
        }
    }

    /// `count` distinct prompts: candidates drawn, exact duplicates dropped, then (with an
    /// embedder) near-duplicates clustered greedily and one kept per cluster.
    public func prompts(count: Int, seed: UInt64, embedder: (any PhraseEmbedder)?) throws -> [SynthesizedPrompt] {
        var seen = Set<String>()
        let pool = candidates(count: count * 3, seed: seed).filter { seen.insert($0.text).inserted }
        guard let embedder else { return Array(pool.prefix(count)) }
        let vectors = try embedder.embed(pool.map(\.text))
        var kept: [Int] = []
        for i in pool.indices where kept.count < count {
            if !kept.contains(where: { cosine(vectors[$0], vectors[i]) > duplicateThreshold }) { kept.append(i) }
        }
        return kept.map { pool[$0] }
    }

    /// Distillation prompts for a world of `takes` takes: as many as its synthetic source
    /// has takes (Table 5: the paper's 14k novel prompts are its 14k synthetic clips).
    public static func count(forWorldOf takes: Int) -> Int { WorldSize.proportional(total: takes).synthetic }
}
