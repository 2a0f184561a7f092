import Foundation
import Motion
import Autograd

/// One entry of an MBench prompt file in the official JSON format (ARCHITECTURE.md §6): one
/// entry per (dimension, prompt). `action_id` is ours (the World action the prompt was built
/// from, for oracle rows); readers of the official format ignore it.
public struct MBenchPrompt: Sendable, Equatable, Codable {
    public var prompt: String
    public var dimension: String
    public var id: Int
    public var category: String
    public var motion_duration: Int
    public var auxiliary_info: [String]?
    public var action_id: String?
}

/// Builds the four MBench prompt suites from the lexicon: 150 temporal-quality and 100
/// frame-wise-quality prompts (HumanML3D-style sentences over core and extended actions),
/// 100 consistency prompts (a label with 9 distractors from the 5th / 47–52nd / 95th
/// percentiles of label similarity) and 100 generalisation prompts (half rare paraphrases of
/// trained actions, half long-tail or held-out actions, sharing no content word with any
/// training caption of their action).
public struct MBenchSuites: Sendable {
    public static let temporalDimensions = ["Jitter_Degree", "Ground_Penetration", "Foot_Floating", "Foot_Sliding", "Dynamic_Degree"]
    public static let frameDimensions = ["Body_Penetration", "Pose_Quality"]

    public let lexicon: Lexicon
    public let embedder: any PhraseEmbedder
    public let seed: UInt64

    public init(lexicon: Lexicon = .standard, embedder: any PhraseEmbedder, seed: UInt64 = 0) {
        self.lexicon = lexicon; self.embedder = embedder; self.seed = seed
    }

    /// Suite file name → entries.
    public func build() throws -> [String: [MBenchPrompt]] {
        var rng = RandomGenerator(seed: seed ^ 0x4D42_454E_4348)
        let writer = CaptionWriter(lexicon: lexicon)
        let trained = lexicon.actions.filter { $0.tier == .core || $0.tier == .extended }
        func sentences(_ n: Int) -> [(String, ActionSpec)] {
            (0..<n).map { _ in
                let a = trained.randomElement(using: &rng)!
                let world = World(seed: 0, size: .proportional(total: 4), lexicon: lexicon)
                let perf = world.perform(a, within: 4, using: &rng)
                let subject = CaptionWriter.motionSubjects.randomElement(using: &rng)!
                return (subject + " " + writer.predicate(for: perf, using: &rng) + ".", a)
            }
        }
        var temporal: [MBenchPrompt] = [], frame: [MBenchPrompt] = []
        for (k, (text, a)) in sentences(150).enumerated() {
            let duration = Int.random(in: 60...200, using: &rng)
            for d in Self.temporalDimensions {
                temporal.append(MBenchPrompt(prompt: text, dimension: d, id: k, category: a.category, motion_duration: duration, action_id: a.id))
            }
        }
        for (k, (text, a)) in sentences(100).enumerated() {
            let duration = Int.random(in: 60...200, using: &rng)
            for d in Self.frameDimensions {
                frame.append(MBenchPrompt(prompt: text, dimension: d, id: k, category: a.category, motion_duration: duration, action_id: a.id))
            }
        }
        return ["temporal_quality.json": temporal, "frame_quality.json": frame,
                "consistency.json": try consistency(using: &rng), "generalizability.json": try generalizability(writer, using: &rng)]
    }

    /// 100 labels, each with 3 distractors below the 5th percentile, 3 between the 47th and
    /// 52nd, and 3 above the 95th percentile of cosine similarity to it.
    func consistency(using rng: inout RandomGenerator) throws -> [MBenchPrompt] {
        let actions = lexicon.actions
        let vectors = try embedder.embed(actions.map(\.label))
        let chosen = Array(actions.indices.shuffled(using: &rng).prefix(100))
        return chosen.enumerated().map { k, i in
            let others = actions.indices.filter { $0 != i && actions[$0].label != actions[i].label }
                .sorted { cosine(vectors[i], vectors[$0]) < cosine(vectors[i], vectors[$1]) }
            func band(_ lo: Double, _ hi: Double) -> [Int] {
                let a = Int((lo * Double(others.count)).rounded(.down)), b = max(a + 3, Int((hi * Double(others.count)).rounded(.up)))
                return Array(others[max(0, min(a, others.count - 3))..<min(b, others.count)])
            }
            var distractors: [String] = []
            for (lo, hi) in [(0.0, 0.05), (0.47, 0.52), (0.95, 1.0)] {
                distractors += band(lo, hi).shuffled(using: &rng).prefix(3).map { actions[$0].label }
            }
            return MBenchPrompt(prompt: actions[i].label, dimension: "Motion_Condition_Consistency", id: k,
                                category: actions[i].category, motion_duration: Int.random(in: 60...200, using: &rng),
                                auxiliary_info: distractors, action_id: actions[i].id)
        }
    }

    /// 50 rare paraphrases of trained actions and 50 long-tail / held-out prompts, none sharing
    /// a content word with a training caption of its action.
    func generalizability(_ writer: CaptionWriter, using rng: inout RandomGenerator) throws -> [MBenchPrompt] {
        func clean(_ text: String, _ a: ActionSpec) -> Bool {
            a.tier == .heldout || ContentWords.of(text).isDisjoint(with: writer.captionVocabulary(of: a.id))
        }
        var pairs: [(String, ActionSpec)] = []
        for a in lexicon.actions.filter({ $0.tier <= .wild }).shuffled(using: &rng) where pairs.count < 50 {
            if let rare = a.rare.first(where: { clean("a person " + $0, a) }) { pairs.append(("a person " + rare, a)) }
        }
        var unseen: [(String, ActionSpec)] = []
        for a in lexicon.actions where a.tier == .longtail || a.tier == .heldout {
            let wordings = a.tier == .heldout ? a.rare + a.verbs + a.phrases : a.rare
            for w in wordings where clean("a person " + w, a) { unseen.append(("a person " + w, a)) }
        }
        pairs += unseen.shuffled(using: &rng).prefix(100 - pairs.count)
        return pairs.enumerated().map { k, p in
            MBenchPrompt(prompt: p.0, dimension: "Motion_Generalizability", id: k, category: p.1.category,
                         motion_duration: Int.random(in: 60...200, using: &rng), action_id: p.1.id)
        }
    }

    /// Writes the suites as pretty-printed JSON files into `folder` (created if needed).
    public func write(to folder: URL) throws -> [String: Int] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var counts: [String: Int] = [:]
        for (name, entries) in try build() {
            try encoder.encode(entries).write(to: folder.appendingPathComponent(name))
            counts[name] = entries.count
        }
        return counts
    }
}
