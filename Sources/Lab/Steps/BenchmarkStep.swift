import Foundation
import MBench
import Motion

/// MBench on a set of motions (`mbench(motions, suite:, judge:)`): builds the suite's prompt
/// entries from the motions' own prompts, runs MBench's `Benchmark` and returns per-dimension
/// scores under the official names with the per-prompt detail.
public struct BenchmarkStep {
    /// Which dimensions to score: the seven physical ones, one of the two judge protocols, or all nine.
    public enum Suite: String, CaseIterable, Sendable {
        case quality, consistency, generalization, all

        public var dimensions: [MBenchDimension] {
            switch self {
            case .quality: return MBenchDimension.allCases.filter { !$0.needsJudge }
            case .consistency: return [.motionConditionConsistency]
            case .generalization: return [.motionGeneralizability]
            case .all: return MBenchDimension.allCases
            }
        }
    }

    public var suite: Suite
    public var seed: UInt64

    public init(suite: Suite, seed: UInt64) { self.suite = suite; self.seed = seed }

    /// One entry per (motion, dimension); consistency entries get 9 distractors chosen from the
    /// judge's known captions by MBench's percentile bands of text–text similarity.
    public func entries(prompts: [String], judge: Judge) throws -> [MBenchPrompt] {
        var entries: [MBenchPrompt] = []
        let candidates = judge.knownCaptions
        for (i, prompt) in prompts.enumerated() {
            for dimension in suite.dimensions {
                var distractors: [String] = []
                if dimension == .motionConditionConsistency {
                    let pool = candidates.filter { $0 != prompt }
                    let query = judge.embed(texts: [prompt])[0]
                    let similarities = judge.embed(texts: pool).map { zip($0, query).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
                    distractors = try DistractorSelection.choose(candidates: pool, similarities: similarities, seed: seed &+ UInt64(i))
                }
                entries.append(MBenchPrompt(prompt: prompt, dimension: dimension, id: .number(entries.count),
                                            motionDuration: 100, auxiliaryInfo: distractors))
            }
        }
        return entries
    }

    /// Scores `frames[i]` (raw 276-dim) as the answer to `prompts[i]` on every dimension of the suite.
    public func run(prompts: [String], frames: [FeatureFrames], judge: Judge, poses: PoseQuality) throws -> BenchmarkResult {
        let entries = try entries(prompts: prompts, judge: judge)
        let motions = try frames.map { try BenchmarkMotion(rawFrames: $0) }
        let perEntry = entries.map { entry -> BenchmarkMotion in
            guard case .number(let k) = entry.id else { preconditionFailure("entries are numbered") }
            return motions[k / suite.dimensions.count]
        }
        return try Benchmark(judge: judge, poseQuality: poses).run(prompts: entries, motions: perEntry)
    }

    /// Scores suite entries (e.g. the World's, `WorldSuites`): each entry against the motion
    /// generated for its prompt; a prompt with no motion is an error naming it.
    public static func run(entries: [MBenchPrompt], prompts: [String], frames: [FeatureFrames], judge: Judge,
                           poses: PoseQuality) throws -> BenchmarkResult {
        var byPrompt: [String: BenchmarkMotion] = [:]
        for (prompt, f) in zip(prompts, frames) where byPrompt[prompt] == nil { byPrompt[prompt] = try BenchmarkMotion(rawFrames: f) }
        let motions = try entries.map { entry -> BenchmarkMotion in
            guard let motion = byPrompt[entry.prompt] else {
                throw MBenchError.mismatchedCounts(what: "motions for the suite's prompt \"\(entry.prompt)\" (generate the suite's prompts)",
                                                   got: 0, expected: 1)
            }
            return motion
        }
        return try Benchmark(judge: judge, poseQuality: poses).run(prompts: entries, motions: motions)
    }

    /// A pose bank of clean poses from up to `clips` clips of a dataset (evenly spaced).
    public static func poseQuality(from dataset: CuratedDataset, clips: Int = 200, seed: UInt64) throws -> PoseQuality {
        let n = min(clips, dataset.clipCount)
        let positions = (0..<n).map { $0 * dataset.clipCount / max(n, 1) }
        let motions = try dataset.clips(at: positions).map { try FrameEncoding.decode($0.features, .integrated, appendFinalPose: true).smpl }
        return PoseQuality(bank: try PoseBank(motions: motions, seed: seed))
    }
}
