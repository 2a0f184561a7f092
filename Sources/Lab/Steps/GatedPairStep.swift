import Foundation
import MBench
import Motion
import MotionWorld
import TextEncoding
import ViMoGen

/// Table 7's pairing as a cached step: ViMoGen's `GatedPair` — the gate sends each prompt to
/// the M2M branch of one model (refining the video prior's reference) or to the T2M branch of
/// another. The entry has `GenerateStep`'s layout (`motions.safetensors`, `generated.json`), so
/// `GenerateStep.load` reads it.
public struct GatedPairStep: Sendable {
    public static let kind = "generate-pair"
    public static let version = "2"  // 2: channel fusion and the grounded foot cleanup

    public var prompts: [String]
    public var eulerSteps: Int
    public var seed: UInt64
    public var priorKey: String
    public var gateKey: String

    public init(prompts: [String], eulerSteps: Int, seed: UInt64, priorKey: String, gateKey: String) {
        self.prompts = prompts; self.eulerSteps = eulerSteps; self.seed = seed; self.priorKey = priorKey; self.gateKey = gateKey
    }

    /// Inputs: the T2M model's key, then the M2M model's.
    public func key(textModel: String, motionModel: String) -> CacheKey {
        CacheKey(kind: Self.kind, version: Self.version,
                 params: ["euler_steps": String(eulerSteps), "seed": String(seed), "prior": priorKey, "gate": gateKey,
                          "prompts": String(SHA256.hex(prompts.joined(separator: "\n")).prefix(16)), "count": String(prompts.count)],
                 inputs: [textModel, motionModel])
    }

    /// The motions (denormalised, in prompt order) and the branch per prompt, cached or made now.
    public func run(text: (checkpoint: URL, key: String, encoder: () throws -> any TextEncoder),
                    motion: (checkpoint: URL, key: String, encoder: () throws -> any TextEncoder),
                    cache: StepCache, prior: VideoPrior, gate: Judge,
                    reporting: StepReporting = .silent) throws -> (motions: [FeatureFrames], record: GenerateStep.Record, wasCached: Bool) {
        guard !prompts.isEmpty else { throw ViMoGenError.invalidSetting(field: "prompts", reason: "no prompts to generate from") }
        let entry = try cache.entry(for: key(textModel: text.key, motionModel: motion.key))
        let (folder, wasCached) = try entry.resolve { folder in
            let started = Date()
            let textModel = try GenerateStep.generator(checkpoint: text.checkpoint, textEncoder: try text.encoder(), eulerSteps: eulerSteps,
                                                       prior: nil, gate: nil)
            let motionModel = try GenerateStep.generator(checkpoint: motion.checkpoint, textEncoder: try motion.encoder(), eulerSteps: eulerSteps,
                                                         prior: prior, gate: gate)
            let pair = try GatedPair(textModel: textModel, motionModel: motionModel)
            let bar = reporting.bar("generate", total: prompts.count, unit: "prompts")
            var generated: [GeneratedMotion] = []
            for start in stride(from: 0, to: prompts.count, by: 8) {
                generated += try pair.generate(Array(prompts[start..<min(start + 8, prompts.count)]), seed: seed + UInt64(start))
                bar?.progress(completed: generated.count, total: prompts.count)
            }
            bar?.finish()
            try GenerateStep.store(generated, prompts: prompts, statistics: textModel.statistics, source: "generate gated pair",
                                   in: folder, started: started, reporting: reporting)
        }
        let (motions, record) = try GenerateStep.load(folder)
        return (motions, record, wasCached)
    }
}
