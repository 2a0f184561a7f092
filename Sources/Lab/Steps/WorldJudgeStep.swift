import Foundation
import MBench
import MotionWorld
import TextEncoding

/// The judge of ARCHITECTURE §9 as the issue defines it: trained on MBench's broad World
/// sample (`JudgeTrainingSet`: all tiers, both caption styles, synonyms; clean takes plus a
/// degraded copy of each) drawn with its own World seed, never on a generator's data. The benchmark judge and the gate judge are two
/// of these that differ in the World seed (`benchmark(preset:)`, `gate(preset:)`).
public struct WorldJudgeStep: Sendable {
    /// Bump when `JudgeTrainingSet` changes the sample it draws.
    public static let sampleVersion = "2"  // 2: a degraded copy of every performance (JudgeTrainingSet.augmentation)
    /// The benchmark judge's World seed (the quickstart's `seed + 1000` for seed 1).
    public static let benchmarkWorldSeed: UInt64 = 1001
    /// The gate judge's World seed.
    public static let gateWorldSeed: UInt64 = 2002

    public var worldSeed: UInt64
    /// Takes planned for the sample (the preset's `world_clips`).
    public var takes: Int
    public var steps: Int
    public var seed: UInt64

    public init(worldSeed: UInt64, takes: Int, steps: Int, seed: UInt64) {
        self.worldSeed = worldSeed; self.takes = takes; self.steps = steps; self.seed = seed
    }

    /// The benchmark judge of a preset: World seed 1001, `world_clips` takes, `judge_steps` steps.
    public static func benchmark(preset: Preset) -> WorldJudgeStep {
        WorldJudgeStep(worldSeed: benchmarkWorldSeed, takes: preset.worldClips, steps: preset.judgeSteps, seed: benchmarkWorldSeed)
    }

    /// The gate judge of a preset: the same recipe with World seed 2002.
    public static func gate(preset: Preset) -> WorldJudgeStep {
        WorldJudgeStep(worldSeed: gateWorldSeed, takes: preset.worldClips, steps: preset.judgeSteps, seed: gateWorldSeed)
    }

    /// The sample's identity, also the pose bank's key (the bank is drawn from the same sample).
    public var sampleKey: String {
        "judge-sample-v\(Self.sampleVersion)-world\(worldSeed)-takes\(takes)-world-v\(WorldTakes.worldVersion)-lexicon\(Lexicon.standard.actions.count)"
    }

    public var key: CacheKey {
        CacheKey(kind: JudgeStep.kind, version: JudgeStep.version, params: ["steps": String(steps), "seed": String(seed)], inputs: [sampleKey])
    }

    /// The sample the judge trains on (seconds; deterministic in the World seed and size).
    public func examples() throws -> [JudgeExample] { try JudgeTrainingSet.examples(worldSeed: worldSeed, takes: takes) }

    /// Pose Quality's bank from the same sample's clean clips.
    public func poseQuality() throws -> PoseQuality { PoseQuality(bank: try PoseBank(examples: try examples(), seed: worldSeed)) }

    /// The judge, from the cache or trained now (MiniLM pooled features for its text side).
    public func run(cache: StepCache, textEncoder: any TextEncoder,
                    reporting: StepReporting = .silent) throws -> (judge: Judge, key: String, wasCached: Bool) {
        let entry = try cache.entry(for: key)
        let (folder, wasCached) = try entry.resolve { folder in
            try JudgeStep.train(examples: try examples(), steps: steps, seed: seed, textEncoder: textEncoder, into: folder, reporting: reporting)
        }
        return (try Judge.load(from: folder.appendingPathComponent(JudgeStep.fileName), textEncoder: textEncoder), entry.hash, wasCached)
    }
}
