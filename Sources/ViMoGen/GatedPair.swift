/// Table 7's pairing: two separately trained single-branch models behind the adaptive gate —
/// prompts whose reference passes go to the M2M-only model, the rest to the T2M-only model.
public struct GatedPair {
    public let textModel: MotionGenerator
    public let motionModel: MotionGenerator

    /// `motionModel` must have a reference provider and a gate (they decide the split).
    public init(textModel: MotionGenerator, motionModel: MotionGenerator) throws {
        guard textModel.model.configuration.branches.hasText else {
            throw ViMoGenError.branchUnavailable(mode: "t2m", branches: textModel.model.configuration.branches)
        }
        guard motionModel.model.configuration.branches.hasMotion else {
            throw ViMoGenError.branchUnavailable(mode: "m2m", branches: motionModel.model.configuration.branches)
        }
        guard motionModel.gate != nil, motionModel.references != nil else {
            throw ViMoGenError.invalidSetting(field: "motionModel", reason: "needs a reference provider and an AdaptiveGate")
        }
        self.textModel = textModel
        self.motionModel = motionModel
    }

    /// One motion per prompt, in order; prompt i uses seed `seed + i` whichever model runs it.
    public func generate(_ prompts: [String], seed: UInt64 = 0) throws -> [GeneratedMotion] {
        guard let gate = motionModel.gate, let references = motionModel.references else { preconditionFailure("checked in init") }
        var decisions: [(branch: Branch, jitter: Double)] = []
        for (i, prompt) in prompts.enumerated() {
            decisions.append(try gate.choose(prompt: prompt, reference: references.reference(for: prompt, seed: seed + UInt64(i))))
        }
        var results = [GeneratedMotion?](repeating: nil, count: prompts.count)
        for (branch, generator, mode) in [(Branch.text, textModel, GenerationMode.t2m), (.motion, motionModel, .m2m)] {
            let indices = prompts.indices.filter { decisions[$0].branch == branch }
            guard !indices.isEmpty else { continue }
            let motions = try generator.generate(indices.map { prompts[$0] }, mode: mode, seeds: indices.map { seed + UInt64($0) })
            for (i, var motion) in zip(indices, motions) {
                motion.referenceJitter = decisions[i].jitter
                results[i] = motion
            }
        }
        return results.map { $0! }
    }
}
