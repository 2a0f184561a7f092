import Autograd
import Foundation
import Motion
import TextEncoding

/// How `MotionGenerator` produces a motion for a prompt (the arms of Table 3).
public enum GenerationMode: String, CaseIterable, Codable, Sendable {
    /// From text with the T2M branch.
    case t2m
    /// Refine the reference provider's motion with the M2M branch.
    case m2m
    /// M2M when the gate accepts the reference, else T2M.
    case adaptive
    /// The reference itself, unrefined (the paper's "video generation baseline").
    case video
}

/// A generated motion: normalised frames, the denormalised 276-dim features, and what produced it.
public struct GeneratedMotion: Sendable {
    public var prompt: String
    /// The branch used (`nil` for `video`, which runs no model).
    public var branch: Branch?
    public var normalised: FeatureFrames
    public var features: FeatureFrames
    /// The reference's Jitter Degree when the gate looked at one.
    public var referenceJitter: Double?

    /// The joint positions (integrated from frame 0, as evaluation does).
    public func joints() throws -> JointSequence { try FrameEncoding.decode(features).joints }
}

/// Generates motions from prompts in batches: encodes the prompts, asks the reference provider
/// and the gate as the mode requires, samples all T2M and M2M prompts of a call in one batch
/// and denormalises with the checkpoint's statistics.
public final class MotionGenerator {
    public let model: ViMoGenModel
    public let statistics: FeatureStatistics
    public let texts: TextFeatureCache
    public var sampler: SamplerSettings
    public var references: ReferenceProvider?
    public var gate: AdaptiveGate?
    public var frames: Int

    public init(model: ViMoGenModel, statistics: FeatureStatistics, textEncoder: TextEncoder,
                sampler: SamplerSettings = SamplerSettings(), references: ReferenceProvider? = nil,
                gate: AdaptiveGate? = nil, frames: Int = 100) {
        self.model = model; self.statistics = statistics; texts = TextFeatureCache(encoder: textEncoder)
        self.sampler = sampler; self.references = references; self.gate = gate; self.frames = frames
    }

    /// One motion per prompt, in prompt order. Sample i draws its noise from `seed + i`.
    public func generate(_ prompts: [String], mode: GenerationMode, seed: UInt64 = 0) throws -> [GeneratedMotion] {
        try generate(prompts, mode: mode, seeds: prompts.indices.map { seed + UInt64($0) })
    }

    /// One motion per prompt with an explicit seed each (noise and reference depend only on it).
    public func generate(_ prompts: [String], mode: GenerationMode, seeds: [UInt64]) throws -> [GeneratedMotion] {
        precondition(seeds.count == prompts.count, "MotionGenerator: \(prompts.count) prompts but \(seeds.count) seeds")
        let branches = model.configuration.branches
        if mode == .t2m && !branches.hasText || mode == .m2m && !branches.hasMotion {
            throw ViMoGenError.branchUnavailable(mode: mode.rawValue, branches: branches)
        }
        var plan: [(branch: Branch?, reference: ReferenceCandidate?, jitter: Double?)] = []
        for (i, prompt) in prompts.enumerated() {
            switch mode {
            case .t2m: plan.append((.text, nil, nil))
            case .m2m, .video:
                plan.append((mode == .m2m ? .motion : nil, try reference(for: prompt, seed: seeds[i]), nil))
            case .adaptive:
                let candidate = try reference(for: prompt, seed: seeds[i])
                guard let gate else { throw ViMoGenError.invalidSetting(field: "gate", reason: "adaptive mode needs an AdaptiveGate") }
                var (branch, jitter) = try gate.choose(prompt: prompt, reference: candidate)
                // A single-branch model paired by the gate can only take its own branch.
                if !branches.hasMotion { branch = .text }
                if !branches.hasText { branch = .motion }
                plan.append((branch, candidate, jitter))
            }
        }
        let textIndices = plan.indices.filter { plan[$0].branch == .text }
        let motionIndices = plan.indices.filter { plan[$0].branch == .motion }
        var results = [FeatureFrames?](repeating: nil, count: prompts.count)
        for i in plan.indices where plan[i].branch == nil { results[i] = plan[i].reference!.frames }
        if !textIndices.isEmpty || !motionIndices.isEmpty {
            let order = textIndices + motionIndices
            let refs = motionIndices.map { ReferenceMotion(plan[$0].reference!.frames) }
            let sampled = sampleBatch(prompts: textIndices.map { prompts[$0] }, references: refs, seeds: order.map { seeds[$0] })
            for (row, index) in order.enumerated() { results[index] = sampled[row] }
        }
        return try prompts.indices.map { i in
            var normalised = results[i]!
            var features = statistics.denormalize(normalised)
            // The prior's own motion (video mode) stays raw; sampled motions get channel fusion
            // and the foot cleanup.
            if plan[i].branch != nil, sampler.channelFusion != nil || sampler.footContact != nil {
                if let fusion = sampler.channelFusion { features = try fusion.apply(features) }
                if let cleanup = sampler.footContact { features = try cleanup.apply(features) }
                normalised = statistics.normalize(features)
            }
            return GeneratedMotion(prompt: prompts[i], branch: plan[i].branch, normalised: normalised,
                                   features: features, referenceJitter: plan[i].jitter)
        }
    }

    private func reference(for prompt: String, seed: UInt64) throws -> ReferenceCandidate {
        guard let references else { throw ViMoGenError.missingReference(prompt: prompt) }
        return try references.reference(for: prompt, seed: seed)
    }

    /// Runs the sampler once over the whole batch. Each sample's starting noise comes from its
    /// own seed, so a motion does not depend on what else is in the batch.
    private func sampleBatch(prompts: [String], references: [ReferenceMotion], seeds: [UInt64]) -> [FeatureFrames] {
        let width = ViMoGenConfiguration.frameWidth
        var noise: [Float] = []
        for s in seeds {
            var rng = RandomGenerator(seed: s)
            noise += rng.normal([frames * width]).scalars
        }
        let runner = Sampler(model: model, settings: sampler)
        let output = runner.sample(prompts: texts(prompts), null: texts.null, references: references, frames: frames,
                                   initialNoise: Tensor(noise, shape: [seeds.count, frames, width]))
        let values = output.scalars, per = frames * width
        return (0..<seeds.count).map { FeatureFrames(fps: 20, values: Array(values[($0 * per)..<(($0 + 1) * per)])) }
    }
}
