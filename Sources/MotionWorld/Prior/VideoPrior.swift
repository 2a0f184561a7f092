import Foundation
import Motion
import Autograd

/// The stand-in for text-to-video generation followed by visual MoCap (ARCHITECTURE.md §3):
/// a free-text prompt is matched to the nearest lexicon action(s) by sentence similarity over
/// the actions' phrasings, that action is synthesised (with any style or direction the prompt
/// names), and the motion is degraded as visual MoCap of a generated video would be —
/// sometimes distorted on highly dynamic actions.
public struct VideoPrior: Sendable {
    /// One candidate action for a prompt.
    public struct Match: Sendable, Equatable {
        public var actionID: String
        /// Cosine similarity of the prompt to the action's closest phrasing (−1…1).
        public var confidence: Float
        /// The phrasing that matched best.
        public var phrase: String
    }

    /// What the prior returns for a prompt.
    public struct Output: Sendable {
        public var motion: SMPLMotion
        public var match: Match
        /// Other candidates, best first.
        public var alternatives: [Match]
        /// True when the motion came out distorted (a failed generation).
        public var distorted: Bool
    }

    public let lexicon: Lexicon
    public let embedder: any PhraseEmbedder
    public let degradation: VideoDegradation
    private let synthesizer: MotionSynthesizer
    private let phrases: [(actionID: String, text: String, vector: [Float])]

    /// Indexes every phrasing (label, verbs, descriptive and rare phrasings) of the actions in
    /// `tiers` (all tiers by default: generated video knows the long tail).
    public init(lexicon: Lexicon = .standard, embedder: any PhraseEmbedder, tiers: Set<Tier> = Set(Tier.allCases),
                degradation: VideoDegradation = .generatedVideo) throws {
        self.lexicon = lexicon; self.embedder = embedder; self.degradation = degradation
        synthesizer = MotionSynthesizer(lexicon: lexicon)
        var entries: [(String, String)] = []
        for a in lexicon.actions where tiers.contains(a.tier) {
            for text in [a.label] + a.verbs.map { "a person " + $0 } + a.phrases.map { "a person " + $0 } + a.rare {
                entries.append((a.id, text))
            }
        }
        let vectors = try embedder.embed(entries.map(\.1))
        phrases = zip(entries, vectors).map { ($0.0, $0.1, $1) }
    }

    /// Actions nearest to `prompt`, best first (each action scored by its closest phrasing).
    public func match(_ prompt: String, top k: Int = 3) throws -> [Match] {
        guard let q = try embedder.embed([prompt]).first else { return [] }
        var best: [String: Match] = [:]
        for p in phrases {
            let s = cosine(q, p.vector)
            if s > best[p.actionID]?.confidence ?? -2 { best[p.actionID] = Match(actionID: p.actionID, confidence: s, phrase: p.text) }
        }
        return Array(best.values.sorted { ($0.confidence, $1.actionID) > ($1.confidence, $0.actionID) }.prefix(k))
    }

    /// Motion for a free-text prompt; `seed` fixes every random choice.
    public func generate(_ prompt: String, seed: UInt64) throws -> Output {
        let matches = try match(prompt)
        guard let top = matches.first else { throw SynthesisError.emptySequence }
        var rng = RandomGenerator(seed: seed)
        let perf = performance(for: top.actionID, prompt: prompt, using: &rng)
        let (motion, distorted) = try render(perf, using: &rng)
        return Output(motion: motion, match: top, alternatives: Array(matches.dropFirst()), distorted: distorted)
    }

    /// Synthesises and degrades one performance (the World's synthetic source calls this with
    /// performances it planned itself, so generating a world needs no text model).
    public func render(_ perf: Performance, using rng: inout RandomGenerator) throws -> (SMPLMotion, Bool) {
        var (motion, _) = try synthesizer.synthesize([perf])
        let minFrames = Int(3 * motion.fps)
        while motion.frameCount < minFrames {
            motion.rootTranslation.append(motion.rootTranslation.last!)
            motion.rotations += motion.rotations.suffix(SMPLJoint.count)
        }
        let dynamic = lexicon.action(perf.actionID)?.dynamic == true
        let out = degradation.apply(to: motion, dynamic: dynamic, using: &rng)
        return (out.motion, out.distorted)
    }

    /// A performance of `actionID` honouring style and direction words found in the prompt.
    func performance(for actionID: String, prompt: String, using rng: inout RandomGenerator) -> Performance {
        let lower = " " + prompt.lowercased() + " "
        var perf = Performance(actionID: actionID, repetitions: 2, duration: 4)
        if let style = lexicon.styles.first(where: { s in s.words.contains { lower.contains(" " + $0 + " ") || lower.contains(" " + $0 + ",") || lower.contains(" " + $0 + ".") } }) {
            perf.style = style.id
        }
        if let action = lexicon.action(actionID) {
            if action.engine == .gait {
                let dirs = (action.gait?.dirs ?? ["forward"]).compactMap(GaitDirection.init(rawValue:))
                if lower.contains("backward"), dirs.contains(.backward) { perf.direction = .backward }
                else if lower.contains("circle"), dirs.contains(.circle) { perf.direction = .circle; perf.turn = 45 }
                else if lower.contains(" left"), dirs.contains(.left) { perf.direction = .left }
                else if lower.contains(" right"), dirs.contains(.right) { perf.direction = .right }
                if lower.contains("veer") { perf.turn = lower.contains("left") ? 20 : -20 }
            } else if let reps = action.keys?.reps {
                perf.repetitions = Int.random(in: reps[0]...reps[1], using: &rng)
            }
            perf.leftHanded = action.handed == true && lower.contains("left")
        }
        perf.tempo = Float.random(in: 0.9...1.1, using: &rng)
        return perf
    }
}
