import Foundation
import Motion

/// The nine-dimension MBench run: each prompt's motion is scored on the prompt's dimension —
/// the five joint-based ones from Motion, the Body Penetration and Pose Quality stand-ins, and
/// the judge's two protocols. Dimension scores are means over their prompts (for the judge
/// dimensions, accuracies over applicable prompts).
public struct Benchmark: Sendable {
    /// The benchmark judge.
    public var judge: Judge
    /// The seven dimensions that need no judge.
    public var physical: PhysicalMetrics
    /// Decides whether the judge can know a prompt's action; default `judge.canJudge(_:)`
    /// (the entry's `action_id` among the judge's training actions, else text similarity).
    public var isApplicable: (@Sendable (MBenchPrompt) -> Bool)?

    /// A benchmark with the given judge and pose bank.
    public init(judge: Judge, poseQuality: PoseQuality, isApplicable: (@Sendable (MBenchPrompt) -> Bool)? = nil) {
        self.judge = judge; physical = PhysicalMetrics(poseQuality: poseQuality); self.isApplicable = isApplicable
    }

    /// Scores `motions[i]` as the answer to `prompts[i]`.
    public func run(prompts: [MBenchPrompt], motions: [BenchmarkMotion]) throws -> BenchmarkResult {
        guard prompts.count == motions.count else {
            throw MBenchError.mismatchedCounts(what: "motions for the prompts", got: motions.count, expected: prompts.count)
        }
        var results = [MBenchPromptResult?](repeating: nil, count: prompts.count)
        // Physical dimensions: independent per prompt, spread over the cores.
        let physical = prompts.indices.filter { !prompts[$0].dimension.needsJudge }
        var outcomes = [Result<Double, Error>](repeating: .success(0), count: physical.count)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            let out = buffer
            DispatchQueue.concurrentPerform(iterations: physical.count) { k in
                let i = physical[k]
                out[k] = Result { try self.physical.score(prompts[i].dimension, motions[i]) }
            }
        }
        for (k, i) in physical.enumerated() {
            results[i] = MBenchPromptResult(entry: prompts[i], score: try outcomes[k].get(),
                                            generatedFrames: motions[i].smpl.frameCount)
        }
        // Judge dimensions: batched embeddings.
        let judged = prompts.indices.filter { prompts[$0].dimension.needsJudge }
        let applicable = judged.filter { isApplicable?(prompts[$0]) ?? judge.canJudge(prompts[$0]) }
        for i in judged where !applicable.contains(i) {
            results[i] = MBenchPromptResult(entry: prompts[i], score: nil, status: .notApplicable,
                                            generatedFrames: motions[i].smpl.frameCount)
        }
        let motionEmbeddings = judge.embed(motions: applicable.map { motions[$0].frames })
        for (k, i) in applicable.enumerated() {
            let entry = prompts[i]
            if entry.dimension == .motionConditionConsistency {
                let choices = JudgeProtocols.consistencyChoices(label: entry.prompt, distractors: entry.auxiliaryInfo,
                                                                seed: JudgeProtocols.seed(of: entry))
                let similarities = judge.embed(texts: choices).map { dotProduct($0, motionEmbeddings[k]) }
                let picked = choices[similarities.indices.max { similarities[$0] < similarities[$1] }!]
                results[i] = MBenchPromptResult(entry: entry, score: picked == entry.prompt ? 1 : 0, judgeChoice: picked,
                                                generatedFrames: motions[i].smpl.frameCount)
            } else {
                let similarity = dotProduct(judge.embed(texts: [entry.prompt])[0], motionEmbeddings[k])
                results[i] = MBenchPromptResult(entry: entry, score: similarity >= judge.threshold ? 1 : 0,
                                                judgeChoice: String(format: "similarity %.4f", similarity),
                                                generatedFrames: motions[i].smpl.frameCount)
            }
        }
        return BenchmarkResult(perPrompt: results.map { $0! })
    }
}

/// What a benchmark run returns: per-prompt results (writable with `MBenchJSON.encodeResults`)
/// and per-dimension summaries under the official names.
public struct BenchmarkResult: Sendable {
    /// One result per prompt, in prompt order.
    public var perPrompt: [MBenchPromptResult]

    /// Builds the summaries from per-prompt results.
    public init(perPrompt: [MBenchPromptResult]) { self.perPrompt = perPrompt }

    /// Mean score per dimension over its scored prompts (dimensions with no scored prompt are absent).
    public var scores: [MBenchDimension: Double] {
        var sums: [MBenchDimension: (Double, Int)] = [:]
        for result in perPrompt where result.status == .scored {
            let s = sums[result.entry.dimension] ?? (0, 0)
            sums[result.entry.dimension] = (s.0 + (result.score ?? 0), s.1 + 1)
        }
        return sums.mapValues { $0.0 / Double($0.1) }
    }

    /// How many prompts per dimension were not applicable (the judge cannot know their action).
    public var notApplicable: [MBenchDimension: Int] {
        var counts: [MBenchDimension: Int] = [:]
        for result in perPrompt where result.status == .notApplicable { counts[result.entry.dimension, default: 0] += 1 }
        return counts
    }

    /// `["Jitter_Degree": …, …]`, the tracker's metric keys.
    public var byOfficialName: [String: Double] {
        Dictionary(uniqueKeysWithValues: scores.map { ($0.key.rawValue, $0.value) })
    }
}
